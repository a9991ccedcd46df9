namespace SipReg.Pcap;

/// <summary>How <see cref="CaptureWriter"/> writes a capture.</summary>
public sealed record CaptureWriterOptions
{
    /// <summary>The container format. Default <see cref="CaptureFormat.PcapNg"/>.</summary>
    public CaptureFormat Format { get; init; } = CaptureFormat.PcapNg;

    /// <summary>True to write big-endian (pcap header and records, or the first pcapng section). Default false.</summary>
    public bool BigEndian { get; init; }

    /// <summary>
    /// True for nanosecond timestamps: the a1b23c4d magic in pcap, <c>if_tsresol</c> 9 on the first pcapng interface.
    /// Default false (microseconds).
    /// </summary>
    public bool Nanoseconds { get; init; }

    /// <summary>Link type of the pcap file, or of the first pcapng interface. Default <see cref="LinkType.Ethernet"/>.</summary>
    public LinkType LinkType { get; init; } = LinkType.Ethernet;

    /// <summary>Snap length of the pcap file, or of the first pcapng interface. Default 262144.</summary>
    public uint SnapLength { get; init; } = 262144;

    /// <summary>pcapng <c>shb_userappl</c> of each section; null to leave it out. Default "SipReg".</summary>
    public string? UserApplication { get; init; } = "SipReg";

    /// <summary>True to leave the stream open when the writer is disposed. Default false.</summary>
    public bool LeaveOpen { get; init; }
}
