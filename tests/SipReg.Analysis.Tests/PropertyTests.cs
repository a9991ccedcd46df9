using FsCheck;
using FsCheck.Fluent;
using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class PropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static Gen<int[]> Script => from n in Gen.Choose(1, 6) from steps in Gen.Choose(0, 7).ArrayOf(n) select steps;

    /// <summary>Interprets a script of steps as one UA's registration flow on its own AOR.</summary>
    internal static Scenario Flow(int index, int[] steps)
    {
        var s = new Scenario("sip:p" + index + "@example.com", ua: "192.0.2." + (index + 1) + ":5060", frameBase: index * 1000);
        var challenged = false;
        var t = 0.0;
        foreach (var step in steps)
        {
            s.At(t += 0.05);
            switch (step)
            {
                case 0: s.Register(auth: challenged).Challenge(); challenged = true; continue;
                case 1: s.Register(auth: challenged).Ok(); break;
                case 2: s.Register(auth: challenged).Fail(403, "Forbidden"); break;
                case 3: s.Register(expires: 30, auth: challenged).Fail(423, "Interval Too Brief", minExpires: 60); break;
                case 4: s.Register(auth: challenged).At(t += 0.05).Retransmit().Ok(); break;
                case 5: s.Register(auth: challenged); break;
                case 6: s.Register(expires: 0, star: true, auth: challenged).Ok(); break;
                default: s.Register(expires: 3600, auth: challenged).Ok(grant: 60); break;
            }

            challenged = challenged && step != 1;
        }

        return s;
    }

    private static string Describe(AnalysisReport report, RegistrationFlow flow)
    {
        var findings = report.Findings.Where(f => f.Flow == flow.Key)
            .Select(f => f.Rule + "/" + f.Severity + "/" + f.Title + "/" + string.Join(",", f.Frames))
            .Order(StringComparer.Ordinal);
        var events = flow.Events.Select(e => e.Kind + ":" + string.Join(",", e.Frames));
        var transactions = flow.Transactions.Select(t => t.FinalStatus + "/" + t.Outcome + "/" + t.Retransmissions);
        return string.Join("|", [flow.Key, flow.Status.ToString(), flow.Challenges.ToString(System.Globalization.CultureInfo.InvariantCulture), .. events, .. transactions, .. findings]);
    }

    [Fact]
    public void Interleaving_unrelated_flows_does_not_change_per_flow_results()
    {
        var gen =
            from count in Gen.Choose(2, 3)
            from scripts in Script.ArrayOf(count)
            from order in Gen.Choose(0, 2).ArrayOf(40)
            select (scripts, order);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var flows = input.scripts.Select((steps, i) => Flow(i, steps).Facts).ToList();
            var alone = flows.Select(f => Scenario.Analyze(f)).SelectMany(r => r.Flows.Select(fl => Describe(r, fl))).Order(StringComparer.Ordinal).ToList();

            // Merge the flows in an arbitrary order that keeps each flow's own order.
            var merged = new List<CaptureFact>();
            var next = new int[flows.Count];
            var k = 0;
            while (merged.Count < flows.Sum(f => f.Count))
            {
                var pick = input.order[k++ % input.order.Length] % flows.Count;
                while (next[pick] >= flows[pick].Count)
                {
                    pick = (pick + 1) % flows.Count;
                }

                merged.Add(flows[pick][next[pick]++]);
            }

            var together = Scenario.Analyze(merged);
            var combined = together.Flows.Select(fl => Describe(together, fl)).Order(StringComparer.Ordinal).ToList();
            return alone.SequenceEqual(combined);
        }).Check(s_config);
    }

    [Fact]
    public void No_fact_sequence_makes_the_analyzer_throw_and_state_stays_within_the_caps()
    {
        var gen = from seed in Gen.Choose(0, int.MaxValue) from length in Gen.Choose(0, 80) select (seed, length);
        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var options = new AnalysisOptions
            {
                MaxFlows = 5,
                MaxTransactionsPerFlow = 4,
                MaxEventsPerFlow = 4,
                MaxEvidenceFrames = 3,
                MaxDnsClues = 3,
                MaxBindingHistory = 4,
                MaxFramesPerTransaction = 2,
                MaxRegisterBursts = 2,
                TransactionLingerSeconds = 5,
            };
            var analyzer = new RegistrationAnalyzer(options);
            foreach (var fact in RandomFacts.Generate(new Random(input.seed), input.length))
            {
                analyzer.Add(fact);
            }

            analyzer.Complete();
            var report = analyzer.CreateReport();
            _ = System.Text.Json.JsonSerializer.Serialize(report);
            var m = analyzer.Model;
            return m.Flows.Count <= 5
                && m.Flows.All(f => f.Transactions.Count <= 4 && f.Events.Count <= 4 && f.RefreshIntervals.Count <= 4
                    && f.Transactions.All(t => t.RequestFrames.Count <= 2 && t.Responses.Count <= 2 && t.IcmpFrames.Count <= 2))
                && report.Findings.All(f => f.Frames.Count <= 3)
                && m.DnsClues.Count <= 3
                && m.RegisterBursts.Count <= 2
                && m.Bindings.Spans.Count <= 4 + (RandomFacts.Aors.Length * RandomFacts.ContactUris.Length)
                && Enum.IsDefined(m.Status);
        }).Check(s_config);
    }

    [Fact]
    public void A_long_capture_keeps_the_state_of_one_flow_bounded()
    {
        var options = new AnalysisOptions { MaxTransactionsPerFlow = 10, MaxEventsPerFlow = 10 };
        var analyzer = new RegistrationAnalyzer(options);
        var s = new Scenario();
        for (var i = 0; i < 2000; i++)
        {
            s.At(i * 40.0).Register(expires: 30).Ok(grant: 30);
        }

        var maxActive = 0;
        foreach (var f in s.Facts)
        {
            analyzer.Add(f);
            maxActive = Math.Max(maxActive, analyzer.ActiveTransactionCount);
        }

        analyzer.Complete();
        var flow = Assert.Single(analyzer.Model.Flows);
        Assert.True(maxActive <= 2, "active transactions: " + maxActive);
        Assert.Equal(10, flow.Transactions.Count);
        Assert.Equal(1990, flow.DroppedTransactions);
        Assert.Equal(2000, flow.TransactionCount);
        // One Registered, then the first MaxEventsPerKind lapses kept; all 1999 lapses tallied.
        Assert.Equal(1 + options.MaxEventsPerKind, flow.Events.Count);
        Assert.Equal(1999 - options.MaxEventsPerKind, flow.DroppedEvents);
        Assert.Equal(1999, flow.TallyOf(RegistrationEventKind.BindingLapsed).Count);
        Assert.Equal(1999 * 10, flow.TallyOf(RegistrationEventKind.BindingLapsed).ValueSum);
        Assert.Equal(1999, flow.RefreshIntervalCount); // counters keep counting past the caps
        Assert.True(analyzer.Model.Bindings.Spans.Count <= options.MaxBindingHistory);
    }

    [Fact]
    public void Flows_beyond_the_cap_are_counted_not_kept()
    {
        var facts = KeepAliveRuleTests.Fleet(uas: 20, rounds: 1, jitter: true);
        var report = Scenario.Analyze(facts, new AnalysisOptions { MaxFlows = 5 });

        Assert.Equal(5, report.Flows.Count);
        Assert.Equal(15, report.Model.UntrackedRegisterRequests);
        Assert.Equal(20, report.Model.RegisterRequests);
    }
}

