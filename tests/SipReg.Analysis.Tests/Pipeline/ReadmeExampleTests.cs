using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Rules;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>The README's custom-rule and options examples, run as written against a real capture.</summary>
public sealed class ReadmeExampleTests
{
    private sealed class TooManyContactsRule : IRegistrationRule
    {
        public string Id => "acme-too-many-contacts";

        public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

        public void Evaluate(RuleContext context)
        {
            var max = context.Threshold("max", 3);
            foreach (var flow in context.Model.Flows)
            {
                if (flow.Contacts.Count > max)
                {
                    context.Report($"{flow.Contacts.Count} Contacts for one UA", "The UA registers more Contacts than the registrar allows.",
                        "Check the UA's line configuration.", flow);
                }
            }
        }
    }

    [Fact]
    public async Task A_custom_rule_is_picked_up_and_its_threshold_comes_from_the_options()
    {
        // live/09 registers two Contacts for one AOR before removing them with Contact: *.
        var options = new AnalysisOptions();
        options.Rules.Add(new TooManyContactsRule());
        options.Thresholds["acme-too-many-contacts.max"] = 1;

        var analysis = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf("live/09_multi_contact_star_dereg.pcap"), options);

        var finding = Assert.Single(analysis.Report.Findings, f => f.Rule == "acme-too-many-contacts");
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal("sip:alice@corpus.test", finding.Aor);

        var quiet = new AnalysisOptions();
        quiet.Rules.Add(new TooManyContactsRule());
        var again = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf("live/09_multi_contact_star_dereg.pcap"), quiet);
        Assert.DoesNotContain(again.Report.Findings, f => f.Rule == "acme-too-many-contacts");
    }

    [Fact]
    public async Task The_readme_options_file_disables_rules_and_changes_severities()
    {
        var options = AnalysisOptions.FromJson("""
            {
              "disabled": ["register-as-keepalive"],
              "thresholds": { "register-as-keepalive.intervalSeconds": 45, "no-keepalive-behind-nat.natTimeoutSeconds": 30 },
              "severities": { "granted-expires-reduced": "warning" }
            }
            """);

        var lapsed = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf("live/11_expiry_mismatch_late_refresh.pcap"), options);
        var every30s = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf("edge/timing_register_every30s.pcap"), options);

        Assert.Equal(FindingSeverity.Warning, Assert.Single(lapsed.Report.Findings, f => f.Rule == "granted-expires-reduced").Severity);
        Assert.DoesNotContain(every30s.Report.Findings, f => f.Rule == "register-as-keepalive");
    }
}
