using System.Reflection;

namespace SipReg.Generator.Tests;

public class ScenarioTests
{
    private static readonly HashSet<string> s_ruleIds =
    [
        "challenge-then-registered", "auth-loop", "auth-realm-mismatch", "auth-stale-nonce", "final-failure", "no-response",
        "min-expires-not-honoured", "min-expires-honoured", "granted-expires-reduced", "binding-lapsed", "register-as-keepalive",
        "no-keepalive-behind-nat", "rechallenge-every-refresh", "service-route-ignored", "ghost-bindings", "refresh-storm",
        "deregistration", "outbound-incomplete", "no-register-dns-failure", "no-register-no-dns", "dns-failure", "encrypted-signalling",
    ];

    private static readonly HashSet<string> s_statuses =
        ["registered", "challenge-then-registered", "auth-loop", "failed", "no-response", "deregistered", "incomplete", "no-register"];

    public static TheoryData<string> Names() => [.. RegistrationScenarios.All().Select(s => s.Name)];

    private static ScenarioCapture Get(string name, CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        RegistrationScenarios.All(format).Single(s => s.Name == name);

    [Fact]
    public void Rule_ids_and_statuses_are_the_analyzers_vocabulary()
    {
        string[] constants = [.. typeof(ExpectedRuleIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)];
        Assert.Equal(s_ruleIds.Order(StringComparer.Ordinal), constants.Order(StringComparer.Ordinal));
        string[] statuses = [.. typeof(ExpectedStatuses).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)];
        Assert.Equal(s_statuses.Order(StringComparer.Ordinal), statuses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_id_is_required_by_some_scenario()
    {
        var required = RegistrationScenarios.All().SelectMany(s => s.ExpectedRules).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(s_ruleIds.Order(StringComparer.Ordinal), required.Order(StringComparer.Ordinal));
        var statuses = RegistrationScenarios.All().Select(s => s.ExpectedStatus).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(statuses, s_statuses.Except(["registered"]).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_all_puts_files_and_expectations_in_a_directory()
    {
        string directory = Directory.CreateTempSubdirectory("sipreg-scenarios").FullName;
        try
        {
            IReadOnlyList<ScenarioCapture> all = RegistrationScenarios.WriteAll(directory, CaptureFileFormat.PcapNg);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "expectations.json")));
            Assert.Equal(all.Count, json.RootElement.EnumerateObject().Count());
            foreach (ScenarioCapture scenario in all)
            {
                Assert.Equal(scenario.Bytes, File.ReadAllBytes(Path.Combine(directory, scenario.Name + ".pcapng")));
                System.Text.Json.JsonElement entry = json.RootElement.GetProperty(scenario.Name + ".pcapng");
                Assert.Equal(scenario.ExpectedStatus, entry.GetProperty("status").GetString());
                Assert.Equal(scenario.ExpectedRules, entry.GetProperty("require").EnumerateArray().Select(e => e.GetString()!));
                Assert.Equal(scenario.ForbiddenRules, entry.GetProperty("forbid").EnumerateArray().Select(e => e.GetString()!));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Names_are_unique()
    {
        IReadOnlyList<ScenarioCapture> all = RegistrationScenarios.All();
        Assert.Equal(all.Count, all.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario_is_consistent_valid_and_deterministic(string name)
    {
        ScenarioCapture scenario = Get(name);
        Assert.Contains(scenario.ExpectedStatus, s_statuses);
        Assert.All(scenario.ExpectedRules, rule => Assert.Contains(rule, s_ruleIds));
        Assert.All(scenario.ForbiddenRules, rule => Assert.Contains(rule, s_ruleIds));
        Assert.Empty(scenario.ExpectedRules.Intersect(scenario.ForbiddenRules));
        Assert.False(string.IsNullOrWhiteSpace(scenario.Description));

        Tally tally = Tally.Of(scenario.Bytes);
        Assert.True(tally.InOrder);
        Assert.Equal(scenario.Counts.Records, tally.Records);
        Assert.Equal(scenario.Counts.SipRequests, tally.SipRequests);
        Assert.Equal(scenario.Counts.SipResponses, tally.SipResponses);
        Assert.Equal(scenario.Counts.KeepAlives, tally.KeepAlives);
        Assert.Equal(scenario.Counts.IcmpErrors, tally.Icmp);
        Assert.Equal(scenario.Bytes.Length, scenario.Counts.CaptureBytes);
        Assert.Equal(scenario.Bytes, Get(name).Bytes);
        Assert.Equal(scenario.Counts.UserAgentStatus.Count > 0, scenario.Counts.SipMessages > 0);
    }

    [Fact]
    public void Pcapng_versions_hold_the_same_frames()
    {
        foreach ((ScenarioCapture pcap, ScenarioCapture pcapng) in RegistrationScenarios.All().Zip(RegistrationScenarios.All(CaptureFileFormat.PcapNg)))
        {
            Assert.Equal(CaptureFileFormat.PcapNg, pcapng.Format);
            Assert.Equal(IndependentReader.ReadRecords(pcap.Bytes).Select(r => Convert.ToHexString(r.Frame)),
                IndependentReader.ReadRecords(pcapng.Bytes).Select(r => Convert.ToHexString(r.Frame)));
        }
    }

    [Fact]
    public void Auth_loop_answers_every_request_with_credentials_with_401()
    {
        ScenarioCapture scenario = RegistrationScenarios.AuthLoop401();
        Assert.Equal(5, scenario.Counts.RequestsByMethod["REGISTER"]);
        Assert.Equal(5, scenario.Counts.ResponsesByStatus[401]);
        Assert.False(scenario.Counts.ResponsesByStatus.ContainsKey(200));
        Assert.Equal(4, Payloads(scenario).Count(p => p.StartsWith("REGISTER", StringComparison.Ordinal) && p.Contains("\r\nAuthorization: Digest", StringComparison.Ordinal)));
    }

    [Fact]
    public void Proxy_auth_loop_uses_407_and_proxy_headers()
    {
        string[] payloads = Payloads(RegistrationScenarios.AuthLoop407());
        Assert.Equal(5, payloads.Count(p => p.StartsWith("SIP/2.0 407 ", StringComparison.Ordinal) && p.Contains("\r\nProxy-Authenticate: Digest", StringComparison.Ordinal)));
        Assert.Equal(4, payloads.Count(p => p.Contains("\r\nProxy-Authorization: Digest", StringComparison.Ordinal)));
    }

    [Fact]
    public void Realm_mismatch_credentials_name_another_realm()
    {
        string[] payloads = Payloads(RegistrationScenarios.AuthRealmMismatch());
        Assert.All(payloads.Where(p => p.Contains("Authorization:", StringComparison.Ordinal)),
            p => Assert.Contains("realm=\"pbx.example.com\"", p, StringComparison.Ordinal));
        Assert.All(payloads.Where(p => p.Contains("WWW-Authenticate:", StringComparison.Ordinal)),
            p => Assert.Contains("realm=\"sipreg.test\"", p, StringComparison.Ordinal));
    }

    [Fact]
    public void No_response_retransmits_on_timer_e_with_one_branch_per_transaction()
    {
        ScenarioCapture scenario = RegistrationScenarios.NoResponse();
        Assert.Equal(2, scenario.Counts.RegisterTransactions);
        Assert.Equal(20, scenario.Counts.RegisterRetransmissions);
        Assert.Equal(0, scenario.Counts.SipResponses);
        List<(long Time, byte[] Frame)> records = IndependentReader.ReadRecords(scenario.Bytes);
        double[] gaps = [.. records.Take(11).Zip(records.Skip(1).Take(10)).Select(p => (p.Second.Time - p.First.Time) / 1e9)];
        Assert.Equal([0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4], gaps.Select(g => Math.Round(g, 2)));
        Assert.Equal(2, Payloads(scenario).Select(p => p.Split("branch=")[1].Split("\r\n")[0]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Port_unreachable_quotes_the_register_it_answers()
    {
        List<(long Time, byte[] Frame)> records = IndependentReader.ReadRecords(RegistrationScenarios.NoResponsePortUnreachable().Bytes);
        for (int i = 0; i < records.Count; i += 2)
        {
            IndependentReader.Packet icmp = IndependentReader.Check(records[i + 1].Frame);
            Assert.Equal("icmp", icmp.Protocol);
            Assert.Equal(3, icmp.Payload[0]);
            Assert.Equal(3, icmp.Payload[1]);
            byte[] sentIp = records[i].Frame[14..];
            Assert.Equal(sentIp.AsSpan(0, icmp.Payload.Length - 8).ToArray(), icmp.Payload[8..]);
        }
    }

    [Fact]
    public void Min_expires_ping_pong_never_asks_for_the_minimum()
    {
        string[] payloads = Payloads(RegistrationScenarios.MinExpiresPingPong());
        Assert.All(payloads.Where(p => p.StartsWith("REGISTER", StringComparison.Ordinal)), p => Assert.Contains("\r\nExpires: 60\r\n", p, StringComparison.Ordinal));
        Assert.All(payloads.Where(p => p.StartsWith("SIP/2.0", StringComparison.Ordinal)), p => Assert.Contains("\r\nMin-Expires: 300\r\n", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Binding_lapsed_refreshes_after_the_granted_lifetime()
    {
        ScenarioCapture scenario = RegistrationScenarios.BindingLapsed();
        List<(long Time, byte[] Frame)> records = IndependentReader.ReadRecords(scenario.Bytes);
        string[] payloads = Payloads(scenario);
        Assert.Contains(";expires=60", payloads[3], StringComparison.Ordinal);
        Assert.True(records[4].Time - records[3].Time > 60_000_000_000L);
    }

    [Fact]
    public void Nat_scenarios_mark_received_and_rport_and_keepalives_come_every_25_seconds()
    {
        string[] payloads = Payloads(RegistrationScenarios.NatWithCrlfKeepalives());
        Assert.Contains(payloads, p => p.Contains(";rport=40123;branch=", StringComparison.Ordinal) && p.Contains(";received=203.0.113.7", StringComparison.Ordinal));
        Assert.Contains(payloads, p => p.Contains("Contact: <sip:quinn@192.168.1.20:5060", StringComparison.Ordinal));
        Assert.Equal(33, RegistrationScenarios.NatWithCrlfKeepalives().Counts.KeepAlives);
        Assert.Equal(0, RegistrationScenarios.NatWithoutKeepalives().Counts.KeepAlives);
    }

    [Fact]
    public void Service_route_is_on_the_options_only_when_honoured()
    {
        string honoured = Payloads(RegistrationScenarios.ServiceRouteHonoured()).Single(p => p.StartsWith("OPTIONS", StringComparison.Ordinal));
        string ignored = Payloads(RegistrationScenarios.ServiceRouteIgnored()).Single(p => p.StartsWith("OPTIONS", StringComparison.Ordinal));
        Assert.Contains("\r\nRoute: <sip:orig@scscf.sipreg.test;lr>\r\n", honoured, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nRoute:", ignored, StringComparison.Ordinal);
        Assert.Contains(Payloads(RegistrationScenarios.ServiceRouteIgnored()), p => p.Contains("\r\nService-Route: <sip:orig@scscf.sipreg.test;lr>\r\n", StringComparison.Ordinal)
            && p.Contains("\r\nPath: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Ghost_bindings_list_contacts_that_differ_only_in_port()
    {
        string last = Payloads(RegistrationScenarios.GhostBindings())[^1];
        Assert.StartsWith("SIP/2.0 200 OK", last, StringComparison.Ordinal);
        Assert.Contains("<sip:kim@203.0.113.7:40123;", last, StringComparison.Ordinal);
        Assert.Contains("<sip:kim@203.0.113.7:40777;", last, StringComparison.Ordinal);
        Assert.Contains("<sip:kim@203.0.113.7:40999;", last, StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_storm_rounds_fit_in_one_second()
    {
        ScenarioCapture scenario = RegistrationScenarios.RefreshStorm(userAgents: 50, rounds: 2);
        List<long> times = [.. IndependentReader.ReadRecords(scenario.Bytes).Select(r => r.Time)];
        long first = times[0];
        IEnumerable<IGrouping<long, long>> rounds = times.GroupBy(t => (t - first) / 300_000_000_000L);
        Assert.Equal(3, rounds.Count());
        Assert.All(rounds, round => Assert.True(round.Max() - round.Min() < 1_000_000_000L));
        Assert.Equal(50, scenario.Counts.UserAgentStatus.Count);
    }

    [Fact]
    public void Deregistration_sends_contact_star_and_expires_zero()
    {
        string[] payloads = Payloads(RegistrationScenarios.Deregistration());
        Assert.Contains("\r\nContact: *\r\n", payloads[^2], StringComparison.Ordinal);
        Assert.Contains("\r\nExpires: 0\r\n", payloads[^2], StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nContact:", payloads[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Outbound_scenarios_differ_only_in_require_outbound()
    {
        string incomplete = Payloads(RegistrationScenarios.OutboundIncomplete())[^1];
        string complete = Payloads(RegistrationScenarios.OutboundComplete())[^1];
        Assert.DoesNotContain("\r\nRequire: outbound", incomplete, StringComparison.Ordinal);
        Assert.Contains("\r\nRequire: outbound\r\n", complete, StringComparison.Ordinal);
        Assert.Contains(";reg-id=1", incomplete, StringComparison.Ordinal);
        Assert.Contains("+sip.instance=\"<urn:uuid:", incomplete, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnsFailureKind.NxDomain, "NXDOMAIN", 6)]
    [InlineData(DnsFailureKind.ServFail, "SERVFAIL", 6)]
    [InlineData(DnsFailureKind.Refused, "REFUSED", 6)]
    [InlineData(DnsFailureKind.EmptyAnswer, "NOERROR", 6)]
    [InlineData(DnsFailureKind.NoAnswer, null, 0)]
    public void Dns_only_captures_answer_with_the_kind_asked(DnsFailureKind kind, string? rcode, int responses)
    {
        ScenarioCapture scenario = RegistrationScenarios.DnsOnly(kind);
        Tally tally = Tally.Of(scenario.Bytes);
        Assert.Equal(0, tally.SipRequests);
        Assert.Equal(responses, tally.DnsResponses);
        Assert.Equal(scenario.Counts.DnsQueries, tally.DnsQueries);
        if (rcode is not null)
        {
            Assert.Equal(responses, scenario.Counts.DnsResponsesByRcode[rcode]);
        }

        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(scenario.Bytes))
        {
            byte[] dns = IndependentReader.Check(frame).Payload;
            if ((dns[2] & 0x80) != 0)
            {
                Assert.Equal(0, dns[7]);
            }
        }
    }

    [Fact]
    public void Dns_over_tcp_frames_messages_with_a_length_prefix()
    {
        var data = new List<byte[]>();
        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(RegistrationScenarios.DnsOverTcp().Bytes))
        {
            IndependentReader.Packet packet = IndependentReader.Check(frame);
            if (packet.Payload.Length > 0)
            {
                data.Add(packet.Payload);
            }
        }

        Assert.Equal(4, data.Count);
        Assert.All(data, d => Assert.Equal(d.Length - 2, d[0] << 8 | d[1]));
    }

    [Fact]
    public void Sip_over_tcp_splits_messages_and_keeps_sequence_numbers_contiguous()
    {
        var next = new Dictionary<int, uint>();
        int segmentsWithData = 0;
        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(RegistrationScenarios.SipOverTcpSplit().Bytes))
        {
            IndependentReader.Packet packet = IndependentReader.Check(frame);
            Assert.InRange(packet.Payload.Length, 0, 200);
            if (next.TryGetValue(packet.SourcePort, out uint expected))
            {
                Assert.Equal(expected, packet.Sequence);
            }

            uint advance = (uint)packet.Payload.Length + ((packet.TcpFlags & 0x03) != 0 ? 1u : 0u);
            next[packet.SourcePort] = packet.Sequence + advance;
            segmentsWithData += packet.Payload.Length > 0 ? 1 : 0;
        }

        Assert.True(segmentsWithData > 8);
    }

    [Fact]
    public void Coalesced_tcp_segments_carry_two_messages_each()
    {
        var segments = IndependentReader.ReadRecords(RegistrationScenarios.SipOverTcpCoalesced().Bytes)
            .Select(r => IndependentReader.Check(r.Frame))
            .Where(p => p.Payload.Length > 0)
            .ToList();
        byte[] upstream = [.. segments.Where(p => p.DestinationPort == 5060).SelectMany(p => p.Payload)];
        byte[] downstream = [.. segments.Where(p => p.SourcePort == 5060).SelectMany(p => p.Payload)];
        Assert.Equal(["REGISTER sip:sipreg.test SIP/2.0", "REGISTER sip:sipreg.test SIP/2.0", "REGISTER sip:sipreg.test SIP/2.0", "REGISTER sip:sipreg.test SIP/2.0"],
            IndependentReader.SipStartLines(upstream));
        Assert.Equal(["SIP/2.0 401 Unauthorized", "SIP/2.0 401 Unauthorized", "SIP/2.0 200 OK", "SIP/2.0 200 OK"], IndependentReader.SipStartLines(downstream));

        // Eight messages in five segments: the first in each direction holds two whole messages.
        Assert.Equal(5, segments.Count);
        Assert.Equal(2, IndependentReader.SipStartLines(segments[0].Payload).Count);
        Assert.Equal(2, IndependentReader.SipStartLines(segments[1].Payload).Count);
    }

    [Fact]
    public void Tls_capture_starts_with_a_client_hello_on_5061()
    {
        IndependentReader.Packet hello = IndependentReader.ReadRecords(RegistrationScenarios.SipOverTls().Bytes)
            .Select(r => IndependentReader.Check(r.Frame)).First(p => p.Payload.Length > 0);
        Assert.Equal(5061, hello.DestinationPort);
        Assert.Equal([0x16, 0x03, 0x01], hello.Payload[..3]);
        Assert.Equal(0x01, hello.Payload[5]);
        Assert.Equal(hello.Payload.Length - 5, hello.Payload[3] << 8 | hello.Payload[4]);
    }

    [Fact]
    public void Healthy_ipv6_is_ipv6()
    {
        IndependentReader.Packet packet = IndependentReader.Check(IndependentReader.ReadRecords(RegistrationScenarios.HealthyIPv6().Bytes)[0].Frame);
        Assert.Equal("2001:db8::10", packet.Source);
        Assert.Contains("Via: SIP/2.0/UDP [2001:db8::10]:5060;", System.Text.Encoding.ASCII.GetString(packet.Payload), StringComparison.Ordinal);
    }

    private static string[] Payloads(ScenarioCapture scenario) =>
        [.. IndependentReader.ReadRecords(scenario.Bytes).Select(r => IndependentReader.Check(r.Frame))
            .Where(p => p.Protocol == "udp" && p.Payload.Length > 4)
            .Select(p => System.Text.Encoding.ASCII.GetString(p.Payload))];
}
