using SipReg.Analysis.Facts;

namespace SipReg.Analysis.Tests;

public sealed class KeepAliveRuleTests
{
    private static Scenario RefreshEvery(double seconds, int refreshes, Scenario? s = null, Action<Scenario>? between = null, string? received = null)
    {
        s ??= new Scenario();
        for (var i = 0; i <= refreshes; i++)
        {
            s.At(i * seconds).Register(expires: 300).Ok(viaReceived: received);
            between?.Invoke(s);
        }

        return s;
    }

    [Fact]
    public void Refreshing_every_30_seconds_is_register_as_keepalive_with_a_bandwidth_comparison()
    {
        var report = RefreshEvery(30, 4).Analyze();
        var f = Assert.Single(report.Findings, f => f.Rule == "register-as-keepalive");

        Assert.Contains("30 s", f.Title, StringComparison.Ordinal);
        Assert.Contains("observed REGISTER+200 sizes", f.Detail, StringComparison.Ordinal);

        // 500 + 400 bytes observed, plus 2 x 28 bytes of UDP/IPv4 headers, against 4 + 2 + 2 x 28 for CRLFCRLF/CRLF.
        Assert.Contains("956 bytes per refresh", f.Detail, StringComparison.Ordinal);
        Assert.Contains("62 bytes", f.Detail, StringComparison.Ordinal);
        Assert.Equal(4, f.Frames.Count);
    }

    [Fact]
    public void Refreshing_at_a_normal_interval_is_not_register_as_keepalive()
    {
        Assert.False(RefreshEvery(150, 4).Analyze().Has("register-as-keepalive"));
    }

    [Fact]
    public void A_single_short_interval_is_not_enough()
    {
        Assert.False(RefreshEvery(30, 1).Analyze().Has("register-as-keepalive"));
    }

    [Fact]
    public void Behind_nat_with_long_silent_refresh_intervals_is_no_keepalive_behind_nat()
    {
        var s = RefreshEvery(120, 3, new Scenario(ua: "10.0.0.5:5060"), received: "203.0.113.7");
        var report = s.Analyze();

        Assert.True(report.Flows[0].NatEvident);
        var f = Assert.Single(report.Findings, f => f.Rule == "no-keepalive-behind-nat");
        Assert.Contains("120 s", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Behind_nat_with_crlf_keepalives_between_refreshes_is_healthy()
    {
        void Pings(Scenario sc)
        {
            for (var k = 1; k <= 4; k++)
            {
                sc.After(25).KeepAlive().KeepAlive(KeepAliveKind.Pong);
            }
        }

        var report = RefreshEvery(120, 3, new Scenario(ua: "10.0.0.5:5060"), Pings, received: "203.0.113.7").Analyze();

        Assert.False(report.Has("no-keepalive-behind-nat"));
        Assert.False(report.Has("register-as-keepalive"));
        Assert.Equal(32, report.Flows[0].KeepAlives);
    }

    [Fact]
    public void Without_nat_evidence_long_silences_are_fine()
    {
        Assert.False(RefreshEvery(120, 3).Analyze().Has("no-keepalive-behind-nat"));
    }

    [Fact]
    public void A_private_contact_from_a_public_source_is_nat_evidence()
    {
        var s = new Scenario(ua: "203.0.113.9:40000");
        s.Register(contacts: [new SipContactFact { Uri = "sip:alice@192.168.1.20:5060", Host = "192.168.1.20", Port = 5060 }]).Ok().At(100).KeepAlive();
        Assert.True(s.Analyze().Flows[0].NatEvident);
    }

    [Fact]
    public void Many_uas_registering_in_the_same_second_again_and_again_is_a_refresh_storm()
    {
        var report = Scenario.Analyze(Fleet(uas: 60, rounds: 3, jitter: false));
        var f = Assert.Single(report.Findings, f => f.Rule == "refresh-storm");
        Assert.Contains("60 UAs", f.Title, StringComparison.Ordinal);
        Assert.Contains("3 times", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Jittered_refreshes_are_no_storm()
    {
        Assert.False(Scenario.Analyze(Fleet(uas: 60, rounds: 3, jitter: true)).Has("refresh-storm"));
    }

    [Fact]
    public void A_single_burst_is_no_storm_and_fewer_uas_than_the_threshold_neither()
    {
        Assert.False(Scenario.Analyze(Fleet(uas: 60, rounds: 1, jitter: false)).Has("refresh-storm"));
        Assert.False(Scenario.Analyze(Fleet(uas: 20, rounds: 3, jitter: false)).Has("refresh-storm"));
    }

    internal static List<CaptureFact> Fleet(int uas, int rounds, bool jitter)
    {
        var scenarios = new List<Scenario>();
        for (var u = 0; u < uas; u++)
        {
            scenarios.Add(new Scenario("sip:u" + u + "@example.com", ua: "192.0.2." + (u + 1) + ":5060", frameBase: u * 1000));
        }

        var facts = new List<CaptureFact>();
        for (var r = 0; r < rounds; r++)
        {
            for (var u = 0; u < uas; u++)
            {
                var t = (r * 300) + (jitter ? u * 4.7 : u * 0.01);
                scenarios[u].At(t).Register(expires: 300).After(0.002).Ok();
            }
        }

        foreach (var s in scenarios)
        {
            facts.AddRange(s.Facts);
        }

        facts.Sort((a, b) => a.TimeNs.CompareTo(b.TimeNs));
        return facts;
    }
}
