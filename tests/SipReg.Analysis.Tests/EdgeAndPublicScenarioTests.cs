using SipReg.Analysis.Facts;

namespace SipReg.Analysis.Tests;

/// <summary>
/// The edge timing captures and the public captures that expectations.json diagnoses, rebuilt from their manifest
/// and SOURCES.md descriptions and held to those expectations.
/// </summary>
public sealed class EdgeAndPublicScenarioTests
{
    [Fact]
    public void Storm_of_200_uas_every_3240_s_without_jitter()
    {
        // 200 UAs, Expires 3600, all re-register every 3240 s within 0.8 s (4 ms apart), 3 cycles, no auth.
        var uas = Enumerable.Range(0, 200)
            .Select(u => new Scenario("sip:ua" + u.ToString("000", System.Globalization.CultureInfo.InvariantCulture) + "@fleet.example.com", ua: "127.10.0." + (u + 1) + ":5060", frameBase: u * 100))
            .ToList();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            for (var u = 0; u < uas.Count; u++)
            {
                uas[u].At((cycle * 3240) + (u * 0.004)).Register(expires: 3600).After(0.001).Ok();
            }
        }

        var report = Scenario.Analyze(uas.SelectMany(s => s.Facts).OrderBy(f => f.TimeNs));
        Expectations.AssertMet("edge/timing_storm_200ua.pcap", report);
        Assert.False(report.Has("binding-lapsed"));
        Assert.Equal(200, report.Flows.Count);
    }

    [Fact]
    public void One_ua_registering_every_30_s_for_an_hour()
    {
        // Expires 60, re-REGISTER every 30 s for an hour, the first one challenged.
        var s = new Scenario(ua: "192.0.2.20:5060").Register(expires: 60).Challenge().Register(expires: 60, auth: true).Ok();
        for (var t = 30; t < 3600; t += 30)
        {
            s.At(t).Register(expires: 60, auth: true).Ok();
        }

        var report = s.Analyze();
        Expectations.AssertMet("edge/timing_register_every30s.pcap", report);
        Assert.Contains("every 30 s", Assert.Single(report.Findings, f => f.Rule == "register-as-keepalive").Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Healthy_ua_with_crlf_keepalives_every_25_s()
    {
        // Expires 600, refresh every 540 s, CRLFCRLF ping every 25 s answered by a CRLF pong; NAT evident at the registrar.
        var s = new Scenario(ua: "192.0.2.21:5060").Register(expires: 600).Challenge().Register(expires: 600, auth: true).Ok(viaReceived: "203.0.113.21");
        for (var t = 25.0; t < 3600; t += 25)
        {
            if ((int)t % 540 < 25 && t > 500)
            {
                s.At(Math.Floor(t / 540) * 540).Register(expires: 600, auth: true).Ok(viaReceived: "203.0.113.21");
            }

            s.At(t).KeepAlive().After(0.01).KeepAlive(KeepAliveKind.Pong);
        }

        var report = s.Analyze();
        Expectations.AssertMet("edge/timing_crlf_keepalive_healthy.pcap", report);
        Assert.True(report.Flows[0].NatEvident);
        Assert.True(report.Flows[0].KeepAlives > 200);
    }

    [Fact]
    public void Ndpi_sip_hello_two_challenged_cycles()
    {
        var s = new Scenario().Register(expires: 600).Challenge().Register(expires: 600, auth: true).Ok()
            .At(300).Register(expires: 600).Challenge(nonce: "n2").Register(expires: 600, auth: true).Ok();
        Expectations.AssertMet("public/sip__ndpi__sip_hello.pcapng", s.Analyze());
    }

    [Fact]
    public void Suricata_tcp_register_without_challenge()
    {
        var s = new Scenario(transport: "tcp").Register(expires: 600).Ok();
        Expectations.AssertMet("public/sip__suricata-verify__sip-tcp-method.pcap", s.Analyze());
    }

    [Fact]
    public void Heplify_proxy_legs_sharing_call_id_and_cseq()
    {
        // Client -> proxy over TCP (Expires 300), proxy -> registrar over UDP (Expires 600); both legs 401 then 200;
        // the registrar grants 600, the proxy grants the client 60.
        var client = new Scenario(ua: "172.168.0.252:52795", registrar: "172.168.0.228:5060", callId: "heplify", transport: "tcp");
        var proxy = new Scenario(ua: "172.168.0.228:5160", registrar: "172.168.0.227:5060", callId: "heplify", frameBase: 100);
        client.At(0).Register(expires: 300);
        proxy.At(0.001).Register(expires: 600).Challenge();
        client.At(0.002).Challenge().At(0.003).Register(expires: 300, auth: true);
        proxy.At(0.004).Register(expires: 600, auth: true).Ok(grant: 600);
        client.At(0.005).Ok(grant: 60).At(0.006).Retransmit();
        var report = Scenario.Analyze(client.Facts.Concat(proxy.Facts).OrderBy(f => f.TimeNs));
        Expectations.AssertMet("public/sip__heplify__sip_ipv4_tcp_retrans.pcap", report);
    }
}
