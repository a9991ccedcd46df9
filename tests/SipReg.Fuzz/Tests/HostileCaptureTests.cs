using System.Globalization;
using SipReg.Analysis.Pipeline;
using SipReg.Pcap;
using Xunit.Abstractions;

namespace SipReg.Fuzz.Tests;

/// <summary>
/// Issue 8's hostile captures, at CI sizes (the full sizes run with <c>--hostile</c>): each is analysed within a stated
/// time and below a stated managed-heap growth, every record is accounted for, and what was capped is reported.
/// </summary>
public sealed class HostileCaptureTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1 << 20;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sipreg-hostile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Many_tiny_TCP_streams_are_capped_at_MaxTcpStreams()
    {
        var o = await RunAsync("many-tcp-streams", TimeSpan.FromSeconds(30), 128 * MiB);
        Assert.True(o.Accounting.Capped > 0, o.Describe());
        Assert.Contains(o.CapDiagnostics, d => d.Message.Contains("MaxTcpStreams", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fragment_flood_that_never_completes_is_capped_at_MaxFragmentSets()
    {
        var o = await RunAsync("fragment-flood", TimeSpan.FromSeconds(10), 128 * MiB);
        Assert.True(o.Accounting.Capped > 0, o.Describe());
        Assert.True(o.Accounting.PendingReassembly <= new PacketDecoderOptions().MaxFragmentSets, o.Describe());
        Assert.Contains(o.CapDiagnostics, d => d.Message.Contains("MaxFragmentSets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_10_MB_SIP_header_line_is_capped_at_MaxHeaderBytes()
    {
        var o = await RunAsync("endless-sip-header", TimeSpan.FromSeconds(10), 64 * MiB);
        AssertHeaderCap(o);
    }

    [Fact]
    public async Task A_10_MB_block_of_folded_header_lines_is_capped_at_MaxHeaderBytes()
    {
        var o = await RunAsync("endless-folded-header", TimeSpan.FromSeconds(10), 64 * MiB);
        AssertHeaderCap(o);
    }

    [Fact]
    public async Task A_header_bomb_over_TCP_is_capped_at_MaxHeaderBytes()
    {
        var o = await RunAsync("header-bomb", TimeSpan.FromSeconds(10), 64 * MiB);
        AssertHeaderCap(o);
    }

    [Fact]
    public async Task A_header_bomb_within_MaxHeaderBytes_is_read_up_to_MaxHeaderCount_and_says_so()
    {
        // 3,000 headers of 8 bytes: below the 64 KiB header cap, far above the 256-header cap.
        var hostile = HostileCases.Get("header-bomb");
        var (path, counts) = HostileCases.Generate(hostile, 3_000, _directory);
        var o = await HostileCases.AnalyzeAsync(hostile, 3_000, path, counts);
        output.WriteLine(o.Describe());
        AssertAccounted(o);
        Assert.True(o.Accounting.Sip > 0, o.Describe());
        Assert.Equal(1, o.Analysis.SipMessages);
        Assert.Contains(o.CapDiagnostics, d => d.Message.Contains("MaxHeaderCount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_DNS_message_of_nothing_but_pointers_stops_at_the_hop_limit()
    {
        var o = await RunAsync("dns-pointers", TimeSpan.FromSeconds(5), 32 * MiB);
        Assert.Equal(1, o.Accounting.Malformed);
        Assert.Contains(o.CapDiagnostics, d => d.Message.Contains("compression pointer loop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pcapng_block_claiming_4_GB_is_refused_at_MaxBlockLength_without_allocating_it()
    {
        var o = await RunAsync("pcapng-4gb-block", TimeSpan.FromSeconds(5), 32 * MiB);
        Assert.Equal(0, o.Accounting.Records);
        Assert.Contains(o.CapDiagnostics, d => d.Message.Contains("MaxBlockLength", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gzip_bomb_is_streamed_in_bounded_memory()
    {
        var o = await RunAsync("gzip-bomb", TimeSpan.FromSeconds(30), 64 * MiB);
        Assert.True(o.Analysis.Capture.Compressed, o.Describe());
        Assert.Equal(o.GeneratedRecords, o.Accounting.Records);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_MaxDecompressedLength_when_one_is_set()
    {
        var hostile = HostileCases.Get("gzip-bomb");
        var (path, counts) = HostileCases.Generate(hostile, hostile.CiSize, _directory);
        var options = new PipelineOptions { Reader = new CaptureReaderOptions { MaxDecompressedLength = 16 * MiB } };
        var o = await HostileCases.AnalyzeAsync(hostile, hostile.CiSize, path, counts, options);
        output.WriteLine(o.Describe());
        AssertAccounted(o);
        Assert.True(o.Accounting.Records < counts.Records, o.Describe());
        Assert.Contains(o.Analysis.Capture.Diagnostics, d => d.Message.Contains("MaxDecompressedLength", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Content_Length_0_with_a_body_and_4294967295_are_both_read_as_SIP()
    {
        var o = await RunAsync("content-length-extremes", TimeSpan.FromSeconds(5), 32 * MiB);
        Assert.Equal(2, o.Accounting.Sip);
        Assert.Equal(2, o.Analysis.SipMessages);
    }

    private static void AssertHeaderCap(HostileOutcome o)
    {
        Assert.True(o.Accounting.Capped > 0, o.Describe());
        Assert.Equal(0, o.Accounting.Sip);
        Assert.Contains(o.CapDiagnostics, d => d.Message.Contains("MaxHeaderBytes", StringComparison.Ordinal));
    }

    private static void AssertAccounted(HostileOutcome o) =>
        Assert.True(o.Accounting.Records == o.Accounting.Accounted && o.Analysis.Capture.Packets == o.Accounting.Records, o.Describe());

    private async Task<HostileOutcome> RunAsync(string name, TimeSpan timeBound, long managedBound)
    {
        var hostile = HostileCases.Get(name);
        var (path, counts) = HostileCases.Generate(hostile, hostile.CiSize, _directory);
        using var cancel = new CancellationTokenSource(timeBound * 2);
        var o = await HostileCases.AnalyzeAsync(hostile, hostile.CiSize, path, counts, cancellationToken: cancel.Token);
        output.WriteLine(o.Describe());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bounds: {timeBound.TotalSeconds:F0} s, {managedBound / MiB} MB managed-heap growth"));
        AssertAccounted(o);
        Assert.True(o.Elapsed <= timeBound, $"{name}: {o.Elapsed.TotalSeconds:F1} s > {timeBound.TotalSeconds:F0} s");
        Assert.True(o.PeakManagedGrowth <= managedBound, $"{name}: managed heap grew {o.PeakManagedGrowth / MiB} MB > {managedBound / MiB} MB");
        return o;
    }
}
