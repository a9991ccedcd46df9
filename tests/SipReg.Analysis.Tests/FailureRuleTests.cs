using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class FailureRuleTests
{
    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(603)]
    public void A_final_error_is_a_final_failure_and_the_flow_failed(int status)
    {
        var report = new Scenario().Register().Fail(status, "Nope").Analyze();

        Assert.Equal(RegistrationStatus.Failed, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "final-failure");
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Title, StringComparison.Ordinal);
        Assert.Equal([1L, 2], f.Frames);
    }

    [Fact]
    public void Retry_after_is_mentioned()
    {
        var f = Assert.Single(new Scenario().Register().Fail(503, "Service Unavailable", retryAfter: 120).Analyze().Findings);
        Assert.Contains("120", f.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(407)]
    [InlineData(423)]
    public void Challenges_and_interval_too_brief_are_not_final_failures(int status)
    {
        var s = new Scenario().Register();
        if (status == 423)
        {
            s.Fail(423, "Interval Too Brief", minExpires: 60);
        }
        else
        {
            s.Challenge(status);
        }

        Assert.False(s.Analyze().Has("final-failure"));
    }

    [Fact]
    public void Retransmissions_answered_by_icmp_are_no_response()
    {
        var s = new Scenario().Register().Icmp();
        foreach (var t in new[] { 0.5, 1.5, 3.5 })
        {
            s.At(t).Retransmit().Icmp();
        }

        var report = s.Analyze();
        Assert.Equal(RegistrationStatus.NoResponse, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "no-response");
        Assert.Contains("ICMP", f.Detail, StringComparison.Ordinal);
        Assert.Equal(8, f.Frames.Count);
        var t0 = Assert.Single(Assert.Single(report.Flows).Transactions);
        Assert.Equal(3, t0.Retransmissions);
        Assert.Equal(4, t0.IcmpFrames.Count);
    }

    [Fact]
    public void A_register_unanswered_for_longer_than_timer_f_is_no_response()
    {
        var other = new Scenario("sip:bob@example.com", ua: "192.0.2.20:5060");
        var s = new Scenario().Register();
        other.At(40).Register().Ok();
        var report = Scenario.Analyze([.. s.Facts, .. other.Facts]);

        Assert.Equal(RegistrationStatus.NoResponse, report.Flows[0].Status);
        Assert.True(report.Has("no-response"));
    }

    [Fact]
    public void A_register_at_the_very_end_of_the_capture_is_incomplete_not_no_response()
    {
        var report = new Scenario().Register().Ok().At(100).Register().Analyze();

        Assert.Equal(RegistrationStatus.Incomplete, report.Status);
        Assert.False(report.Has("no-response"));
        Assert.Equal(TransactionOutcome.Incomplete, report.Flows[0].Transactions[^1].Outcome);
    }

    [Fact]
    public void The_timeout_is_a_threshold()
    {
        var other = new Scenario("sip:bob@example.com", ua: "192.0.2.20:5060");
        var s = new Scenario().Register();
        other.At(10).Register().Ok();
        var options = new AnalysisOptions();
        options.Thresholds["no-response.timeoutSeconds"] = 5;

        Assert.False(Scenario.Analyze([.. s.Facts, .. other.Facts]).Has("no-response"));
        Assert.True(Scenario.Analyze([.. s.Facts, .. other.Facts], options).Has("no-response"));
    }

    [Fact]
    public void Repeating_a_lifetime_below_min_expires_is_min_expires_not_honoured()
    {
        var s = new Scenario().Register(expires: 30).Fail(423, "Interval Too Brief", minExpires: 60);
        for (var i = 0; i < 3; i++)
        {
            s.After(0.3).Register(expires: 30).Fail(423, "Interval Too Brief", minExpires: 60);
        }

        var report = s.Analyze();
        Assert.Equal(RegistrationStatus.Failed, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "min-expires-not-honoured");
        Assert.Contains("60", f.Title, StringComparison.Ordinal);
        Assert.False(report.Has("min-expires-honoured"));
        Assert.False(report.Has("final-failure"));
    }

    [Fact]
    public void Raising_the_lifetime_to_min_expires_is_min_expires_honoured()
    {
        var s = new Scenario().Register(expires: 30).Challenge().Register(expires: 30, auth: true).Fail(423, "Interval Too Brief", minExpires: 60)
            .Register(expires: 60, auth: true).Ok();

        var report = s.Analyze();
        Assert.True(report.Has("min-expires-honoured"));
        Assert.False(report.Has("min-expires-not-honoured"));
        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status);
        Assert.Equal(60, report.Flows[0].GrantedExpires);
    }

    [Fact]
    public void A_per_contact_lifetime_below_min_expires_counts_even_with_a_large_expires_header()
    {
        var s = new Scenario().Register(expires: 3600, contactExpires: 30).Fail(423, "Interval Too Brief", minExpires: 60)
            .Register(expires: 3600, contactExpires: 30).Fail(423, "Interval Too Brief", minExpires: 60);

        Assert.True(s.Analyze().Has("min-expires-not-honoured"));
    }
}
