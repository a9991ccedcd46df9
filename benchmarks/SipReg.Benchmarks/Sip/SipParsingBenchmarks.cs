using BenchmarkDotNet.Attributes;
using SipReg.Benchmarks.Infrastructure;
using SipReg.Sip;

namespace SipReg.Benchmarks.Sip;

/// <summary>
/// Parsing one registration message (the message is the parameter): the baseline only finds the start line and the
/// end of the headers with span searches, the floor any SIP parser has to pay.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class SipParsingBenchmarks : IThroughputWorkload
{
    private readonly SipMessage _message = new();
    private byte[] _bytes = [];

    [ParamsSource(nameof(Messages))]
    public string Message { get; set; } = "REGISTER";

    public static IEnumerable<string> Messages => SipSamples.Names;

    [GlobalSetup]
    public void Prepare() => _bytes = SipSamples.Get(Message);

    public Workload GetWorkload(string benchmarkMethod) => new(_bytes.Length, 1);

    [Benchmark(Baseline = true, Description = "Start line + header end (span search)")]
    public int FindStartLineAndHeaderEnd()
    {
        ReadOnlySpan<byte> bytes = _bytes;
        int lineEnd = bytes.IndexOf("\r\n"u8);
        int headerEnd = bytes.IndexOf("\r\n\r\n"u8);
        return lineEnd + headerEnd;
    }

    [Benchmark(Description = "Frame (SipStreamFramer.Scan)")]
    public int Frame() => SipStreamFramer.Scan(_bytes, isCompleted: false, default).Length;

    [Benchmark(Description = "Parse")]
    public int Parse()
    {
        _message.Parse(_bytes, SipTransportKind.Datagram);
        return _message.HeaderCount;
    }

    [Benchmark(Description = "Parse + every typed header")]
    public long ParseAndReadHeaders()
    {
        var message = _message;
        message.Parse(_bytes, SipTransportKind.Datagram);
        return SipHeaderReading.ReadAll(message);
    }
}