/// <summary>Random, often nonsensical facts for robustness properties.</summary>
internal static class RandomFacts
{
    public static readonly string?[] Aors = [null, "", "garbage", "sip:a@b", "<sip:x@[::1]:5060>", "sips:Alice@Example.COM;transport=tls"];
    public static readonly string[] ContactUris = ["sip:a@10.0.0.1:5060", "sip:a@10.0.0.1:5061", "*", "", "<sip:b@[2001:db8::1]>;x", "tel:+123"];
    private static readonly string?[] s_methods = ["REGISTER", "REGISTER", "INVITE", "ACK", null, "", "register"];
    private static readonly string?[] s_branches = ["z9hG4bK1", "z9hG4bK2", "old", null, ""];
    private static readonly string[] s_endpoints = ["192.0.2.1:5060", "[2001:db8::1]:5060", "10.0.0.1:1", "", "x", "192.0.2.2:53"];
    private static readonly long?[] s_numbers = [null, 0, 1, -1, 30, 60, 3600, long.MaxValue, long.MinValue, 4_294_967_295];
    private static readonly string?[] s_rcodes = [null, "NOERROR", "NXDOMAIN", "SERVFAIL", "weird"];

    public static IEnumerable<CaptureFact> Generate(Random r, int count)
    {
        var time = r.NextInt64(-1_000_000_000_000, 2_000_000_000_000_000_000);
        for (var i = 0; i < count; i++)
        {
            time += r.Next(4) switch { 0 => 0, 1 => r.NextInt64(1, 100_000_000_000), 2 => -r.NextInt64(0, 1_000_000_000), _ => r.NextInt64(0, 5_000_000_000) };
            var frame = r.Next(3) == 0 ? r.NextInt64(-5, 5) : i + 1;
            var src = Pick(r, s_endpoints);
            var dst = Pick(r, s_endpoints);
            var hasTime = r.Next(5) != 0;
            switch (r.Next(10))
            {
                case 0:
                    yield return new KeepAliveFact { FrameNumber = frame, TimeNs = time, HasTime = hasTime, Source = src, Destination = dst, Kind = (KeepAliveKind)r.Next(3) };
                    break;
                case 1:
                    yield return new DnsFact
                    {
                        FrameNumber = frame, TimeNs = time, HasTime = hasTime, Source = src, Destination = dst, Id = r.Next(3), IsResponse = r.Next(2) == 0,
                        Rcode = Pick(r, s_rcodes), QuestionName = Pick(r, ["a.example", "_sip._udp.example", ""]), QuestionType = Pick(r, ["A", "AAAA", "SRV", ""]),
                        AnswerCount = r.Next(-1, 3), SipRelated = r.Next(4) != 0,
                    };
                    break;
                case 2:
                    yield return new IcmpUnreachableFact
                    {
                        FrameNumber = frame, TimeNs = time, HasTime = hasTime, QuotedSource = src, QuotedDestination = dst, QuotesSipRegister = r.Next(2) == 0,
                        CallId = Pick(r, ["c1", "c2", null]), Branch = Pick(r, s_branches),
                    };
                    break;
                case 3:
                    yield return new TlsSignallingFact { FrameNumber = frame, TimeNs = time, HasTime = hasTime, Source = src, Destination = dst };
                    break;
                default:
                    var contacts = new List<SipContactFact>();
                    for (var c = r.Next(4); c > 0; c--)
                    {
                        contacts.Add(new SipContactFact
                        {
                            Uri = Pick(r, ContactUris), Host = Pick(r, ["10.0.0.1", null, "::1", "x"]), Expires = Pick(r, s_numbers),
                            InstanceId = Pick(r, [null, "<urn:uuid:1>"]), RegId = Pick(r, [null, "1", "2"]),
                        });
                    }

                    var isRequest = r.Next(2) == 0;
                    yield return new SipMessageFact
                    {
                        FrameNumber = frame, TimeNs = time, HasTime = hasTime, Source = src, Destination = dst, Transport = Pick(r, ["udp", "tcp", "tls", ""]),
                        IsRequest = isRequest, Method = Pick(r, s_methods), StatusCode = r.Next(5) == 0 ? null : Pick<int?>(r, [100, 180, 200, 202, 401, 407, 423, 403, 503, -1, 999]),
                        CallId = Pick(r, ["c1", "c2", ""]), CSeq = Pick(r, s_numbers), CSeqMethod = Pick(r, ["REGISTER", "INVITE", ""]),
                        FromUri = Pick(r, Aors), FromTag = Pick(r, ["t", null]), ToUri = Pick(r, Aors), ToTag = Pick(r, [null, "x"]),
                        ViaBranch = Pick(r, s_branches), ViaSentBy = Pick(r, [.. s_endpoints, null]), ViaReceived = Pick(r, [null, "203.0.113.1", "[::1"]),
                        ViaRport = Pick<int?>(r, [null, 0, 5060, -1]), Contacts = contacts, ContactStar = r.Next(6) == 0, Expires = Pick(r, s_numbers),
                        MinExpires = Pick(r, s_numbers), ServiceRoute = r.Next(3) == 0 ? ["<sip:sr@x;lr>"] : [], Route = r.Next(3) == 0 ? ["<sip:sr@x;lr>"] : [],
                        Supported = r.Next(2) == 0 ? ["outbound"] : [], Require = r.Next(3) == 0 ? ["outbound"] : [],
                        Challenge = r.Next(3) == 0 ? new SipChallengeFact { Realm = Pick(r, ["r1", "r2", null]), Nonce = Pick(r, ["n1", "n2", null]), Stale = r.Next(2) == 0 } : null,
                        Authorization = r.Next(3) == 0 ? new SipAuthorizationFact { Realm = Pick(r, ["r1", "r2", null]), Nonce = Pick(r, ["n1", "n2", null]), NonceCount = Pick(r, s_numbers) } : null,
                        NextNonce = Pick(r, [null, "n2"]), RetryAfter = Pick(r, s_numbers), Length = r.Next(-10, 2000),
                    };
                    break;
            }
        }
    }

    private static T Pick<T>(Random r, T[] values) => values[r.Next(values.Length)];
}
