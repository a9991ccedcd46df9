using System.Diagnostics;
using System.Globalization;
using SipReg.Analysis.Pipeline;
using SipReg.Generator;

namespace SipReg.Fuzz;

/// <summary>One hostile capture of issue 8: how to write it at a given size, the size CI uses and the full size.</summary>
/// <param name="Name">Short name (file name and <c>--only</c>).</param>
/// <param name="What">What the capture is, for reports.</param>
/// <param name="CiSize">The size tests use (the unit depends on the case: streams, fragments, bytes, pointers, headers).</param>
/// <param name="FullSize">The size of the soak's <c>--hostile</c> run.</param>
/// <param name="Unit">What the size counts.</param>
/// <param name="Extension">File extension.</param>
/// <param name="Write">Writes the capture of that size to the stream.</param>
internal sealed record HostileCase(string Name, string What, long CiSize, long FullSize, string Unit, string Extension, Func<Stream, long, GenerationCounts> Write)
{
    public override string ToString() => Name;
}

/// <summary>What analysing a hostile capture took and found.</summary>
internal sealed record HostileOutcome(HostileCase Case, long Size, long FileBytes, long GeneratedRecords, TimeSpan Elapsed, long PeakManagedGrowth, CaptureAnalysis Analysis)
{
    public CaptureAccounting Accounting => Analysis.Accounting;

    /// <summary>Diagnostics that name a cap or limit (what the pipeline says it capped).</summary>
    public IEnumerable<PipelineDiagnostic> CapDiagnostics => Analysis.Capture.Diagnostics.Where(d => IsCapMessage(d.Message));

    public static bool IsCapMessage(string message) =>
        message.Contains("cap", StringComparison.OrdinalIgnoreCase) || message.Contains("limit", StringComparison.OrdinalIgnoreCase)
        || message.Contains("max", StringComparison.OrdinalIgnoreCase) || message.Contains("exceed", StringComparison.OrdinalIgnoreCase)
        || message.Contains("too ", StringComparison.OrdinalIgnoreCase) || message.Contains("larger than", StringComparison.OrdinalIgnoreCase)
        || message.Contains("evict", StringComparison.OrdinalIgnoreCase) || message.Contains("loop", StringComparison.OrdinalIgnoreCase);

    public string Describe()
    {
        var a = Accounting;
        var c = CultureInfo.InvariantCulture;
        string caps = string.Join(" | ", CapDiagnostics.Select(d => d.Message).Distinct().Take(4));
        return string.Create(c,
            $"{Case.Name} ({Size:N0} {Case.Unit}, {FileBytes / 1048576.0:F1} MB file): {Elapsed.TotalSeconds:F2} s, peak managed growth {PeakManagedGrowth / 1048576.0:F0} MB; ")
            + string.Create(c, $"records {a.Records} = sip {a.Sip} + dns {a.Dns} + keepalive {a.KeepAlive} + other {a.Other} + unsupported {a.UnsupportedLinkType} + truncated {a.Truncated} + malformed {a.Malformed} + capped {a.Capped} + pending {a.PendingReassembly}")
            + string.Create(c, $" ({(a.Records == a.Accounted ? "invariant holds" : "INVARIANT BROKEN")}); {Analysis.Capture.Diagnostics.Count} diagnostics; caps: {(caps.Length == 0 ? "none named" : caps)}");
    }
}

/// <summary>The hostile captures of issue 8, written by the generator's <see cref="HostileCaptures"/>.</summary>
internal static class HostileCases
{
    public static IReadOnlyList<HostileCase> All { get; } =
    [
        new("many-tcp-streams", "a million tiny TCP streams (SYN + the start of a REGISTER each, none ends)", 20_000, 1_000_000, "streams", "pcap",
            (s, n) => HostileCaptures.ManyTinyTcpStreams(s, (int)n)),
        new("fragment-flood", "first IPv4 fragments of UDP datagrams that never complete, each its own datagram", 20_000, 500_000, "fragments", "pcap",
            (s, n) => HostileCaptures.FragmentFlood(s, (int)n)),
        new("endless-sip-header", "one TCP REGISTER whose last header line never ends (no blank line)", 10L << 20, 100L << 20, "header bytes", "pcap",
            (s, n) => HostileCaptures.EndlessSipHeader(s, n)),
        new("endless-folded-header", "one TCP REGISTER whose header block grows by folded continuation lines forever", 10L << 20, 100L << 20, "header bytes", "pcap",
            (s, n) => HostileCaptures.EndlessSipHeader(s, n, folded: true)),
        new("dns-pointers", "a DNS response that is nothing but compression pointers, the last back to the first", HostileCaptures.MaxDnsPointers,
            HostileCaptures.MaxDnsPointers, "pointers", "pcap", (s, n) => HostileCaptures.DnsCompressionPointers(s, (int)n)),
        new("pcapng-4gb-block", "a pcapng Enhanced Packet Block claiming 0xFFFFFFF0 bytes, then the file ends", 4096, 64L << 20, "trailing bytes", "pcapng",
            (s, n) => HostileCaptures.PcapNgHugeBlockLength(s, (int)n)),
        new("gzip-bomb", "a gzip file of identical zero frames that expands about a thousandfold", 256L << 20, 4L << 30, "uncompressed bytes", "pcap.gz",
            HostileCaptures.GzipBomb),
        new("content-length-extremes", "UDP REGISTERs with Content-Length 0 (and a body anyway) and 4294967295", 1, 1, "capture", "pcap",
            (s, _) => HostileCaptures.SipContentLengthExtremes(s)),
        new("header-bomb", "a TCP REGISTER with a hundred thousand tiny headers", 100_000, 1_000_000, "headers", "pcap",
            (s, n) => HostileCaptures.HeaderBomb(s, (int)n)),
    ];

    public static HostileCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>Writes the capture to <paramref name="directory"/> (streamed, not held in memory) and returns its path.</summary>
    public static (string Path, GenerationCounts Counts) Generate(HostileCase hostile, long size, string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{hostile.Name}-{size}.{hostile.Extension}"));
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        var counts = hostile.Write(file, size);
        return (path, counts);
    }

    /// <summary>Analyses a capture file with the whole pipeline, measuring time and the managed heap's peak growth.</summary>
    public static async Task<HostileOutcome> AnalyzeAsync(HostileCase hostile, long size, string path, GenerationCounts counts,
        PipelineOptions? options = null, CancellationToken cancellationToken = default)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var sampler = new MemorySampler(2);
        long baseline = sampler.Reset();
        var clock = Stopwatch.StartNew();
        var analysis = await CaptureAnalyzer.AnalyzeFileAsync(path, pipelineOptions: options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        long growth = sampler.Peak - baseline;
        return new HostileOutcome(hostile, size, new FileInfo(path).Length, counts.Records, elapsed, growth, analysis);
    }
}
