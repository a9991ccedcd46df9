using BenchmarkDotNet.Attributes;
using SipReg.Benchmarks.Infrastructure;
using SipReg.Dns;

namespace SipReg.Benchmarks.Dns;

/// <summary>Decoding one RFC 3263 answer (the parameter); the baseline reads the 12-byte header only.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class DnsDecodingBenchmarks : IThroughputWorkload
{
    private byte[] _bytes = [];

    [ParamsSource(nameof(Messages))]
    public string Message { get; set; } = "SRV+additionals";

    public static IEnumerable<string> Messages => DnsSamples.Names;

    [GlobalSetup]
    public void Prepare() => _bytes = DnsSamples.Get(Message);

    public Workload GetWorkload(string benchmarkMethod) => new(_bytes.Length, 1);

    [Benchmark(Baseline = true, Description = "Header only")]
    public int HeaderOnly() => DnsHeader.TryRead(_bytes, out var header) ? header.AnswerCount + header.AdditionalCount : -1;

    [Benchmark(Description = "Read (layout, validation)")]
    public int Read() => DnsMessage.Read(_bytes).GetReadCount(DnsSection.Answer);

    [Benchmark(Description = "Read + every record, typed fields")]
    public long ReadAndWalk()
    {
        var message = DnsMessage.Read(_bytes);
        Span<byte> name = stackalloc byte[256];
        long sum = message.Header.Id + (int)message.ResponseCode;
        foreach (var question in message.Questions)
        {
            sum += (int)question.Type + (question.Name.TryFormatUtf8(name, out int written) ? written : 0);
        }

        sum += Walk(message.Answers, name) + Walk(message.Authorities, name) + Walk(message.Additionals, name);
        return sum;
    }

    private static long Walk(DnsRecordEnumerator records, Span<byte> name)
    {
        long sum = 0;
        foreach (var record in records)
        {
            sum += (int)record.Type + record.Ttl + (record.Name.TryFormatUtf8(name, out int written) ? written : 0);
            if (record.TryGetSrv(out var srv))
            {
                sum += srv.Priority + srv.Weight + srv.Port + (srv.Target.TryFormatUtf8(name, out written) ? written : 0);
            }
            else if (record.TryGetNaptr(out var naptr))
            {
                sum += naptr.Order + naptr.Preference + naptr.Flags.Length + naptr.Services.Length + naptr.Regexp.Length
                    + (naptr.Replacement.TryFormatUtf8(name, out written) ? written : 0);
            }
            else if (record.TryGetAddress(out var address))
            {
                sum += address[^1];
            }
        }

        return sum;
    }
}
