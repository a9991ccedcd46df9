using BenchmarkDotNet.Attributes;
using SipReg.Analysis.Pipeline;
using SipReg.Benchmarks.Capture;
using SipReg.Benchmarks.Infrastructure;
using SipReg.Generator;
using SipReg.Pcap;

namespace SipReg.Benchmarks.EndToEnd;

/// <summary>
/// The whole analysis of a generated fleet capture (about 20,000 SIP messages from 1,000 user agents, with DNS and
/// keep-alives) held in memory. The baseline only reads the capture records; "Messages" adds link/IP/TCP decoding and
/// SIP/DNS framing (<see cref="CaptureMessageSource"/>); "Analyze" is what <c>sipreg analyze</c> runs (the analyzer on
/// a thread of its own); "Analyze, one thread" runs the same analysis inline, for the ratio of the two-thread split.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class EndToEndBenchmarks : IThroughputWorkload
{
    private const int SipMessages = 20_000;
    private static readonly PipelineOptions s_inline = new() { AnalyzeOnSeparateThread = false };
    private byte[] _capture = [];
    private long _messages;

    [GlobalSetup]
    public void Prepare()
    {
        var (bytes, counts) = GeneratedCaptures.Fleet(CaptureFileFormat.Pcap, SipMessages);
        _capture = bytes;
        _messages = counts.SipMessages;
    }

    public Workload GetWorkload(string benchmarkMethod) => new(_capture.Length, _messages);

    [Benchmark(Baseline = true, Description = "Read records only")]
    public async Task<long> ReadRecords()
    {
        await using var reader = CaptureReader.Create(new MemoryStream(_capture, writable: false));
        long bytes = 0;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            while (reader.TryReadPacket(out var packet))
            {
                bytes += packet.Data.Length;
            }
        }

        return bytes;
    }

    [Benchmark(Description = "Messages (decode + demultiplex)")]
    public async Task<long> Messages()
    {
        await using var source = CaptureMessageSource.Create(new MemoryStream(_capture, writable: false));
        long count = 0;
        while (await source.ReadAsync().ConfigureAwait(false))
        {
            while (source.TryReadMessage(out _))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "Analyze (CaptureAnalyzer)")]
    public async Task<long> Analyze()
    {
        await using var source = CaptureMessageSource.Create(new MemoryStream(_capture, writable: false));
        var analysis = await CaptureAnalyzer.AnalyzeAsync(source).ConfigureAwait(false);
        return analysis.SipMessages;
    }

    [Benchmark(Description = "Analyze, one thread")]
    public async Task<long> AnalyzeInline()
    {
        await using var source = CaptureMessageSource.Create(new MemoryStream(_capture, writable: false), s_inline);
        var analysis = await CaptureAnalyzer.AnalyzeAsync(source).ConfigureAwait(false);
        return analysis.SipMessages;
    }
}
