using SipReg.Analysis.Model;
using SipReg.Testing;

namespace SipReg.Analysis.Tests;

/// <summary>
/// Every live capture of the corpus, read through tshark's truth and turned into facts, must reach the status and
/// the required/forbidden rule ids of <c>expectations.json</c>.
/// </summary>
public sealed class CorpusTruthTests
{
    public static TheoryData<string> LiveExpectations()
    {
        var data = new TheoryData<string>();
        using var doc = Corpus.ReadJson("expectations.json");
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name.StartsWith("live/", StringComparison.Ordinal))
            {
                data.Add(p.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LiveExpectations))]
    public void Truth_facts_reach_the_expected_status_and_findings(string capture)
    {
        var name = Path.GetFileNameWithoutExtension(capture["live/".Length..]);
        var report = RegistrationAnalyzer.Analyze(TruthFacts.Read("live/truth/" + name + ".jsonl"));
        Expectations.AssertMet(capture, report);
    }

    [Fact]
    public void Truth_of_the_multi_contact_capture_applies_per_contact_expires()
    {
        // live/09: Contacts expires=120, expires=600 and none with Expires: 3600 -> granted 120/600/3600.
        var report = RegistrationAnalyzer.Analyze(TruthFacts.Read("live/truth/09_multi_contact_star_dereg.jsonl"));
        var spans = report.Bindings.OrderBy(s => s.ExpiresSeconds).ToList();
        Assert.Equal([120L, 600L, 3600L], spans.Select(s => s.ExpiresSeconds));
        Assert.All(spans, s => Assert.Equal(BindingEnd.Deregistered, s.End));
        var flow = Assert.Single(report.Flows);
        Assert.Equal(RegistrationStatus.Deregistered, flow.Status);
    }

    [Fact]
    public void Truth_of_the_ghost_binding_capture_shows_three_bindings_at_the_end()
    {
        var facts = TruthFacts.Read("live/truth/14_ghost_bindings_nat_rebinding.jsonl");
        var report = RegistrationAnalyzer.Analyze(facts);
        var bound = report.Model.Bindings.BindingsAt("sip:alice@corpus.test", facts[^1].TimeNs);
        Assert.Equal(3, bound.Count);
        Assert.Equal(3, report.Flows.Count);
    }

    [Fact]
    public void Truth_of_the_port_unreachable_capture_counts_one_transaction_and_its_retransmissions()
    {
        var facts = TruthFacts.Read("live/truth/06a_no_response_port_unreachable.jsonl");
        var transmissions = facts.OfType<Facts.SipMessageFact>().Count(m => m.IsRequest);
        var icmp = facts.OfType<Facts.IcmpUnreachableFact>().Count();
        Assert.True(transmissions > 1 && icmp > 0);

        var report = RegistrationAnalyzer.Analyze(facts);
        var t = Assert.Single(Assert.Single(report.Flows).Transactions);
        Assert.Equal(transmissions - 1, t.Retransmissions);
        Assert.Equal(icmp, t.IcmpFrames.Count);
        Assert.Equal(TransactionOutcome.NoResponse, t.Outcome);
        Assert.Equal(1, report.Model.RegisterRequests);
    }

    [Fact]
    public void Truth_of_the_dns_capture_keeps_the_empty_aaaa_but_not_as_a_failure()
    {
        var report = RegistrationAnalyzer.Analyze(TruthFacts.Read("live/truth/07a_dns_naptr_srv_a_then_register.jsonl"));
        var aaaa = Assert.Single(report.DnsClues, c => c.Type == "AAAA");
        Assert.Equal(DnsOutcome.Empty, aaaa.Outcome);
        Assert.False(aaaa.IsFailure);
        Assert.DoesNotContain(report.DnsClues, c => c.IsFailure);
    }

    [Fact]
    public void Truth_of_the_edge_proxy_capture_gives_the_ua_leg_and_the_forwarded_leg_their_own_flows()
    {
        // live/06c: the UA's REGISTER gets 408 from the edge; the edge's forwarded copy (two Vias) is never answered.
        var report = RegistrationAnalyzer.Analyze(TruthFacts.Read("live/truth/06c_proxy_408_dead_registrar.jsonl"));

        var ua = Assert.Single(report.Flows, f => f.Hops == 1);
        var forwarded = Assert.Single(report.Flows, f => f.Hops == 2);
        Assert.Equal(RegistrationStatus.Failed, ua.Status);
        Assert.Equal(RegistrationStatus.NoResponse, forwarded.Status);
        Assert.Equal(ua.CallId, forwarded.CallId);
        Assert.NotEmpty(forwarded.Transactions[0].IcmpFrames);
        Assert.Equal(RegistrationStatus.Failed, report.Status);
    }
}
