namespace SipReg.Generator;

/// <summary>The container a generator writes.</summary>
public enum CaptureFileFormat
{
    /// <summary>Classic pcap, little-endian, nanosecond timestamps (magic <c>0xA1B23C4D</c>), Ethernet.</summary>
    Pcap = 0,

    /// <summary>Classic pcap, little-endian, microsecond timestamps (magic <c>0xA1B2C3D4</c>), Ethernet.</summary>
    PcapMicroseconds = 1,

    /// <summary>pcapng: one section, one Ethernet interface with nanosecond resolution, Enhanced Packet Blocks.</summary>
    PcapNg = 2,
}
