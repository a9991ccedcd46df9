namespace SipReg.Pcap;

/// <summary>
/// Limits of a <see cref="PacketDecoder"/>: every buffer that captured traffic can grow has a cap here. Reaching a cap
/// never throws: the affected records are counted as <see cref="PacketDecoderCounters.Capped"/> (or the data is delivered
/// early with a gap) and a diagnostic says which cap was hit.
/// </summary>
public sealed record class PacketDecoderOptions
{
    /// <summary>Most VLAN tags (802.1Q 0x8100, 802.1ad 0x88a8, QinQ 0x9100) or MPLS labels skipped in one frame. Default 8.</summary>
    public int MaxVlanTags { get; init; } = 8;

    /// <summary>Most IPv6 extension headers walked before the upper-layer header (RFC 8200 §4.1). Default 16.</summary>
    public int MaxExtensionHeaders { get; init; } = 16;

    /// <summary>Most nested tunnels (IP-in-IP protocol 4 / 41, GRE 47 incl. ERSPAN) that are unwrapped. Default 2.</summary>
    public int MaxEncapsulationDepth { get; init; } = 2;

    /// <summary>Most IP datagrams being reassembled at once; a fragment that would start one more is capped. Default 1024.</summary>
    public int MaxFragmentSets { get; init; } = 1024;

    /// <summary>Most fragment records held for one datagram; the set is dropped (capped) beyond it. Default 64.</summary>
    public int MaxFragmentsPerDatagram { get; init; } = 64;

    /// <summary>
    /// Largest reassembled IP payload in bytes; a fragment reaching beyond it drops its set (capped). Default 65535
    /// (the IPv4 total-length field cannot describe more, RFC 791 §3.1).
    /// </summary>
    public int MaxDatagramSize { get; init; } = 65535;

    /// <summary>
    /// Capture time after a datagram's first fragment at which an incomplete set is given up and reported
    /// (RFC 791 suggests 15 s, Linux uses 30 s). Default 30 s.
    /// </summary>
    public TimeSpan FragmentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most TCP connections tracked at once. At the cap, the longest-quiet connection that has ended (reset, or FIN in
    /// both directions) is forgotten to make room; when none has, segments of the new connection are capped. Default 4096.
    /// </summary>
    public int MaxTcpStreams { get; init; } = 4096;

    /// <summary>
    /// Most out-of-order bytes buffered for one TCP direction; beyond it the decoder stops waiting for the hole and
    /// delivers what it holds with <see cref="TransportPayload.GapBefore"/>. Default 1 MiB.
    /// </summary>
    public int MaxBytesPerTcpStream { get; init; } = 1 << 20;

    /// <summary>Most out-of-order bytes buffered over all TCP streams; beyond it the same early delivery happens. Default 64 MiB.</summary>
    public long MaxTcpBufferedBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Capture time without a segment after which a TCP connection is forgotten (held data delivered with a gap).
    /// Default 10 minutes.
    /// </summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Most diagnostics kept; later ones are only counted in <see cref="PacketDecoderCounters.DiagnosticsDropped"/>. Default 10000.</summary>
    public int MaxDiagnostics { get; init; } = 10_000;

    /// <summary>
    /// Verify UDP checksums and report bad ones as diagnostics (the datagram is delivered anyway: in captures a bad
    /// checksum is nearly always checksum offload). Default false.
    /// </summary>
    public bool VerifyUdpChecksums { get; init; }

    internal void Validate()
    {
        if (MaxVlanTags < 0 || MaxExtensionHeaders < 0 || MaxEncapsulationDepth < 0 || MaxFragmentSets < 0
            || MaxFragmentsPerDatagram < 1 || MaxDatagramSize < 1 || MaxTcpStreams < 0 || MaxBytesPerTcpStream < 0
            || MaxTcpBufferedBytes < 0 || MaxDiagnostics < 0 || FragmentTimeout < TimeSpan.Zero || TcpIdleTimeout < TimeSpan.Zero)
        {
            throw new PcapException("PacketDecoderOptions: caps must not be negative (MaxFragmentsPerDatagram and MaxDatagramSize at least 1)");
        }
    }
}
