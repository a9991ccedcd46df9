using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class TransactionTests
{
    [Fact]
    public void A_retransmitted_request_and_response_are_counted_once()
    {
        var s = new Scenario().Register().At(0.5).Retransmit().At(0.6).Challenge().Challenge().At(0.7).Register(auth: true).Ok().Ok();
        var report = s.Analyze();
        var flow = Assert.Single(report.Flows);

        Assert.Equal(2, flow.TransactionCount);
        Assert.Equal(1, flow.Challenges);
        Assert.Equal(1, flow.Transactions[0].Retransmissions);
        Assert.Equal(1, flow.Transactions[0].ResponseRetransmissions);
        Assert.Equal(1, flow.Transactions[1].ResponseRetransmissions);
        Assert.Equal([1L, 2], flow.Transactions[0].RequestFrames);
        Assert.Equal(2, report.Model.RegisterRequests);
    }

    [Fact]
    public void Provisional_then_final_response_and_the_response_time()
    {
        var s = new Scenario().Register().At(0.1).Provisional().At(0.25).Ok();
        var t = Assert.Single(Assert.Single(s.Analyze().Flows).Transactions);

        Assert.Equal([100, 200], t.Responses.Select(r => r.StatusCode));
        Assert.Equal(200, t.FinalStatus);
        Assert.Equal(0.25, t.ResponseTimeSeconds!.Value, 6);
        Assert.Equal(TransactionOutcome.Final, t.Outcome);
    }

    [Fact]
    public void A_branch_without_the_magic_cookie_falls_back_to_the_rfc2543_match()
    {
        var s = new Scenario().Register();
        var request = s.LastRequest with { ViaBranch = "1234" };
        var response = new SipMessageFact
        {
            FrameNumber = 2,
            TimeNs = Scenario.Ns(0.1),
            Source = request.Destination,
            Destination = request.Source,
            StatusCode = 200,
            CallId = request.CallId,
            CSeq = request.CSeq,
            CSeqMethod = "REGISTER",
            FromTag = request.FromTag,
            ToUri = request.ToUri,
            ViaBranch = "1234",
            ViaSentBy = request.ViaSentBy,
            Contacts = [request.Contacts[0] with { Expires = 300 }],
        };
        var report = Scenario.Analyze([request, response]);

        var t = Assert.Single(Assert.Single(report.Flows).Transactions);
        Assert.Equal(200, t.FinalStatus);
        Assert.Equal(RegistrationStatus.Registered, report.Status);
    }

    [Fact]
    public void The_same_branch_from_another_sent_by_is_another_transaction()
    {
        // A proxy leg reusing Call-ID and CSeq (heplify retrans capture) must not be merged with the client leg.
        var client = new Scenario(ua: "172.168.0.252:52795", registrar: "172.168.0.228:5060", callId: "shared", transport: "tcp");
        var proxy = new Scenario(ua: "172.168.0.228:5160", registrar: "172.168.0.227:5060", callId: "shared", frameBase: 100);
        client.Register(expires: 300);
        proxy.Register(expires: 600).Challenge();
        client.Challenge().Register(expires: 300, auth: true);
        proxy.Register(expires: 600, auth: true).Ok(grant: 600);
        client.Ok(grant: 60);
        var facts = new List<CaptureFact> { client.Facts[0], proxy.Facts[0], proxy.Facts[1], client.Facts[1], client.Facts[2], proxy.Facts[2], proxy.Facts[3], client.Facts[3] };
        var report = Scenario.Analyze(facts);

        Assert.Equal(2, report.Flows.Count);
        Assert.All(report.Flows, f => Assert.Equal(RegistrationStatus.ChallengeThenRegistered, f.Status));
        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "granted-expires-reduced");
        Assert.Contains("60 s instead of the 300 s", f.Title, StringComparison.Ordinal);
        Assert.False(report.Has("auth-loop"));
        Assert.False(report.Has("no-response"));
    }

    [Fact]
    public void Finished_transactions_are_retired_but_stay_in_their_flow()
    {
        var s = new Scenario();
        for (var i = 0; i < 50; i++)
        {
            s.At(i * 100).Register().Ok();
        }

        var analyzer = new RegistrationAnalyzer(new AnalysisOptions { MaxTransactionsPerFlow = 64 });
        foreach (var f in s.Facts)
        {
            analyzer.Add(f);
        }

        // Only the recent transactions are still matchable; the flow keeps them all (up to its cap).
        Assert.True(analyzer.ActiveTransactionCount <= 2);
        analyzer.Complete();
        Assert.Equal(50, analyzer.Model.Flows[0].Transactions.Count);
    }

    [Fact]
    public void Past_its_cap_a_flow_keeps_its_first_and_its_latest_transactions()
    {
        var s = new Scenario();
        for (var i = 0; i < 50; i++)
        {
            s.At(i * 100).Register().Ok();
        }

        var analyzer = new RegistrationAnalyzer(new AnalysisOptions { MaxTransactionsPerFlow = 8 });
        foreach (var f in s.Facts)
        {
            analyzer.Add(f);
        }

        analyzer.Complete();
        var flow = analyzer.Model.Flows[0];
        var cseqs = flow.Transactions.Select(t => t.CSeq).ToList();
        Assert.Equal(50, flow.TransactionCount);
        Assert.Equal(42, flow.DroppedTransactions);
        var all = s.Facts.OfType<Facts.SipMessageFact>().Where(m => m.IsRequest).Select(m => m.CSeq).Distinct().ToList();
        Assert.Equal(all.Take(4).Concat(all.TakeLast(4)), cseqs);
    }

    [Fact]
    public void Many_flows_share_the_kept_transactions_and_each_keeps_its_first_and_latest()
    {
        // Three flows of 20 refreshes each, interleaved; 24 kept in all gives each 8 once all three exist.
        var uas = Enumerable.Range(0, 3)
            .Select(u => new Scenario(aor: $"sip:ua{u}@example.com", ua: $"192.0.2.{10 + u}:5060", frameBase: u * 1000)).ToList();
        var facts = new List<CaptureFact>();
        for (var i = 0; i < 20; i++)
        {
            foreach (var ua in uas)
            {
                var before = ua.Facts.Count;
                ua.At(i * 100).Register().Ok();
                facts.AddRange(ua.Facts.Skip(before));
            }
        }

        var analyzer = new RegistrationAnalyzer(new AnalysisOptions { MaxTransactionsPerFlow = 16, MaxKeptTransactions = 24 });
        foreach (var f in facts)
        {
            analyzer.Add(f);
        }

        analyzer.Complete();
        Assert.Equal(3, analyzer.Model.Flows.Count);
        for (var u = 0; u < 3; u++)
        {
            var flow = analyzer.Model.Flows[u];
            var all = uas[u].Facts.OfType<SipMessageFact>().Where(m => m.IsRequest).Select(m => m.CSeq).Distinct().ToList();
            Assert.Equal(20, flow.TransactionCount);
            Assert.Equal(12, flow.DroppedTransactions);
            Assert.Equal(all.Take(4).Concat(all.TakeLast(4)), flow.Transactions.Select(t => t.CSeq));
        }
    }

    [Fact]
    public void A_ua_that_hops_ports_on_every_register_cannot_grow_the_flow_indexes_without_bound()
    {
        // 5,000 refreshes of one UA, each from a new source port (a NAT that rebinds every time, or a hostile capture);
        // then a keep-alive on the latest path.
        const int Refreshes = 5_000;
        var s = new Scenario();
        for (var i = 0; i < Refreshes; i++)
        {
            s.At(i).Register().Ok();
        }

        var facts = new List<CaptureFact>();
        var port = 20_000;
        foreach (var f in s.Facts)
        {
            if (f is SipMessageFact m)
            {
                port += m.IsRequest ? 1 : 0;
                var ua = "192.0.2.10:" + port;
                facts.Add(m.IsRequest ? m with { Source = ua, ViaSentBy = ua } : m with { Destination = ua, ViaSentBy = ua });
            }
        }

        facts.Add(new KeepAliveFact { FrameNumber = 1_000_000, TimeNs = (Refreshes + 1) * 1_000_000_000L, Source = "192.0.2.10:" + port, Destination = "198.51.100.1:5060" });
        var analyzer = new RegistrationAnalyzer();
        foreach (var f in facts)
        {
            analyzer.Add(f);
        }

        Assert.InRange(analyzer.FlowIndexEntries, 3, 3 * ((4 * 1) + 1024));
        analyzer.Complete();
        var flow = Assert.Single(analyzer.Model.Flows);
        Assert.Equal(Refreshes, flow.TransactionCount);
        Assert.Equal(1, flow.KeepAlives);
    }

    [Fact]
    public void Rebuilt_flow_indexes_still_give_a_shared_path_to_the_flow_that_registered_on_it_last()
    {
        // Bob, then Alice register through the same NAT path, then Bob refreshes (his flow was made first, his path written
        // last); a third UA then hops ports often enough to force a rebuild.
        var facts = new List<CaptureFact>();
        var bob = new Scenario(aor: "sip:bob@example.com", frameBase: 100).At(0).Register().Ok();
        facts.AddRange(bob.Facts);
        facts.AddRange(new Scenario(aor: "sip:alice@example.com", frameBase: 0).At(1).Register().Ok().Facts);
        var before = bob.Facts.Count;
        facts.AddRange(bob.At(1.5).Register().Ok().Facts.Skip(before));
        var hopper = new Scenario(aor: "sip:carol@example.com", ua: "192.0.2.99:5060", frameBase: 1_000);
        for (var i = 0; i < 2_000; i++)
        {
            hopper.At(2 + i).Register().Ok();
        }

        var port = 30_000;
        foreach (var f in hopper.Facts.OfType<SipMessageFact>())
        {
            port += f.IsRequest ? 1 : 0;
            var ua = "192.0.2.99:" + port;
            facts.Add(f.IsRequest ? f with { Source = ua, ViaSentBy = ua } : f with { Destination = ua, ViaSentBy = ua });
        }

        facts.Add(new KeepAliveFact { FrameNumber = 1_000_000, TimeNs = 3_000L * 1_000_000_000, Source = "192.0.2.10:5060", Destination = "198.51.100.1:5060" });
        var analyzer = new RegistrationAnalyzer();
        foreach (var f in facts)
        {
            analyzer.Add(f);
        }

        analyzer.Complete();
        Assert.True(analyzer.FlowIndexEntries < 2_000);
        Assert.Equal(0, analyzer.Model.Flows.Single(f => f.AddressOfRecord == "sip:alice@example.com").KeepAlives);
        Assert.Equal(1, analyzer.Model.Flows.Single(f => f.AddressOfRecord == "sip:bob@example.com").KeepAlives);
    }

    [Fact]
    public void A_register_storm_keeps_at_most_MaxActiveTransactions_matchable_and_counts_the_ones_retired_early()
    {
        // 20,000 unanswered REGISTERs within two seconds: each would stay matchable for 64 s.
        var s = new Scenario();
        for (var i = 0; i < 20_000; i++)
        {
            s.At(i * 0.0001).Register();
        }

        var analyzer = new RegistrationAnalyzer(new AnalysisOptions { MaxActiveTransactions = 1_000 });
        var most = 0;
        foreach (var f in s.Facts)
        {
            analyzer.Add(f);
            most = Math.Max(most, analyzer.ActiveTransactionCount);
        }

        Assert.Equal(1_000, most);
        analyzer.Complete();
        Assert.Equal(19_000, analyzer.Model.TransactionsRetiredEarly);
        var flow = Assert.Single(analyzer.Model.Flows);
        Assert.Equal(20_000, flow.TransactionCount);
        // The last one was still within its timeout when the capture ended.
        Assert.All(flow.Transactions.SkipLast(1), t => Assert.Equal(TransactionOutcome.NoResponse, t.Outcome));
        Assert.Equal(TransactionOutcome.Incomplete, flow.Transactions[^1].Outcome);
    }

    [Fact]
    public void Within_MaxActiveTransactions_nothing_retires_early()
    {
        var s = new Scenario();
        for (var i = 0; i < 500; i++)
        {
            s.At(i * 0.001).Register().Ok();
        }

        var report = s.Analyze(new AnalysisOptions { MaxActiveTransactions = 1_000 });
        Assert.Equal(500, Assert.Single(report.Flows).TransactionCount);
        Assert.DoesNotContain(report.Flows[0].Transactions, t => t.Outcome != TransactionOutcome.Final);
    }

    [Fact]
    public void A_flow_alone_keeps_its_full_window_whatever_the_shared_budget()
    {
        var s = new Scenario();
        for (var i = 0; i < 50; i++)
        {
            s.At(i * 100).Register().Ok();
        }

        var analyzer = new RegistrationAnalyzer(new AnalysisOptions { MaxTransactionsPerFlow = 16, MaxKeptTransactions = 1_000 });
        foreach (var f in s.Facts)
        {
            analyzer.Add(f);
        }

        analyzer.Complete();
        Assert.Equal(16, analyzer.Model.Flows[0].Transactions.Count);
    }

    [Fact]
    public void An_icmp_unreachable_is_matched_by_its_quoted_endpoints_when_it_quotes_no_branch()
    {
        var s = new Scenario().Register();
        var icmp = new IcmpUnreachableFact
        {
            FrameNumber = 2,
            TimeNs = Scenario.Ns(0),
            QuotedSource = s.LastRequest.Source,
            QuotedDestination = s.LastRequest.Destination,
            QuotesSipRegister = true,
        };
        var report = Scenario.Analyze([.. s.Facts, icmp]);
        Assert.Equal([2L], report.Flows[0].Transactions[0].IcmpFrames);
        Assert.Equal(RegistrationStatus.NoResponse, report.Status);
    }

    [Fact]
    public void An_icmp_quoting_only_addresses_and_the_call_id_is_matched_to_that_call_only()
    {
        var a = new Scenario(callId: "call-a").Register();
        var b = new Scenario("sip:bob@example.com", callId: "call-b", frameBase: 10).Register();
        var icmp = new IcmpUnreachableFact
        {
            FrameNumber = 20,
            TimeNs = Scenario.Ns(0),
            QuotedSource = "192.0.2.10",
            QuotedDestination = "198.51.100.1",
            QuotesSipRegister = true,
            CallId = "call-b",
        };
        var report = Scenario.Analyze([.. a.Facts, .. b.Facts, icmp]);

        Assert.Empty(report.Flows.Single(f => f.CallId == "call-a").Transactions[0].IcmpFrames);
        Assert.Equal([20L], report.Flows.Single(f => f.CallId == "call-b").Transactions[0].IcmpFrames);
    }

    [Fact]
    public void A_realm_mismatch_is_judged_against_the_challenge_of_the_same_kind()
    {
        // 407 from the proxy realm, then Authorization (for a 401 realm) is not compared with the proxy's realm.
        var s = new Scenario().Register().Challenge(407, realm: "proxy.example").Register(auth: true, realm: "example.com").Ok();
        Assert.False(s.Analyze().Has("auth-realm-mismatch"));
    }

    [Fact]
    public void Facts_without_time_are_placed_at_the_latest_time_seen()
    {
        var s = new Scenario().At(100).Register().Ok().At(200).Register();
        var facts = s.Facts.Select((f, i) => i == 2 ? f with { HasTime = false, TimeNs = 0 } : f).ToList();
        var report = Scenario.Analyze(facts);

        var t = report.Flows[0].Transactions[1];
        Assert.Equal(Scenario.Ns(100), t.StartTimeNs);
        Assert.False(report.Has("binding-lapsed"));
        Assert.Equal(Scenario.Ns(100), report.Model.LastTimeNs);
    }
}
