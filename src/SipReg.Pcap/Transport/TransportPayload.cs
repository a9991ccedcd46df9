namespace SipReg.Pcap;

/// <summary>
/// One piece of transport data handed out by <see cref="PacketDecoder.TryReadPayload"/>: a UDP datagram, the next
/// in-order bytes of a TCP direction, or the datagram quoted by an ICMP error. A view: <see cref="Data"/> is valid only
/// until the next <see cref="PacketDecoder.Decode"/> or <see cref="PacketDecoder.Complete"/>.
/// </summary>
public readonly ref struct TransportPayload
{
    private readonly PayloadInfo _info;

    internal TransportPayload(in PayloadInfo info, ReadOnlySpan<byte> data)
    {
        _info = info;
        Data = data;
    }

    /// <summary>Datagram, stream data or ICMP error.</summary>
    public TransportPayloadKind Kind => _info.Kind;

    /// <summary>UDP or TCP (for an ICMP error, the protocol of the quoted datagram).</summary>
    public TransportProtocol Protocol => _info.Protocol;

    /// <summary>Sender of the data (for an ICMP error, the source of the quoted datagram: usually the capturing side).</summary>
    public NetworkEndpoint Source => _info.Source;

    /// <summary>Receiver of the data (for an ICMP error, the destination of the quoted datagram).</summary>
    public NetworkEndpoint Destination => _info.Destination;

    /// <summary>
    /// The transport payload bytes: the UDP payload, the TCP stream bytes, or for an ICMP error the quoted UDP/TCP
    /// payload (often partial, possibly empty).
    /// </summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>
    /// 1-based frame number of the record that made this payload available: the datagram's record, the fragment that
    /// completed a datagram, the segment that filled a TCP hole (at <see cref="PacketDecoder.Complete"/>: the last one held).
    /// </summary>
    public long FrameNumber => _info.FrameNumber;

    /// <summary>Capture time of that record, nanoseconds since the Unix epoch (0 when <see cref="HasTimestamp"/> is false).</summary>
    public long TimestampNanoseconds => _info.TimestampNanoseconds;

    /// <summary>False when that record carried no timestamp.</summary>
    public bool HasTimestamp => _info.HasTimestamp;

    /// <summary>0-based interface index of that record.</summary>
    public int InterfaceIndex => _info.InterfaceIndex;

    /// <summary>
    /// True when the snap length cut the data; such a payload has a <see cref="RecordCount"/> of 0 (its record is
    /// counted as <see cref="PacketDecoderCounters.Truncated"/>).
    /// </summary>
    /// <remarks>
    /// For an ICMP error it is also true when the error quotes less than the whole original payload (routers quote as
    /// little as 8 bytes of it); that alone does not change <see cref="RecordCount"/>.
    /// </remarks>
    public bool IsTruncated => _info.IsTruncated;

    /// <summary>
    /// Number of capture records whose content is first accounted for by this payload (fragments of a datagram, TCP
    /// segments whose bytes first appear here). The consumer files them (SIP, DNS, keep-alive, other ...).
    /// </summary>
    public int RecordCount => _info.RecordCount;

    /// <summary>For TCP: 0-based index of the connection, shared by both directions (a new SYN on the same 4-tuple starts a new one); -1 otherwise.</summary>
    public long StreamIndex => _info.StreamIndex;

    /// <summary>
    /// For TCP: true when the data flows from the client: the SYN sender; when neither SYN nor SYN-ACK was captured, the
    /// endpoint with the higher port (servers listen on the lower, well-known one), or on equal ports the first sender seen.
    /// </summary>
    public bool IsFromClient => _info.IsFromClient;

    /// <summary>
    /// For TCP: number of bytes of this direction that were never captured right before <see cref="Data"/>. Non-zero
    /// means the consumer must resynchronise (drop a partial message, look for a new start).
    /// </summary>
    public long GapBefore => _info.GapBefore;

    /// <summary>For TCP: true on the first data of a direction whose SYN was not captured (the stream may start mid-message).</summary>
    public bool StreamStartMissing => _info.StreamStartMissing;

    /// <summary>For <see cref="TransportPayloadKind.IcmpError"/>: the ICMP type (ICMPv4 3 or 11, ICMPv6 1 or 3).</summary>
    public byte IcmpType => _info.IcmpType;

    /// <summary>For <see cref="TransportPayloadKind.IcmpError"/>: the ICMP code (e.g. 3 = port unreachable for ICMPv4 type 3).</summary>
    public byte IcmpCode => _info.IcmpCode;

    /// <summary>For <see cref="TransportPayloadKind.IcmpError"/>: the address that sent the error (the outer IP source).</summary>
    public NetworkAddress Reporter => _info.Reporter;
}
