namespace SipReg.Pcap;

/// <summary>pcapng block type codes (draft-ietf-opsawg-pcapng §11.1) that the reader and writer act on.</summary>
internal static class PcapNgBlockType
{
    /// <summary>Interface Description Block (§4.2).</summary>
    public const uint InterfaceDescription = 0x00000001;

    /// <summary>Packet Block, obsolete (Appendix A): 16-bit interface id and drops count.</summary>
    public const uint ObsoletePacket = 0x00000002;

    /// <summary>Simple Packet Block (§4.4): no timestamp, no interface id.</summary>
    public const uint SimplePacket = 0x00000003;

    /// <summary>Name Resolution Block (§4.5): metadata, kept as <see cref="CaptureNameRecord"/>s.</summary>
    public const uint NameResolution = 0x00000004;

    /// <summary>Interface Statistics Block (§4.6): metadata, skipped.</summary>
    public const uint InterfaceStatistics = 0x00000005;

    /// <summary>Enhanced Packet Block (§4.3).</summary>
    public const uint EnhancedPacket = 0x00000006;

    /// <summary>Section Header Block (§4.1); also the file's magic, the same in both byte orders.</summary>
    public const uint SectionHeader = 0x0A0D0D0A;

    /// <summary>The Section Header Block's byte-order magic as written by the section's byte order.</summary>
    public const uint ByteOrderMagic = 0x1A2B3C4D;
}
