using System.Text.Json;
using SipReg.Analysis.Pipeline;
using SipReg.Generator;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// The fact reader shares strings and whole header parts (Contact lists, From, Path...) through its cache. A fact
/// read through the cache, first time or from a hit, must equal the fact read without it, field by field.
/// </summary>
public sealed class SipFactReaderCacheTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var capture in Corpus.Captures("live").Concat(Corpus.Captures("public")))
        {
            data.Add(capture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Cached_facts_equal_uncached_facts_on_corpus_captures(string capture)
    {
        var compared = await CompareAsync(File.ReadAllBytes(Corpus.PathOf(capture)), new FactTextCache());
        Assert.True(compared >= 0);
    }

    [Fact]
    public async Task Cached_facts_equal_uncached_facts_on_a_fleet()
    {
        using var capture = new MemoryStream();
        CaptureGenerator.WriteFleet(new FleetSpec { Seed = 5, UserAgents = 200, TargetSipMessages = 8_000 }, capture);
        var compared = await CompareAsync(capture.ToArray(), new FactTextCache());
        Assert.True(compared > 7_000, $"only {compared} SIP messages compared");
    }

    /// <summary>Reads every SIP message twice with the cache (a miss, then a hit) and once without; all three must agree.</summary>
    private static async Task<int> CompareAsync(byte[] capture, FactTextCache cache)
    {
        await using var source = CaptureMessageSource.Create(new MemoryStream(capture));
        var compared = 0;
        while (await source.ReadAsync())
        {
            while (source.TryReadMessage(out var message))
            {
                if (message.Kind != CaptureMessageKind.Sip || message.Sip is not { } sip || !(sip.IsRequest || sip.IsResponse))
                {
                    continue;
                }

                var plain = JsonSerializer.Serialize(SipFactReader.Read(sip, message));
                var first = JsonSerializer.Serialize(SipFactReader.Read(sip, message, cache));
                var again = JsonSerializer.Serialize(SipFactReader.Read(sip, message, cache));
                Assert.Equal(plain, first);
                Assert.Equal(plain, again);
                compared++;
            }
        }

        return compared;
    }
}
