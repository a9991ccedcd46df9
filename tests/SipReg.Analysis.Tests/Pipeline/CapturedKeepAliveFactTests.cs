using SipReg.Analysis.Facts;
using SipReg.Analysis.Pipeline;
using SipReg.Pcap;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// The pipeline hands keep-alives to the analyzer with their endpoints as captured; the analyzer must reach exactly
/// what it reaches from the public <see cref="KeepAliveFact"/> with the endpoints as text.
/// </summary>
public sealed class CapturedKeepAliveFactTests
{
    [Fact]
    public void Captured_keep_alives_are_analysed_as_keep_alive_facts()
    {
        // Pings from the UA, pongs back, and some from an endpoint no flow knows, between refreshes behind NAT.
        var s = new Scenario(ua: "10.0.0.5:5060");
        for (var i = 0; i < 4; i++)
        {
            s.At(i * 120).Register(expires: 300).Ok(viaReceived: "203.0.113.7");
            s.After(25).KeepAlive().After(0.1).KeepAlive(KeepAliveKind.Pong);
        }

        var stranger = new KeepAliveFact { Source = "192.0.2.99:5060", Destination = "198.51.100.1:5060", TimeNs = 500_000_000_000, FrameNumber = 999 };
        var asText = s.Facts.Append(stranger).ToList();
        var asCaptured = asText.Select(f => f is KeepAliveFact k ? Captured(k) : f).ToList();
        Assert.Contains(asCaptured, f => f is CapturedKeepAliveFact);

        var expected = Scenario.Analyze(asText);
        var actual = Scenario.Analyze(asCaptured);

        Assert.Equal(expected.Model.KeepAlives, actual.Model.KeepAlives);
        Assert.Equal(expected.Model.UnmatchedKeepAlives, actual.Model.UnmatchedKeepAlives);
        Assert.Equal(1, actual.Model.UnmatchedKeepAlives);
        Assert.Equal(expected.Model.Flows.Select(f => (f.Key, f.KeepAlives)), actual.Model.Flows.Select(f => (f.Key, f.KeepAlives)));
        Assert.True(actual.Model.Flows.Sum(f => f.KeepAlives) >= 8);
        Assert.Equal(expected.Findings.Select(f => f.Rule + f.Title), actual.Findings.Select(f => f.Rule + f.Title));
    }

    private static CapturedKeepAliveFact Captured(KeepAliveFact k) => new()
    {
        FrameNumber = k.FrameNumber,
        TimeNs = k.TimeNs,
        HasTime = k.HasTime,
        SourceEndpoint = Parse(k.Source),
        DestinationEndpoint = Parse(k.Destination),
        Transport = k.Transport,
        Kind = k.Kind,
        Length = k.Length,
    };

    private static NetworkEndpoint Parse(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var octets = endpoint[..colon].Split('.').Select(byte.Parse).ToArray();
        return new NetworkEndpoint(NetworkAddress.FromIPv4(octets), ushort.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
