using SipReg.Analysis.Model;
using SipReg.Analysis.Rules;

namespace SipReg.Analysis.Tests;

public sealed class RuleEngineTests
{
    /// <summary>A user rule: flags UAs whose User-Agent contains a banned word (threshold "minFlows").</summary>
    private sealed class BannedUserAgentRule : IRegistrationRule
    {
        public string Id => "banned-user-agent";

        public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

        public void Evaluate(RuleContext context)
        {
            var hits = context.Model.Flows.Where(f => f.UserAgent?.Contains("TestPhone", StringComparison.Ordinal) == true).ToList();
            if (hits.Count >= context.Threshold("minFlows", 1))
            {
                context.Report("Banned phone", "TestPhone firmware is banned.", "Upgrade it.", hits[0], hits[0].Transactions.SelectMany(t => t.RequestFrames));
            }
        }
    }

    [Fact]
    public void A_custom_rule_added_through_the_options_appears_in_the_findings()
    {
        var options = new AnalysisOptions();
        options.Rules.Add(new BannedUserAgentRule());
        var report = new Scenario().Register().Ok().Analyze(options);

        var f = Assert.Single(report.Findings, f => f.Rule == "banned-user-agent");
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal("sip:alice@example.com", f.Aor);
        Assert.Equal([1L], f.Frames);
        Assert.NotNull(f.Flow);
    }

    [Fact]
    public void A_custom_rule_reads_its_threshold_by_its_own_id()
    {
        var options = new AnalysisOptions();
        options.Rules.Add(new BannedUserAgentRule());
        options.Thresholds["banned-user-agent.minFlows"] = 2;
        Assert.False(new Scenario().Register().Ok().Analyze(options).Has("banned-user-agent"));
    }

    [Fact]
    public void Rules_can_be_disabled_in_code()
    {
        var options = new AnalysisOptions();
        options.Disabled.Add("challenge-then-registered");
        var report = new Scenario().Register().Challenge().Register(auth: true).Ok().Analyze(options);

        Assert.False(report.Has("challenge-then-registered"));
        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status); // the status does not depend on rules
        Assert.False(options.IsEnabled("challenge-then-registered"));
    }

    [Fact]
    public void Rules_can_be_removed_and_replaced_in_the_rule_set()
    {
        var set = RuleSet.CreateDefault();
        Assert.True(set.Remove("final-failure"));
        Assert.False(set.Contains("final-failure"));
        Assert.False(new Scenario().Register().Fail(403).Analyze(new AnalysisOptions { Rules = set }).Has("final-failure"));
    }

    [Fact]
    public void The_default_rule_set_has_every_documented_rule_id_once()
    {
        string[] ids =
        [
            "challenge-then-registered", "auth-loop", "auth-realm-mismatch", "auth-stale-nonce", "final-failure", "no-response",
            "min-expires-not-honoured", "min-expires-honoured", "granted-expires-reduced", "binding-lapsed", "register-as-keepalive",
            "no-keepalive-behind-nat", "rechallenge-every-refresh", "service-route-ignored", "ghost-bindings", "refresh-storm",
            "deregistration", "outbound-incomplete", "no-register-dns-failure", "no-register-no-dns", "dns-failure", "encrypted-signalling",
        ];
        var set = RuleSet.CreateDefault();
        Assert.Equal(ids.Order(StringComparer.Ordinal), set.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Thresholds_set_in_code_change_a_rule()
    {
        var s = new Scenario();
        for (var i = 0; i < 5; i++)
        {
            s.At(i * 50).Register().Ok();
        }

        var options = new AnalysisOptions();
        options.Thresholds["register-as-keepalive.intervalSeconds"] = 45;
        Assert.True(s.Analyze().Has("register-as-keepalive"));
        Assert.False(s.Analyze(options).Has("register-as-keepalive"));
    }

    [Fact]
    public void Options_from_json_disable_rules_and_set_thresholds_severities_and_limits()
    {
        var options = AnalysisOptions.FromJson("""
            {
              // comments and trailing commas are accepted
              "disabled": ["register-as-keepalive"],
              "thresholds": { "auth-loop.minChallenges": 2, "register-as-keepalive.intervalSeconds": 45 },
              "severities": { "challenge-then-registered": "warning" },
              "limits": { "maxEvidenceFrames": 2, "maxFlows": 7, "maxKeptTransactions": 300 },
            }
            """);

        Assert.Contains("register-as-keepalive", options.Disabled);
        Assert.Equal(45, options.GetThreshold("register-as-keepalive.intervalSeconds", 60));
        Assert.Equal(2, options.MaxEvidenceFrames);
        Assert.Equal(7, options.MaxFlows);
        Assert.Equal(300, options.MaxKeptTransactions);

        var loop = new Scenario().Register().Challenge().Register(auth: true).Challenge().Register(auth: true).Challenge().Analyze(options);
        Assert.Equal(RegistrationStatus.AuthLoop, loop.Status);
        Assert.Equal(2, Assert.Single(loop.Findings, f => f.Rule == "auth-loop").Frames.Count);

        var ok = new Scenario().Register().Challenge().Register(auth: true).Ok().Analyze(options);
        Assert.Equal(FindingSeverity.Warning, Assert.Single(ok.Findings).Severity);
    }

    [Fact]
    public void Options_from_a_json_file_are_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"disabled":["final-failure"]}""");
            Assert.False(new Scenario().Register().Fail(403).Analyze(AnalysisOptions.FromJsonFile(path)).Has("final-failure"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"unknown":1}""")]
    [InlineData("""{"disabled":"auth-loop"}""")]
    [InlineData("""{"thresholds":{"auth-loop.minChallenges":"three"}}""")]
    [InlineData("""{"severities":{"auth-loop":"fatal"}}""")]
    [InlineData("""{"limits":{"maxSomething":1}}""")]
    public void Invalid_json_options_throw_format_exception(string json)
    {
        Assert.Throws<FormatException>(() => AnalysisOptions.FromJson(json));
    }

    [Fact]
    public void Evidence_frames_are_sorted_unique_and_capped()
    {
        var s = new Scenario().Register().Icmp();
        for (var i = 1; i <= 20; i++)
        {
            s.At(i).Retransmit().Icmp();
        }

        var options = new AnalysisOptions { MaxEvidenceFrames = 5 };
        var f = Assert.Single(s.Analyze(options).Findings, f => f.Rule == "no-response");
        Assert.Equal([1L, 2, 3, 4, 5], f.Frames);
    }

    [Fact]
    public void Adding_after_complete_and_reading_findings_before_complete_are_misuse()
    {
        var analyzer = new RegistrationAnalyzer();
        Assert.Throws<InvalidOperationException>(() => analyzer.Findings);
        analyzer.Complete();
        analyzer.Complete();
        Assert.Throws<InvalidOperationException>(() => analyzer.Add(new Facts.TlsSignallingFact()));
        Assert.Throws<ArgumentNullException>(() => new RegistrationAnalyzer().Add(null!));
    }

    [Fact]
    public void The_report_serialises_to_json_with_contract_names()
    {
        var report = new Scenario().Register().Challenge().Register(auth: true).Ok().Analyze();
        var json = System.Text.Json.JsonSerializer.Serialize(report);

        Assert.Contains("\"StatusName\":\"challenge-then-registered\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"challenge-then-registered\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Severity\":\"info\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Rule\":\"challenge-then-registered\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Outcome\":\"final\"", json, StringComparison.Ordinal);
        Assert.Contains("\"End\":\"active\"", json, StringComparison.Ordinal);
    }
}
