using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class AuthRuleTests
{
    [Fact]
    public void Challenge_then_credentials_then_200_is_challenge_then_registered()
    {
        var s = new Scenario().Register().Challenge().After(0.01).Register(auth: true).Ok();
        var report = s.Analyze();

        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status);
        Assert.Equal("challenge-then-registered", report.StatusName);
        var finding = Assert.Single(report.Findings, f => f.Rule == "challenge-then-registered");
        Assert.Equal(Rules.FindingSeverity.Info, finding.Severity);
        Assert.Equal([1L, 2, 3, 4], finding.Frames);
        Assert.Equal("sip:alice@example.com", finding.Aor);
    }

    [Fact]
    public void Registration_without_challenge_is_registered_and_reports_no_challenge()
    {
        var report = new Scenario().Register().Ok().Analyze();

        Assert.Equal(RegistrationStatus.Registered, report.Status);
        Assert.False(report.Has("challenge-then-registered"));
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Three_challenges_to_credentialed_registers_are_an_auth_loop()
    {
        var s = new Scenario().Register().Challenge();
        for (var i = 0; i < 3; i++)
        {
            s.After(0.5).Register(auth: true).Challenge();
        }

        var report = s.Analyze();
        Assert.Equal(RegistrationStatus.AuthLoop, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "auth-loop");
        Assert.Equal(Rules.FindingSeverity.Error, f.Severity);
        Assert.Contains("password", f.Detail, StringComparison.Ordinal);
        Assert.False(report.Has("challenge-then-registered"));
    }

    [Fact]
    public void Proxy_challenges_in_a_loop_are_named_as_proxy_authentication()
    {
        var s = new Scenario().Register().Challenge(407);
        for (var i = 0; i < 4; i++)
        {
            s.Register(auth: true, proxyAuth: true).Challenge(407);
        }

        var f = Assert.Single(s.Analyze().Findings, f => f.Rule == "auth-loop");
        Assert.Contains("407", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rejected_credentials_then_success_is_no_auth_loop()
    {
        var s = new Scenario().Register().Challenge()
            .Register(auth: true).Challenge()
            .Register(auth: true).Challenge()
            .Register(auth: true).Ok();

        var report = s.Analyze();
        Assert.False(report.Has("auth-loop"));
        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status);
    }

    [Fact]
    public void Challenges_below_the_threshold_without_a_200_fail_but_are_no_loop()
    {
        var s = new Scenario().Register().Challenge().Register(auth: true).Challenge().Register(auth: true).Challenge();

        var report = s.Analyze();
        Assert.False(report.Has("auth-loop"));
        Assert.Equal(RegistrationStatus.Failed, report.Status);
    }

    [Fact]
    public void An_unanswered_challenge_at_the_end_of_the_capture_is_incomplete()
    {
        var report = new Scenario().Register().Challenge().Analyze();
        Assert.Equal(RegistrationStatus.Incomplete, report.Status);
    }

    [Fact]
    public void Credentials_for_another_realm_are_a_realm_mismatch()
    {
        var s = new Scenario().Register().Challenge(realm: "example.com").Register(auth: true, realm: "other.example").Challenge(realm: "example.com");

        var f = Assert.Single(s.Analyze().Findings, f => f.Rule == "auth-realm-mismatch");
        Assert.Contains("other.example", f.Title, StringComparison.Ordinal);
        Assert.Equal([2L, 3], f.Frames);
    }

    [Fact]
    public void Credentials_for_the_challenge_realm_are_no_mismatch()
    {
        var s = new Scenario().Register().Challenge(realm: "example.com").Register(auth: true, realm: "example.com").Ok();
        Assert.False(s.Analyze().Has("auth-realm-mismatch"));
    }

    [Fact]
    public void A_stale_challenge_is_reported()
    {
        var s = new Scenario().Register().Challenge().Register(auth: true).Ok()
            .After(100).Register(auth: true).Challenge(nonce: "nonce-2", stale: true).Register(auth: true).Ok();

        var f = Assert.Single(s.Analyze().Findings, f => f.Rule == "auth-stale-nonce");
        Assert.Contains("stale", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reusing_the_old_nonce_after_a_nextnonce_is_reported_and_using_it_is_not()
    {
        var ignored = new Scenario().Register().Challenge(nonce: "n1").Register(auth: true).Ok(nextNonce: "n2")
            .After(100).Register(auth: true, nonce: "n1").Ok();
        var honoured = new Scenario().Register().Challenge(nonce: "n1").Register(auth: true).Ok(nextNonce: "n2")
            .After(100).Register(auth: true, nonce: "n2").Ok();

        Assert.True(ignored.Analyze().Has("auth-stale-nonce"));
        Assert.False(honoured.Analyze().Has("auth-stale-nonce"));
    }

    [Fact]
    public void Every_refresh_challenged_is_rechallenge_every_refresh()
    {
        var s = new Scenario().Register().Challenge().Register(auth: true).Ok();
        for (var i = 1; i <= 3; i++)
        {
            s.At(i * 150).Register().Challenge(nonce: "n" + i).Register(auth: true).Ok();
        }

        var report = s.Analyze();
        var f = Assert.Single(report.Findings, f => f.Rule == "rechallenge-every-refresh");
        Assert.Contains("3 of 3", f.Title, StringComparison.Ordinal);
        Assert.Contains("nextnonce", f.Detail, StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status);
    }

    [Fact]
    public void Refreshes_that_reuse_the_nonce_are_not_rechallenged()
    {
        var s = new Scenario().Register().Challenge().Register(auth: true).Ok();
        for (var i = 1; i <= 3; i++)
        {
            s.At(i * 150).Register(auth: true).Ok();
        }

        Assert.False(s.Analyze().Has("rechallenge-every-refresh"));
    }

    [Fact]
    public void One_challenged_refresh_among_several_is_not_every_refresh()
    {
        var s = new Scenario().Register().Challenge().Register(auth: true).Ok()
            .At(150).Register(auth: true).Ok()
            .At(300).Register().Challenge(nonce: "n2").Register(auth: true).Ok();

        Assert.False(s.Analyze().Has("rechallenge-every-refresh"));
    }
}
