using SipReg.Pcap;

namespace SipReg.Analysis.Pipeline;

/// <summary>What <c>sipreg info</c> says of a capture, as capinfos would: format, interfaces, counts, times, damage.</summary>
public sealed class CaptureSummary
{
    /// <summary>The file's name as given (or <c>-</c> for standard input), when known.</summary>
    public string? File { get; init; }

    /// <summary><c>pcap</c> or <c>pcapng</c>.</summary>
    public required string Format { get; init; }

    /// <summary>True when the file was gzip-compressed.</summary>
    public bool Compressed { get; init; }

    /// <summary>pcapng sections (1 for classic pcap).</summary>
    public int Sections { get; init; }

    /// <summary>The capture's interfaces.</summary>
    public required IReadOnlyList<CaptureInterface> Interfaces { get; init; }

    /// <summary>Packet records read.</summary>
    public long Packets { get; init; }

    /// <summary>Records cut by the snap length.</summary>
    public long TruncatedPackets { get; init; }

    /// <summary>Time of the first record, ns since the Unix epoch, or null when no record had a timestamp.</summary>
    public long? FirstTimeNs { get; init; }

    /// <summary>Time of the last record, ns since the Unix epoch, or null.</summary>
    public long? LastTimeNs { get; init; }

    /// <summary>Container damage and other problems, each located.</summary>
    public required IReadOnlyList<PipelineDiagnostic> Diagnostics { get; init; }

    /// <summary>Where every record went (null when only the container was read).</summary>
    public CaptureAccounting? Accounting { get; init; }

    /// <summary>Builds the summary from a reader that has read the whole capture.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="file">The file's name, if any.</param>
    /// <param name="diagnostics">Diagnostics to report (null: the reader's own).</param>
    /// <param name="accounting">Where every record went, if known.</param>
    /// <returns>The summary.</returns>
    public static CaptureSummary From(CaptureReader reader, string? file, IReadOnlyList<PipelineDiagnostic>? diagnostics = null, CaptureAccounting? accounting = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CaptureSummary
        {
            File = file,
            Format = reader.Format == CaptureFormat.PcapNg ? "pcapng" : "pcap",
            Compressed = reader.IsCompressed,
            Sections = Math.Max(1, reader.SectionCount),
            Interfaces = reader.Interfaces,
            Packets = reader.PacketCount,
            TruncatedPackets = reader.TruncatedPacketCount,
            FirstTimeNs = reader.FirstTimestamp,
            LastTimeNs = reader.LastTimestamp,
            Diagnostics = diagnostics ?? [.. reader.Diagnostics.Select(d => new PipelineDiagnostic(d.Offset, d.FrameNumber, d.Message))],
            Accounting = accounting,
        };
    }
}
