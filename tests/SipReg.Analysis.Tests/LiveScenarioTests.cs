using SipReg.Analysis.Facts;
using SipReg.Testing;

namespace SipReg.Analysis.Tests;

/// <summary>
/// Each live capture of the corpus rebuilt with the scenario builder from its manifest description, held to the
/// capture's expectations (status, required and forbidden rules), independently of tshark's truth.
/// </summary>
public sealed class LiveScenarioTests
{
    private static readonly Dictionary<string, Func<IReadOnlyList<CaptureFact>>> s_scenarios = new(StringComparer.Ordinal)
    {
        // REGISTER -> 401 -> REGISTER+Authorization -> 200 (Contact expires=300), then one refresh re-using the nonce -> 200.
        ["live/01_healthy_www_auth_refresh.pcap"] = () => new Scenario().Register().Challenge().Register(auth: true).Ok().At(2).Register(auth: true).Ok().Facts,

        // wrong password: REGISTER/401 repeated 5 times, never 200.
        ["live/02_auth_loop_401_sll2.pcap"] = () => Loop(401),

        // wrong password with Proxy-Authenticate: REGISTER/407 repeated 5 times.
        ["live/03a_proxy_auth_loop_407.pcapng"] = () => Loop(407),

        // UA asks Expires 30, registrar Min-Expires 60 answers 423, UA repeats 30 four times.
        ["live/04a_423_pingpong.pcap"] = () =>
        {
            var s = new Scenario();
            for (var i = 0; i < 4; i++)
            {
                s.At(i * 0.3).Register(expires: 30).Fail(423, "Interval Too Brief", minExpires: 60);
            }

            return s.Facts;
        },

        // 401 -> REGISTER(30)+auth -> 423 Min-Expires 60 -> REGISTER(60) -> 200.
        ["live/04b_423_honoured.pcapng"] = () => new Scenario().Register(expires: 30).Challenge().Register(expires: 30, auth: true)
            .Fail(423, "Interval Too Brief", minExpires: 60).Register(expires: 60, auth: true).Ok().Facts,

        ["live/05_final_403.pcap"] = () => new Scenario().Register().Fail(403, "Forbidden").Facts,
        ["live/05_final_500.pcap"] = () => new Scenario().Register().Fail(500, "Server Internal Error").Facts,
        ["live/05_final_503.pcap"] = () => new Scenario().Register().Fail(503, "Service Unavailable", retryAfter: 120).Facts,

        // REGISTER to a port where nothing listens: transmissions at 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5 s, each answered by ICMP.
        ["live/06a_no_response_port_unreachable.pcap"] = () =>
        {
            var s = new Scenario(registrar: "198.51.100.99:5060").Register().Icmp();
            foreach (var t in new[] { 0.5, 1.5, 3.5, 7.5, 11.5, 15.5 })
            {
                s.At(t).Retransmit().Icmp();
            }

            return s.Facts;
        },

        // Edge proxy whose next hop is dead: the edge retransmits (ICMP each time), then answers the UA 408.
        ["live/06c_proxy_408_dead_registrar.pcap"] = () =>
        {
            var ua = new Scenario(registrar: "198.51.100.30:5060", callId: "c408");
            var edge = new Scenario(ua: "198.51.100.30:5060", registrar: "198.51.100.99:5060", callId: "c408", frameBase: 100);
            ua.Register();
            edge.Register().Icmp().At(0.5).Retransmit().Icmp().At(1.5).Retransmit().Icmp().At(3.5).Retransmit().Icmp();
            ua.At(0.5).Retransmit().At(1.5).Retransmit().At(4).Fail(408, "Request Timeout");
            return [.. ua.Facts.Concat(edge.Facts).OrderBy(f => f.TimeNs)];
        },

        // NAPTR, SRV (2 targets), A sip1, AAAA sip1 (NODATA), then REGISTER -> 401 -> 200.
        ["live/07a_dns_naptr_srv_a_then_register.pcap"] = () => new Scenario()
            .Dns("example.com", "NAPTR", "NOERROR", answers: 2).Dns("_sip._udp.example.com", "SRV", "NOERROR", answers: 2)
            .Dns("sip1.example.com", "A", "NOERROR", answers: 1).Dns("sip1.example.com", "AAAA", "NOERROR", answers: 0)
            .At(0.2).Register().Challenge().Register(auth: true).Ok().Facts,

        ["live/07b_dns_nxdomain.pcap"] = () => new Scenario().Dns("_sip._udp.nx.test", "SRV", "NXDOMAIN").Dns("nx.test", "A", "NXDOMAIN").Facts,
        ["live/07c_dns_servfail.pcap"] = () => new Scenario().Dns("_sip._udp.fail.test", "SRV", "SERVFAIL").Dns("fail.test", "A", "SERVFAIL").Facts,
        ["live/07e_dns_nodata_srv.pcap"] = () => new Scenario().Dns("_sip._udp.nodata.test", "SRV", "NOERROR").Dns("_sip._tcp.nodata.test", "SRV", "NXDOMAIN").Facts,
        ["live/07f_dns_tcp_srv_a.pcap"] = () => new Scenario().Dns("_sip._tcp.corpus.test", "SRV", "NOERROR", answers: 1).Dns("sip1.corpus.test", "A", "NOERROR", answers: 1).Facts,
        ["live/07g_dns_timeout_dead_upstream.pcap"] = () => new Scenario().Dns("_sip._udp.dead.test", "SRV", rcode: null).Facts,

        // TCP: REGISTER -> 401 -> auth REGISTER -> 200, three refreshes -> 200, de-register Expires 0 -> 200.
        ["live/08a_tcp_multi_register.pcap"] = () =>
        {
            var s = new Scenario(transport: "tcp").Register().Challenge().Register(auth: true).Ok();
            for (var i = 1; i <= 3; i++)
            {
                s.At(i * 0.5).Register(auth: true).Ok();
            }

            return s.At(2).Register(expires: 0, auth: true).Ok().Facts;
        },

        // alice and bob on one TCP connection, both registered for 300 s.
        ["live/08b_tcp_split_and_coalesced_crafted.pcap"] = () =>
        {
            var alice = new Scenario(transport: "tcp", callId: "tcp-alice").Register().Ok().At(1).Register();
            var bob = new Scenario("sip:bob@example.com", transport: "tcp", callId: "tcp-bob", frameBase: 100).At(1).Register();
            alice.Ok();
            bob.Ok();
            return [.. alice.Facts.Concat(bob.Facts).OrderBy(f => f.TimeNs)];
        },

        // 3 Contacts (expires=120; expires=600; none) with Expires 3600 -> 401 -> 200; then Contact: * Expires 0 -> 401 -> 200.
        ["live/09_multi_contact_star_dereg.pcap"] = () =>
        {
            SipContactFact C(int port, long? exp) => new() { Uri = "sip:alice@192.0.2.10:" + port, Host = "192.0.2.10", Port = port, Expires = exp };
            SipContactFact[] contacts = [C(5081, 120), C(5082, 600), C(5083, null)];
            return new Scenario().Register(expires: 3600, contacts: contacts).Challenge().Register(expires: 3600, contacts: contacts, auth: true).Ok()
                .At(1.5).Register(expires: 0, star: true).Challenge(nonce: "n2").Register(expires: 0, star: true, auth: true).Ok().Facts;
        },

        // Supported: outbound, path, gruu; ;ob +sip.instance reg-id=1 -> 401 -> 200 with GRUUs, Path, Service-Route, no Require: outbound.
        ["live/10a_outbound_regid_path_kamailio.pcap"] = () => Gruu(regId: "1"),

        // +sip.instance without reg-id via an edge adding Path -> 401 -> 200 with Service-Route and GRUUs.
        ["live/10b_gruu_path_service_route.pcap"] = () => Gruu(regId: null),

        // UA requests 3600, 200 grants 60; the next REGISTER comes 3240 s later.
        ["live/11_expiry_mismatch_late_refresh.pcap"] = () => new Scenario().Register(expires: 3600).Ok(grant: 60).At(3240).Register(expires: 3600).Ok(grant: 60).Facts,

        // Three cycles REGISTER -> 401 -> REGISTER+auth -> 200; no Authentication-Info.
        ["live/12a_rechallenge_every_refresh.pcap"] = () =>
        {
            var s = new Scenario();
            for (var i = 0; i < 3; i++)
            {
                s.At(i * 2).Register().Challenge(nonce: "n" + i).Register(auth: true).Ok();
            }

            return s.Facts;
        },

        // REGISTER -> 200 with Service-Route; INVITE without Route -> 403 -> ACK.
        ["live/13a_service_route_ignored.pcap"] = () => new Scenario().Register().Ok(serviceRoute: ["<sip:orig@198.51.100.1:5060;lr>"]).At(1).Request("INVITE").Facts,

        // alice registered 3 times from ports 5071, 5072, 5073 (new Call-ID each); the last 200 lists 3 Contacts.
        ["live/14_ghost_bindings_nat_rebinding.pcap"] = () =>
        {
            var facts = new List<CaptureFact>();
            var listed = new List<SipContactFact>();
            for (var i = 0; i < 3; i++)
            {
                var s = new Scenario(ua: "192.0.2.10:" + (5071 + i), callId: "ghost-" + i, frameBase: i * 10).At(i * 1.1);
                s.Register();
                listed.Add(s.LastRequest.Contacts[0] with { Expires = 300 - i });
                facts.AddRange(s.Ok(contacts: [.. listed]).Facts);
            }

            return facts;
        },

        // IPv6: REGISTER -> 401 -> 200, refresh -> 200.
        ["live/15_ipv6_healthy.pcap"] = () => new Scenario(ua: "[2001:db8::10]:5070", registrar: "[2001:db8::20]:5060").Register().Challenge().Register(auth: true).Ok()
            .At(2).Register(auth: true).Ok().Facts,

        // Compact headers: REGISTER -> 401 -> 200 (m: expires=240).
        ["live/16a_compact_headers.pcap"] = () => new Scenario().Register(expires: 240).Challenge().Register(expires: 240, auth: true).Ok().Facts,
    };

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var key in s_scenarios.Keys)
        {
            data.Add(key);
        }

        return data;
    }

    [Fact]
    public void Every_live_expectation_has_a_scenario()
    {
        using var doc = Corpus.ReadJson("expectations.json");
        var live = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("live/", StringComparison.Ordinal));
        Assert.Empty(live.Except(s_scenarios.Keys));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Scenario_meets_the_capture_expectations(string capture)
    {
        var report = RegistrationAnalyzer.Analyze(s_scenarios[capture]());
        Expectations.AssertMet(capture, report);
    }

    private static List<CaptureFact> Loop(int status)
    {
        var s = new Scenario().Register().Challenge(status);
        for (var i = 0; i < 4; i++)
        {
            s.After(0.3).Register(auth: true, proxyAuth: status == 407).Challenge(status);
        }

        return [.. s.Facts];
    }

    private static List<CaptureFact> Gruu(string? regId)
    {
        var s = new Scenario(registrar: "198.51.100.30:5060") { InstanceId = "<urn:uuid:7e3c5a10-0b1d-4c3e-9f00-00c0ffee0001>" };
        string[] supported = regId is null ? ["path", "gruu"] : ["outbound", "path", "gruu"];
        s.Register(contactExpires: 300, regId: regId, supported: supported).Challenge().Register(contactExpires: 300, regId: regId, supported: supported, auth: true);
        var c = s.LastRequest.Contacts[0];
        return [.. s.Ok(
            contacts: [c with { Expires = 300, PubGruu = "sip:alice@example.com;gr=urn:uuid:7e3c5a10-0b1d-4c3e-9f00-00c0ffee0001", TempGruu = "sip:tgruu.1@example.com;gr" }],
            serviceRoute: ["<sip:orig@198.51.100.1:5060;lr>"],
            path: ["<sip:198.51.100.30;lr;received=sip:192.0.2.10:5060>"]).Facts];
    }
}

/// <summary>Checks a report against one entry of the corpus's <c>expectations.json</c>.</summary>
internal static class Expectations
{
    public static void AssertMet(string capture, AnalysisReport report)
    {
        using var doc = Corpus.ReadJson("expectations.json");
        var expected = doc.RootElement.GetProperty(capture);
        var found = report.Findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal);
        var context = capture + ": status " + report.StatusName + ", findings [" + string.Join(", ", found) + "]";
        if (expected.GetProperty("status").ValueKind == System.Text.Json.JsonValueKind.String)
        {
            Assert.True(expected.GetProperty("status").GetString() == report.StatusName, context);
        }

        foreach (var rule in expected.GetProperty("require").EnumerateArray())
        {
            Assert.True(report.Has(rule.GetString()!), "missing " + rule.GetString() + " in " + context);
        }

        foreach (var rule in expected.GetProperty("forbid").EnumerateArray())
        {
            Assert.False(report.Has(rule.GetString()!), "unexpected " + rule.GetString() + " in " + context);
        }
    }
}
