using SipReg.Analysis.Pipeline;
using SipReg.Generator;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// The generator writes down what it put in a capture; the analysis must find exactly that many SIP messages,
/// DNS messages and keep-alives (RFC 5626 §3.5.1 pings and, over TCP, the registrar's pongs).
/// </summary>
public sealed class FleetCountsTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.5)]
    [InlineData(3, 1.0)]
    public async Task Analysis_counts_what_the_generator_wrote(int seed, double tcpFraction)
    {
        using var capture = new MemoryStream();
        var counts = CaptureGenerator.WriteFleet(
            new FleetSpec { Seed = seed, UserAgents = 60, TargetSipMessages = 4_000, KeepAliveFraction = 1, TcpFraction = tcpFraction },
            capture);
        capture.Position = 0;

        await using var source = CaptureMessageSource.Create(capture);
        var analysis = await CaptureAnalyzer.AnalyzeAsync(source);

        Assert.True(counts.KeepAlives > 100, $"only {counts.KeepAlives} keep-alives generated");
        Assert.Equal(tcpFraction > 0, counts.KeepAlivePongs > 0);
        Assert.Equal(counts.SipMessages, analysis.SipMessages);
        Assert.Equal(counts.KeepAlives + counts.KeepAlivePongs, analysis.KeepAlives);
        Assert.Equal(counts.DnsQueries + counts.DnsResponsesByRcode.Values.Sum(), analysis.DnsMessages);
    }
}
