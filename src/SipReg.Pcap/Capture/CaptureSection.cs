namespace SipReg.Pcap;

/// <summary>
/// One pcapng section (a Section Header Block and what follows it). A classic pcap file has one section with no
/// options.
/// </summary>
public sealed class CaptureSection
{
    internal CaptureSection(int index, long offset, bool isBigEndian, ushort majorVersion, ushort minorVersion,
        string? hardware, string? operatingSystem, string? userApplication, IReadOnlyList<string> comments)
    {
        Index = index;
        Offset = offset;
        IsBigEndian = isBigEndian;
        MajorVersion = majorVersion;
        MinorVersion = minorVersion;
        Hardware = hardware;
        OperatingSystem = operatingSystem;
        UserApplication = userApplication;
        Comments = comments;
    }

    /// <summary>0-based index of the section in the file.</summary>
    public int Index { get; }

    /// <summary>Byte offset of the section header (Section Header Block or pcap global header).</summary>
    public long Offset { get; }

    /// <summary>True when the section's multi-byte fields are big-endian.</summary>
    public bool IsBigEndian { get; }

    /// <summary>Major format version (1 for pcapng, 2 for pcap).</summary>
    public ushort MajorVersion { get; }

    /// <summary>Minor format version.</summary>
    public ushort MinorVersion { get; }

    /// <summary>pcapng <c>shb_hardware</c>, or null.</summary>
    public string? Hardware { get; }

    /// <summary>pcapng <c>shb_os</c>, or null.</summary>
    public string? OperatingSystem { get; }

    /// <summary>pcapng <c>shb_userappl</c>, or null.</summary>
    public string? UserApplication { get; }

    /// <summary>The section's <c>opt_comment</c> values (empty when none).</summary>
    public IReadOnlyList<string> Comments { get; }
}
