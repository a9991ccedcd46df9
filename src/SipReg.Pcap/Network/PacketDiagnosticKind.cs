namespace SipReg.Pcap;

/// <summary>What a <see cref="PacketDiagnostic"/> is about.</summary>
public enum PacketDiagnosticKind
{
    /// <summary>A link type the decoder does not read (reported once per interface).</summary>
    UnsupportedLinkType,

    /// <summary>A header that cannot be right (bad length, version, offset); the record is counted malformed.</summary>
    Malformed,

    /// <summary>A record cut by the snap length before its transport payload ended.</summary>
    Truncated,

    /// <summary>A cap of <see cref="PacketDecoderOptions"/> was reached.</summary>
    Capped,

    /// <summary>IP fragments that overlap with different bytes (the first received bytes are kept).</summary>
    OverlappingFragments,

    /// <summary>An IP datagram whose fragments never all arrived.</summary>
    IncompleteDatagram,

    /// <summary>TCP bytes that were never captured (a hole skipped, or a stream that ended with data missing).</summary>
    TcpGap,

    /// <summary>A UDP checksum that does not match (usually checksum offload on the capturing host).</summary>
    BadChecksum,
}
