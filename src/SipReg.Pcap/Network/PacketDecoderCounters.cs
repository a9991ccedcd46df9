namespace SipReg.Pcap;

/// <summary>
/// The accounting of a <see cref="PacketDecoder"/>. Every record passed to <see cref="PacketDecoder.Decode"/> ends in
/// exactly one place: one of the kept buckets below, or the <see cref="TransportPayload.RecordCount"/> of a payload.
/// So <c>Records == KeptRecords + DeliveredRecords + HeldRecords</c> at any time, and <see cref="HeldRecords"/> is 0
/// after <see cref="PacketDecoder.Complete"/>.
/// </summary>
public sealed class PacketDecoderCounters
{
    /// <summary>Records passed to <see cref="PacketDecoder.Decode"/>.</summary>
    public long Records { get; internal set; }

    /// <summary>Records whose link layer is supported and that carry a complete IPv4/IPv6 header (each fragment counts).</summary>
    public long IpPackets { get; internal set; }

    /// <summary>Kept: records of a link type the decoder does not read (never guessed).</summary>
    public long UnsupportedLinkType { get; internal set; }

    /// <summary>
    /// Kept: records cut by the snap length so that their transport payload is incomplete. A truncated payload is
    /// still handed out (with <see cref="TransportPayload.IsTruncated"/> and a record count of 0).
    /// </summary>
    public long Truncated { get; internal set; }

    /// <summary>Kept: records with bad link, IP, UDP, TCP or ICMP headers (the reason is in a diagnostic).</summary>
    public long Malformed { get; internal set; }

    /// <summary>Kept: records dropped because a cap of <see cref="PacketDecoderOptions"/> was reached.</summary>
    public long Capped { get; internal set; }

    /// <summary>Kept: IP fragments of datagrams that never completed (reported at timeout or at <see cref="PacketDecoder.Complete"/>).</summary>
    public long PendingReassembly { get; internal set; }

    /// <summary>
    /// Kept: everything else: non-IP frames (ARP, LLDP), IP protocols other than UDP/TCP/ICMP errors, TCP segments
    /// without payload, ICMP messages that are not errors, and duplicates (see <see cref="Duplicates"/>).
    /// </summary>
    public long Other { get; internal set; }

    /// <summary>Of <see cref="Other"/>: exact duplicate IP fragments and TCP retransmissions that added no new bytes.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Sum of the kept buckets.</summary>
    public long KeptRecords => UnsupportedLinkType + Truncated + Malformed + Capped + PendingReassembly + Other;

    /// <summary>
    /// Records held for now and accounted for later: IP fragments of datagrams not yet complete and TCP segments
    /// waiting behind a hole. 0 after <see cref="PacketDecoder.Complete"/>.
    /// </summary>
    public long HeldRecords { get; internal set; }

    /// <summary>Sum of <see cref="TransportPayload.RecordCount"/> over every payload handed out so far.</summary>
    public long DeliveredRecords { get; internal set; }

    /// <summary>Payloads handed out.</summary>
    public long Payloads { get; internal set; }

    /// <summary>IP datagrams reassembled from fragments.</summary>
    public long ReassembledDatagrams { get; internal set; }

    /// <summary>IP datagrams given up incomplete (timeout, end of capture, cap).</summary>
    public long IncompleteDatagrams { get; internal set; }

    /// <summary>TCP connections seen (stream indexes handed out).</summary>
    public long TcpStreams { get; internal set; }

    /// <summary>TCP bytes never captured, skipped over by <see cref="TransportPayload.GapBefore"/>.</summary>
    public long TcpGapBytes { get; internal set; }

    /// <summary>UDP datagrams with a wrong checksum (only when <see cref="PacketDecoderOptions.VerifyUdpChecksums"/>).</summary>
    public long BadUdpChecksums { get; internal set; }

    /// <summary>Diagnostics not kept because <see cref="PacketDecoderOptions.MaxDiagnostics"/> was reached.</summary>
    public long DiagnosticsDropped { get; internal set; }
}
