using System.Net;
using SipReg.Generator.Dns;
using SipReg.Generator.Output;
using SipReg.Generator.Packets;
using SipReg.Generator.Scenarios;
using SipReg.Generator.Sip;

namespace SipReg.Generator;

/// <summary>How the DNS lookups fail in <see cref="RegistrationScenarios.DnsOnly"/>.</summary>
public enum DnsFailureKind
{
    /// <summary>Every name answers NXDOMAIN (rcode 3).</summary>
    NxDomain,

    /// <summary>Every lookup answers SERVFAIL (rcode 2).</summary>
    ServFail,

    /// <summary>Every lookup answers REFUSED (rcode 5).</summary>
    Refused,

    /// <summary>NOERROR with no answer records (NODATA) for NAPTR, SRV and A.</summary>
    EmptyAnswer,

    /// <summary>The queries are never answered (retransmitted, then given up).</summary>
    NoAnswer,
}

/// <summary>
/// Small captures, one behaviour each, mirroring the analyzer's statuses and rules. Every method returns the capture's
/// bytes with the expected status, the rule ids that must be reported and those that must not.
/// </summary>
/// <remarks>
/// Addresses come from the documentation ranges: user agents 192.0.2.0/24 (or 2001:db8::/32), the registrar
/// 198.51.100.10:5060, the resolver 198.51.100.53, NAT public sides 203.0.113.0/24, private contacts 192.168.1.0/24.
/// The output depends only on the arguments: the same call gives the same bytes.
/// </remarks>
public static class RegistrationScenarios
{
    private static readonly NetEndpoint s_registrar = NetEndpoint.Parse("198.51.100.10", 5060);
    private static readonly NetEndpoint s_resolver = NetEndpoint.Parse("198.51.100.53", 53);
    private static readonly NetEndpoint s_ua = NetEndpoint.Parse("192.0.2.10", 5060);

    private static readonly string[] s_healthyForbid =
    [
        ExpectedRuleIds.AuthLoop, ExpectedRuleIds.FinalFailure, ExpectedRuleIds.NoResponse, ExpectedRuleIds.BindingLapsed,
        ExpectedRuleIds.MinExpiresNotHonoured, ExpectedRuleIds.RechallengeEveryRefresh, ExpectedRuleIds.GrantedExpiresReduced,
        ExpectedRuleIds.RefreshStorm, ExpectedRuleIds.Deregistration, ExpectedRuleIds.NoKeepaliveBehindNat,
        ExpectedRuleIds.RegisterAsKeepalive,
    ];

    /// <summary>Every scenario, in a fixed order (DNS-only captures once per <see cref="DnsFailureKind"/>).</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The captures.</returns>
    public static IReadOnlyList<ScenarioCapture> All(CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        var all = new List<ScenarioCapture>
        {
            Healthy(format), HealthyIPv6(format), AuthLoop401(format), AuthLoop407(format), AuthRealmMismatch(format),
            StaleNonce(format), FinalFailure403(format), FinalFailure503RetryAfter(format), NoResponse(format),
            NoResponsePortUnreachable(format), MinExpiresHonoured(format), MinExpiresPingPong(format), GrantedExpiresReduced(format),
            BindingLapsed(format), RegisterAsKeepalive(format), NatWithoutKeepalives(format), NatWithCrlfKeepalives(format),
            RechallengeEveryRefresh(format), NextNonceHonoured(format), ServiceRouteHonoured(format), ServiceRouteIgnored(format),
            GhostBindings(format), RefreshStorm(format: format), Deregistration(format), OutboundIncomplete(format),
            OutboundComplete(format), DnsThenRegistered(format), DnsFailureThenRegistered(format),
        };
        foreach (DnsFailureKind kind in Enum.GetValues<DnsFailureKind>())
        {
            all.Add(DnsOnly(kind, format));
        }

        all.Add(DnsOverTcp(format));
        all.Add(NoTraffic(format));
        all.Add(SipOverTcpSplit(format));
        all.Add(SipOverTcpCoalesced(format));
        all.Add(SipOverTls(format));
        all.Add(Incomplete(format));
        return all;
    }

    /// <summary>
    /// Writes every scenario to <paramref name="directory"/> as <c>&lt;name&gt;.pcap</c> (or <c>.pcapng</c>) plus an
    /// <c>expectations.json</c> shaped like the corpus's: <c>{ "file": { "status", "require", "forbid" } }</c>.
    /// </summary>
    /// <param name="directory">The directory (created when missing; files in it are overwritten).</param>
    /// <param name="format">The container to write.</param>
    /// <returns>The scenarios written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    public static IReadOnlyList<ScenarioCapture> WriteAll(string directory, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        IReadOnlyList<ScenarioCapture> all = All(format);
        using FileStream manifest = File.Create(Path.Combine(directory, "expectations.json"));
        using var json = new System.Text.Json.Utf8JsonWriter(manifest, new System.Text.Json.JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        foreach (ScenarioCapture scenario in all)
        {
            string file = scenario.Name + (format == CaptureFileFormat.PcapNg ? ".pcapng" : ".pcap");
            File.WriteAllBytes(Path.Combine(directory, file), scenario.Bytes);
            json.WriteStartObject(file);
            json.WriteString("status", scenario.ExpectedStatus);
            json.WriteString("description", scenario.Description);
            json.WriteStartArray("require");
            foreach (string rule in scenario.ExpectedRules)
            {
                json.WriteStringValue(rule);
            }

            json.WriteEndArray();
            json.WriteStartArray("forbid");
            foreach (string rule in scenario.ForbiddenRules)
            {
                json.WriteStringValue(rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        return all;
    }

    /// <summary>Challenge then registered, then two refreshes at 60% of the granted 300 s.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture Healthy(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("healthy", "REGISTER, 401, REGISTER with credentials, 200 (300 s); two refreshes at 180 s with nc incremented.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered], s_healthyForbid,
            context => HealthyFlow(new ScenarioUa(context, "alice", s_ua, s_registrar), context));

    /// <summary>The healthy flow over IPv6.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture HealthyIPv6(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("healthy-ipv6", "The healthy flow between [2001:db8::10]:5060 and [2001:db8::1]:5060.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered], s_healthyForbid,
            context => HealthyFlow(new ScenarioUa(context, "alice", NetEndpoint.Parse("2001:db8::10", 5060),
                NetEndpoint.Parse("2001:db8::1", 5060)), context));

    /// <summary>Credentials rejected again and again with 401.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture AuthLoop401(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("auth-loop-401", "REGISTER, 401, then four REGISTERs with credentials each answered 401 with a new nonce.", format,
            ExpectedStatuses.AuthLoop, [ExpectedRuleIds.AuthLoop], [ExpectedRuleIds.ChallengeThenRegistered],
            context => AuthLoopFlow(new ScenarioUa(context, "bob", s_ua, s_registrar), 401));

    /// <summary>Credentials rejected again and again by a proxy with 407.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture AuthLoop407(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("auth-loop-407", "REGISTER, 407, then four REGISTERs with Proxy-Authorization each answered 407.", format,
            ExpectedStatuses.AuthLoop, [ExpectedRuleIds.AuthLoop], [ExpectedRuleIds.ChallengeThenRegistered],
            context => AuthLoopFlow(new ScenarioUa(context, "bob", s_ua, s_registrar) { ProxyAuth = true }, 407));

    /// <summary>The UA answers the challenge for realm <c>sipreg.test</c> with credentials for another realm.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture AuthRealmMismatch(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("auth-realm-mismatch", "Challenges for realm \"sipreg.test\" answered with realm \"pbx.example.com\"; 401 each time.", format,
            ExpectedStatuses.AuthLoop, [ExpectedRuleIds.AuthRealmMismatch, ExpectedRuleIds.AuthLoop], [ExpectedRuleIds.ChallengeThenRegistered],
            context => AuthLoopFlow(new ScenarioUa(context, "carol", s_ua, s_registrar) { CredentialsRealm = "pbx.example.com" }, 401));

    /// <summary>A refresh with an expired nonce gets 401 stale=true; the UA retries with the new nonce and is accepted.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture StaleNonce(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("auth-stale-nonce", "Registered; the refresh at 180 s is answered 401 stale=true, the retry with the new nonce 200.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.AuthStaleNonce, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.AuthLoop, ExpectedRuleIds.FinalFailure],
            context =>
            {
                var ua = new ScenarioUa(context, "dave", s_ua, s_registrar);
                ChallengeAndRegister(ua, 300, 300);
                context.AdvanceSeconds(180);
                ua.Register(300);
                ua.Challenge(stale: true);
                ua.Register(300);
                ua.Ok(300);
            });

    /// <summary>Credentials answered 403 Forbidden.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture FinalFailure403(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("final-failure-403", "REGISTER, 401, REGISTER with credentials, 403 Forbidden.", format,
            ExpectedStatuses.Failed, [ExpectedRuleIds.FinalFailure], [ExpectedRuleIds.ChallengeThenRegistered, ExpectedRuleIds.AuthLoop],
            context =>
            {
                var ua = new ScenarioUa(context, "erin", s_ua, s_registrar);
                ua.Register(3600, credentials: false);
                ua.Challenge();
                ua.Register(3600);
                ua.Reply(ua.Response(403, "Forbidden"));
            });

    /// <summary>503 with Retry-After: 120; the UA waits and gets 503 again.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture FinalFailure503RetryAfter(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("final-failure-503", "REGISTER answered 503 Service Unavailable with Retry-After: 120; the retry 120 s later gets 503 too.", format,
            ExpectedStatuses.Failed, [ExpectedRuleIds.FinalFailure], [ExpectedRuleIds.ChallengeThenRegistered],
            context =>
            {
                var ua = new ScenarioUa(context, "erin", s_ua, s_registrar);
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    ua.Register(3600, credentials: false);
                    SipResponse response = ua.Response(503, "Service Unavailable");
                    response.RetryAfter = 120;
                    ua.Reply(response);
                    context.AdvanceSeconds(120);
                }
            });

    /// <summary>Two REGISTER transactions retransmitted per RFC 3261 timer E until timer F, without any answer.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture NoResponse(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("no-response", "Two REGISTER transactions, each sent 11 times (0.5, 1, 2, 4, 4... s) over 32 s; nothing answers.", format,
            ExpectedStatuses.NoResponse, [ExpectedRuleIds.NoResponse], [ExpectedRuleIds.FinalFailure, ExpectedRuleIds.ChallengeThenRegistered],
            context => NoResponseFlow(context, icmp: false));

    /// <summary>Every REGISTER is answered by an ICMP port unreachable from the registrar's host.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture NoResponsePortUnreachable(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("no-response-port-unreachable", "As no-response, with an ICMP port unreachable after every REGISTER.", format,
            ExpectedStatuses.NoResponse, [ExpectedRuleIds.NoResponse], [ExpectedRuleIds.FinalFailure, ExpectedRuleIds.ChallengeThenRegistered],
            context => NoResponseFlow(context, icmp: true));

    /// <summary>423 with Min-Expires: 300; the UA asks again with 300 and registers.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture MinExpiresHonoured(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("min-expires-honoured", "REGISTER Expires: 60, 423 Min-Expires: 300, REGISTER Expires: 300, 401, REGISTER with credentials, 200.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.MinExpiresHonoured, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.MinExpiresNotHonoured, ExpectedRuleIds.AuthLoop],
            context =>
            {
                var ua = new ScenarioUa(context, "frank", s_ua, s_registrar);
                ua.Register(60, credentials: false);
                ua.Reply(IntervalTooBrief(ua, 300));
                ChallengeAndRegister(ua, 300, 300);
            });

    /// <summary>423 with Min-Expires: 300, and the UA keeps asking for 60.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture MinExpiresPingPong(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("min-expires-ping-pong", "Four REGISTERs with Expires: 60, each answered 423 Min-Expires: 300.", format,
            ExpectedStatuses.Failed, [ExpectedRuleIds.MinExpiresNotHonoured],
            [ExpectedRuleIds.ChallengeThenRegistered, ExpectedRuleIds.AuthLoop, ExpectedRuleIds.MinExpiresHonoured],
            context =>
            {
                var ua = new ScenarioUa(context, "frank", s_ua, s_registrar);
                for (int attempt = 0; attempt < 4; attempt++)
                {
                    ua.Register(60, credentials: false);
                    ua.Reply(IntervalTooBrief(ua, 300));
                    context.AdvanceSeconds(1);
                }
            });

    /// <summary>The UA asks for 3600 s, the registrar grants 600, and the UA refreshes in time.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture GrantedExpiresReduced(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("granted-expires-reduced", "Expires: 3600 asked, expires=600 granted; refreshes every 300 s.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.GrantedExpiresReduced, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.BindingLapsed, ExpectedRuleIds.AuthLoop],
            context =>
            {
                var ua = new ScenarioUa(context, "grace", s_ua, s_registrar);
                ChallengeAndRegister(ua, 3600, 600);
                Refreshes(ua, context, count: 2, intervalSeconds: 300, expires: 3600, granted: 600);
            });

    /// <summary>Granted 60 s, but the UA refreshes on its requested 600 s, long after the binding expired.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture BindingLapsed(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("binding-lapsed", "Expires: 600 asked, expires=60 granted; the UA refreshes every 540 s, so the binding is gone for 480 s each time.", format,
            ExpectedStatuses.ChallengeThenRegistered,
            [ExpectedRuleIds.BindingLapsed, ExpectedRuleIds.GrantedExpiresReduced, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.AuthLoop, ExpectedRuleIds.FinalFailure],
            context =>
            {
                var ua = new ScenarioUa(context, "heidi", s_ua, s_registrar);
                ChallengeAndRegister(ua, 600, 60);
                Refreshes(ua, context, count: 2, intervalSeconds: 540, expires: 600, granted: 60);
            });

    /// <summary>A 3600 s registration refreshed every 30 s.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture RegisterAsKeepalive(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("register-as-keepalive", "Registered for 3600 s, then a REGISTER every 30 s (ten refreshes).", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.RegisterAsKeepalive, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.BindingLapsed, ExpectedRuleIds.AuthLoop],
            context =>
            {
                var ua = new ScenarioUa(context, "ivan", s_ua, s_registrar);
                ChallengeAndRegister(ua, 3600, 3600);
                Refreshes(ua, context, count: 10, intervalSeconds: 30, expires: 3600, granted: 3600);
            });

    /// <summary>Behind NAT (Via received/rport, private Contact), refreshing every 300 s, no keep-alives.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture NatWithoutKeepalives(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("nat-no-keepalive", "Contact 192.168.1.20:5060 seen from 203.0.113.7:40123 (received/rport); 600 s granted, refreshes every 300 s, nothing in between.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.NoKeepaliveBehindNat, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.BindingLapsed],
            context => NatFlow(context, keepAlives: false));

    /// <summary>Behind NAT with CRLF keep-alives every 25 s: healthy.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture NatWithCrlfKeepalives(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("nat-crlf-keepalive", "As nat-no-keepalive, with a CRLF CRLF keep-alive from the UA every 25 s.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.NoKeepaliveBehindNat, ExpectedRuleIds.BindingLapsed, ExpectedRuleIds.RegisterAsKeepalive],
            context => NatFlow(context, keepAlives: true));

    /// <summary>Every refresh is challenged again: the registrar gives no nextnonce and does not keep the nonce.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture RechallengeEveryRefresh(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("rechallenge-every-refresh", "Three refreshes with the last nonce, each answered 401 (not stale), then 200 with the new nonce.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.RechallengeEveryRefresh, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.AuthLoop, ExpectedRuleIds.FinalFailure],
            context =>
            {
                var ua = new ScenarioUa(context, "judy", s_ua, s_registrar);
                ChallengeAndRegister(ua, 300, 300);
                for (int i = 0; i < 3; i++)
                {
                    context.AdvanceSeconds(180);
                    ua.Register(300);
                    ua.Challenge();
                    ua.Register(300);
                    ua.Ok(300);
                }
            });

    /// <summary>The 200 carries Authentication-Info nextnonce; the UA uses it and refreshes are accepted at once.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture NextNonceHonoured(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("nextnonce-honoured", "Each 200 carries Authentication-Info: nextnonce; three refreshes use it and get 200 directly.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.RechallengeEveryRefresh, ExpectedRuleIds.AuthLoop],
            context =>
            {
                var ua = new ScenarioUa(context, "judy", s_ua, s_registrar);
                ua.Register(300, credentials: false);
                ua.Challenge();
                for (int i = 0; i < 4; i++)
                {
                    if (i > 0)
                    {
                        context.AdvanceSeconds(180);
                    }

                    ua.Register(300);
                    SipResponse ok = ua.Ok(300, reply: false);
                    // RFC 2617 §3.2.3: the client should use nextnonce for its next request.
                    ok.NextNonce = context.NextRandom();
                    ua.Reply(ok);
                    ua.Nonce = ok.NextNonce.Value;
                    ua.NonceCount = 0;
                }
            });

    /// <summary>Path and Service-Route in the 200; a later OPTIONS carries the Service-Route as its Route.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture ServiceRouteHonoured(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("service-route-honoured", "200 with Path and Service-Route: <sip:orig@scscf.sipreg.test;lr>; an OPTIONS 10 s later has Route: that URI.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered], [ExpectedRuleIds.ServiceRouteIgnored],
            context => ServiceRouteFlow(context, honour: true));

    /// <summary>Path and Service-Route in the 200; a later OPTIONS carries no Route.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture ServiceRouteIgnored(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("service-route-ignored", "200 with Path and Service-Route; an OPTIONS 10 s later has no Route header.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ServiceRouteIgnored, ExpectedRuleIds.ChallengeThenRegistered], [],
            context => ServiceRouteFlow(context, honour: false));

    /// <summary>NAT rebinding: the same AOR registers from new source ports and the 200 lists the old contacts too.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture GhostBindings(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("ghost-bindings", "The UA restarts twice behind NAT (new Call-ID, mapped port 40123 -> 40777 -> 40999); each registration adds a Contact differing only in port, and the 200 lists all of them.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.GhostBindings, ExpectedRuleIds.ChallengeThenRegistered], [],
            context =>
            {
                var source = NetEndpoint.Parse("203.0.113.7", 40123);
                var ua = new ScenarioUa(context, "kim", source, s_registrar);
                ChallengeAndRegister(ua, 3600, 3600);
                var bindings = new List<(NetEndpoint Contact, long Since)> { (source, context.Now) };
                foreach (int port in new[] { 40777, 40999 })
                {
                    context.AdvanceSeconds(600);
                    NetEndpoint moved = source.WithPort(port);
                    // The UA restarts behind a NAT that maps it to a new port: new Call-ID, new challenge, old bindings kept.
                    ua.Source = moved;
                    ua.Request.Local = moved;
                    ua.Request.Contacts[0].Endpoint = moved;
                    ua.Request.CallId = context.NextRandom().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "@203.0.113.7";
                    ua.Request.FromTag = context.NextRandom();
                    ua.Request.CSeq = 0;
                    ua.Register(3600, credentials: false);
                    ua.Challenge();
                    ua.Register(3600);
                    bindings.Add((moved, context.Now));
                    SipResponse ok = ua.Ok(3600, reply: false);
                    ok.Contacts.Clear();
                    foreach ((NetEndpoint contact, long since) in bindings)
                    {
                        ok.Contacts.Add(new ContactBinding
                        {
                            User = "kim",
                            Endpoint = contact,
                            Expires = 3600 - (int)((context.Now - since) / 1_000_000_000),
                        });
                    }

                    ua.Reply(ok);
                }
            });

    /// <summary>Many UAs refreshing inside the same second, every 300 s, with no jitter.</summary>
    /// <param name="userAgents">How many UAs (at least 2).</param>
    /// <param name="rounds">Refresh rounds after the initial registration.</param>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture RefreshStorm(int userAgents = 100, int rounds = 3, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(userAgents, 2);
        return Build("refresh-storm", userAgents + " UAs register inside one second, then all refresh inside one second every 300 s, " + rounds + " times.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.RefreshStorm, ExpectedRuleIds.ChallengeThenRegistered], [],
            context =>
            {
                var uas = new List<ScenarioUa>();
                for (int i = 0; i < userAgents; i++)
                {
                    var source = new NetEndpoint(new IPAddress([192, 0, 2, (byte)(10 + i % 200)]), 5060 + i / 200);
                    uas.Add(new ScenarioUa(context, "storm" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), source, s_registrar)
                    {
                        FastReplies = true,
                    });
                }

                long start = context.Now;
                foreach (ScenarioUa ua in uas)
                {
                    ChallengeAndRegister(ua, 300, 300);
                }

                for (int round = 1; round <= rounds; round++)
                {
                    context.AdvanceSeconds((start + round * 300_000_000_000L - context.Now) / 1e9);
                    foreach (ScenarioUa ua in uas)
                    {
                        ua.Register(300);
                        ua.Ok(300);
                    }
                }
            });
    }

    /// <summary>Registered, then removes all bindings with <c>Contact: *</c> and <c>Expires: 0</c>.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture Deregistration(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("deregistration", "Challenge then registered; 60 s later REGISTER Contact: * Expires: 0 with credentials, 200 without contacts.", format,
            ExpectedStatuses.Deregistered, [ExpectedRuleIds.Deregistration, ExpectedRuleIds.ChallengeThenRegistered], [ExpectedRuleIds.BindingLapsed],
            context =>
            {
                var ua = new ScenarioUa(context, "leo", s_ua, s_registrar);
                ChallengeAndRegister(ua, 3600, 3600);
                context.AdvanceSeconds(60);
                // RFC 3261 §10.2.2: "*" with Expires: 0 removes every binding of the AOR.
                ua.Request.Contacts.Clear();
                ua.Request.ContactStar = true;
                ua.Register(0);
                ua.Ok(0);
            });

    /// <summary>The UA asks for outbound (Supported: outbound, reg-id, +sip.instance) and the 200 lacks Require: outbound.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture OutboundIncomplete(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("outbound-incomplete", "REGISTER with ;ob, +sip.instance and reg-id=1 and Supported: outbound; the 200 has no Require: outbound.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.OutboundIncomplete, ExpectedRuleIds.ChallengeThenRegistered], [],
            context => OutboundFlow(context, complete: false));

    /// <summary>Outbound negotiated: the 200 has Require: outbound.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture OutboundComplete(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("outbound-complete", "As outbound-incomplete, but the 200 has Require: outbound and Supported: outbound.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered], [ExpectedRuleIds.OutboundIncomplete],
            context => OutboundFlow(context, complete: true));

    /// <summary>NAPTR, SRV and A lookups succeed, then the healthy registration.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture DnsThenRegistered(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("dns-then-registered", "NAPTR sipreg.test, SRV _sip._udp.sipreg.test, A registrar.sipreg.test all answered; then REGISTER, 401, REGISTER, 200.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.DnsFailure, ExpectedRuleIds.NoRegisterDnsFailure, ExpectedRuleIds.AuthLoop],
            context =>
            {
                var client = s_ua.WithPort(41000);
                NaptrSrvA(context, client, 0x2001);
                ChallengeAndRegister(new ScenarioUa(context, "mallory", s_ua, s_registrar), 3600, 3600);
            });

    /// <summary>The SRV lookup fails with SERVFAIL, the A lookup works, and the UA registers.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture DnsFailureThenRegistered(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("dns-failure-then-registered", "SRV _sip._udp.sipreg.test answered SERVFAIL; A sipreg.test answered; then REGISTER, 401, REGISTER, 200.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.DnsFailure, ExpectedRuleIds.ChallengeThenRegistered],
            [ExpectedRuleIds.NoRegisterDnsFailure],
            context =>
            {
                var client = s_ua.WithPort(41000);
                DnsExchange(context, client, 0x3001, "_sip._udp.sipreg.test", DnsType.Srv, DnsRcode.ServFail, null);
                DnsExchange(context, client, 0x3002, "sipreg.test", DnsType.A, DnsRcode.NoError, r => r.AddA(s_registrar.Address));
                ChallengeAndRegister(new ScenarioUa(context, "mallory", s_ua, s_registrar), 3600, 3600);
            });

    /// <summary>Only DNS: NAPTR, SRV (<c>_sip._udp</c>) and A lookups for the domain fail; no REGISTER follows.</summary>
    /// <param name="kind">How the lookups fail.</param>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture DnsOnly(DnsFailureKind kind, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        string name = "dns-only-" + kind.ToString().ToLowerInvariant();
        return Build(name, "NAPTR sipreg.test, SRV _sip._udp.sipreg.test and A sipreg.test, twice 5 s apart, all " + kind + "; no SIP.", format,
            ExpectedStatuses.NoRegister, [ExpectedRuleIds.NoRegisterDnsFailure], [ExpectedRuleIds.NoRegisterNoDns],
            context =>
            {
                var client = s_ua.WithPort(41000);
                ushort id = 0x4000;
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    foreach ((string qname, DnsType type) in new[] { ("sipreg.test", DnsType.Naptr), ("_sip._udp.sipreg.test", DnsType.Srv), ("sipreg.test", DnsType.A) })
                    {
                        id++;
                        if (kind == DnsFailureKind.NoAnswer)
                        {
                            for (int retry = 0; retry < 3; retry++)
                            {
                                context.DnsQuery(client, s_resolver, DnsMessageBuilder.Query(id, qname, type));
                                context.AdvanceSeconds(2);
                            }

                            continue;
                        }

                        DnsRcode rcode = kind switch
                        {
                            DnsFailureKind.NxDomain => DnsRcode.NxDomain,
                            DnsFailureKind.ServFail => DnsRcode.ServFail,
                            DnsFailureKind.Refused => DnsRcode.Refused,
                            _ => DnsRcode.NoError,
                        };
                        DnsExchange(context, client, id, qname, type, rcode, null);
                    }

                    context.AdvanceSeconds(5);
                }
            });
    }

    /// <summary>SRV and A lookups over one TCP connection to port 53, answered; no REGISTER.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture DnsOverTcp(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("dns-over-tcp", "One TCP connection to the resolver: SRV _sip._tcp.sipreg.test and A registrar.sipreg.test, both answered (2-byte length prefix); no SIP.", format,
            ExpectedStatuses.NoRegister, [], [ExpectedRuleIds.NoRegisterDnsFailure, ExpectedRuleIds.NoRegisterNoDns],
            context =>
            {
                var connection = new TcpConnection(context, s_ua.WithPort(42000), s_resolver, 1000, 5000);
                connection.Open();
                connection.Send(true, DnsMessageBuilder.Query(0x5001, "_sip._tcp.sipreg.test", DnsType.Srv).ToArray(tcpLengthPrefix: true));
                context.Counts.DnsQueries++;
                connection.Send(false, DnsMessageBuilder.Response(0x5001, "_sip._tcp.sipreg.test", DnsType.Srv, DnsRcode.NoError)
                    .AddSrv(10, 50, 5060, "registrar.sipreg.test").ToArray(tcpLengthPrefix: true));
                context.Counts.AddDnsResponse("NOERROR");
                connection.Send(true, DnsMessageBuilder.Query(0x5002, "registrar.sipreg.test", DnsType.A).ToArray(tcpLengthPrefix: true));
                context.Counts.DnsQueries++;
                connection.Send(false, DnsMessageBuilder.Response(0x5002, "registrar.sipreg.test", DnsType.A, DnsRcode.NoError)
                    .AddA(s_registrar.Address).ToArray(tcpLengthPrefix: true));
                context.Counts.AddDnsResponse("NOERROR");
                connection.Close();
            });

    /// <summary>A capture with no packets at all.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture NoTraffic(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("no-traffic", "The file header only: no packets.", format,
            ExpectedStatuses.NoRegister, [ExpectedRuleIds.NoRegisterNoDns], [ExpectedRuleIds.NoRegisterDnsFailure], _ => { });

    /// <summary>The healthy flow over TCP, every message split into 200-byte segments.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture SipOverTcpSplit(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("sip-over-tcp-split", "Handshake, then REGISTER, 401, REGISTER, 200 and a refresh over TCP, each message in 200-byte segments.", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered], s_healthyForbid,
            context =>
            {
                NetEndpoint client = s_ua.WithPort(50123);
                var ua = new ScenarioUa(context, "nina", client, s_registrar, transport: "TCP") { SegmentSize = 200 };
                ua.Connection = new TcpConnection(context, client, s_registrar, 0x1000_0000, 0x2000_0000);
                ua.Connection.Open();
                HealthyFlow(ua, context);
            });

    /// <summary>A PBX registering two lines over one TCP connection: both REGISTERs in one segment, both answers in one.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture SipOverTcpCoalesced(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("sip-over-tcp-coalesced", "Two AORs over one TCP connection; each segment carries two messages (REGISTER+REGISTER, 401+401, REGISTER+REGISTER, 200+200).", format,
            ExpectedStatuses.ChallengeThenRegistered, [ExpectedRuleIds.ChallengeThenRegistered], s_healthyForbid,
            context =>
            {
                NetEndpoint client = s_ua.WithPort(50300);
                var connection = new TcpConnection(context, client, s_registrar, 0x5000_0000, 0x6000_0000);
                connection.Open();
                var pending = new MemoryStream();
                ScenarioUa[] lines =
                [
                    new ScenarioUa(context, "line1", client, s_registrar, transport: "TCP") { Connection = connection, Coalesce = pending },
                    new ScenarioUa(context, "line2", client, s_registrar, transport: "TCP") { Connection = connection, Coalesce = pending },
                ];
                void Flush(bool fromUa)
                {
                    connection.Send(fromUa, pending.ToArray());
                    pending.SetLength(0);
                }

                Array.ForEach(lines, ua => ua.Register(3600, credentials: false));
                Flush(fromUa: true);
                Array.ForEach(lines, ua => ua.Challenge());
                Flush(fromUa: false);
                Array.ForEach(lines, ua => ua.Register(3600));
                Flush(fromUa: true);
                Array.ForEach(lines, ua => ua.Ok(3600));
                Flush(fromUa: false);
            });

    /// <summary>TCP to port 5061 carrying TLS records (a ClientHello, then opaque application data); nothing readable.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture SipOverTls(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("sip-over-tls", "TCP to 198.51.100.10:5061: a TLS 1.2 ClientHello, a server handshake record, then application-data records both ways.", format,
            ExpectedStatuses.NoRegister, [ExpectedRuleIds.EncryptedSignalling], [ExpectedRuleIds.NoRegisterDnsFailure, ExpectedRuleIds.NoRegisterNoDns],
            context =>
            {
                var connection = new TcpConnection(context, s_ua.WithPort(50200), s_registrar.WithPort(5061), 0x3000_0000, 0x4000_0000);
                connection.Open();
                connection.Send(true, TlsRecords.ClientHello("sipreg.test"));
                connection.Send(false, TlsRecords.Record(0x16, 1200, context));
                connection.Send(true, TlsRecords.Record(0x14, 1, context));
                for (int i = 0; i < 4; i++)
                {
                    context.AdvanceMilliseconds(20);
                    connection.Send(i % 2 == 0, TlsRecords.Record(0x17, 600 + i * 37, context));
                }
            });

    /// <summary>One REGISTER, and the capture ends two seconds later, before any outcome.</summary>
    /// <param name="format">The container to write.</param>
    /// <returns>The capture and its expectations.</returns>
    public static ScenarioCapture Incomplete(CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Build("incomplete", "A REGISTER and its first two retransmissions (0.5 s, 1.5 s); the capture stops before timer F.", format,
            ExpectedStatuses.Incomplete, [], [ExpectedRuleIds.NoResponse, ExpectedRuleIds.ChallengeThenRegistered],
            context =>
            {
                var ua = new ScenarioUa(context, "oscar", s_ua, s_registrar);
                ua.Register(3600, credentials: false);
                context.AdvanceSeconds(0.5);
                ua.Retransmit();
                context.AdvanceSeconds(1);
                ua.Retransmit();
            });

    private static ScenarioCapture Build(string name, string description, CaptureFileFormat format, string status, string[] rules,
        string[] forbid, Action<CaptureContext> body)
    {
        using var stream = new MemoryStream();
        var sink = new CaptureWriterSink(stream, format);
        var context = new CaptureContext(sink, CaptureContext.DefaultStartNanoseconds, StableHash(name));
        body(context);
        sink.Dispose();
        GenerationCounts counts = context.Counts;
        counts.ExpectedCaptureStatus = status;
        counts.CaptureBytes = stream.Length;
        foreach (string rule in rules)
        {
            counts.AddRule(rule);
        }

        foreach (string aor in context.UserAgents)
        {
            counts.SetUserAgentStatus(aor, status);
        }

        return new ScenarioCapture(name, description, stream.ToArray(), format, counts, forbid);
    }

    /// <summary>FNV-1a, so the seed of a scenario does not depend on the runtime's string hashing.</summary>
    private static ulong StableHash(string text)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x100000001B3;
        }

        return hash;
    }

    private static void ChallengeAndRegister(ScenarioUa ua, int expires, int granted)
    {
        ua.Register(expires, credentials: false);
        ua.Challenge();
        ua.Register(expires);
        ua.Ok(granted);
    }

    private static void Refreshes(ScenarioUa ua, CaptureContext context, int count, double intervalSeconds, int expires, int granted)
    {
        for (int i = 0; i < count; i++)
        {
            context.AdvanceSeconds(intervalSeconds);
            ua.Register(expires);
            ua.Ok(granted);
        }
    }

    private static void HealthyFlow(ScenarioUa ua, CaptureContext context)
    {
        ChallengeAndRegister(ua, 300, 300);
        Refreshes(ua, context, count: 2, intervalSeconds: 180, expires: 300, granted: 300);
    }

    private static void AuthLoopFlow(ScenarioUa ua, int status)
    {
        ua.Register(3600, credentials: false);
        ua.Challenge(status);
        for (int i = 0; i < 4; i++)
        {
            ua.Register(3600);
            ua.Challenge(status);
        }
    }

    private static SipResponse IntervalTooBrief(ScenarioUa ua, int minExpires)
    {
        SipResponse response = ua.Response(423, "Interval Too Brief");
        response.MinExpires = minExpires;
        return response;
    }

    private static void NoResponseFlow(CaptureContext context, bool icmp)
    {
        var ua = new ScenarioUa(context, "peggy", s_ua, s_registrar);
        for (int transaction = 0; transaction < 2; transaction++)
        {
            // RFC 3261 §17.1.2.2: timer E starts at T1 (0.5 s), doubles up to T2 (4 s); timer F gives up at 64*T1.
            double interval = 0.5;
            double elapsed = 0;
            for (int transmission = 0; transmission <= 10; transmission++)
            {
                ReadOnlySpan<byte> frame = transmission == 0 ? ua.Register(3600, credentials: false) : ua.Retransmit();
                if (icmp)
                {
                    context.IcmpPortUnreachable(s_registrar.Address, s_ua.Address, frame);
                }

                context.AdvanceSeconds(interval);
                elapsed += interval;
                interval = Math.Min(interval * 2, 4);
            }

            context.AdvanceSeconds(Math.Max(0, 32 - elapsed) + 30);
        }
    }

    private static void NatFlow(CaptureContext context, bool keepAlives)
    {
        var ua = new ScenarioUa(context, "quinn", NetEndpoint.Parse("203.0.113.7", 40123), s_registrar,
            contact: NetEndpoint.Parse("192.168.1.20", 5060));
        ChallengeAndRegister(ua, 600, 600);
        for (int refresh = 0; refresh < 3; refresh++)
        {
            if (keepAlives)
            {
                for (int i = 0; i < 11; i++)
                {
                    context.AdvanceSeconds(25);
                    ua.KeepAlive();
                }

                context.AdvanceSeconds(25);
            }
            else
            {
                context.AdvanceSeconds(300);
            }

            ua.Register(600);
            ua.Ok(600);
        }
    }

    private static void ServiceRouteFlow(CaptureContext context, bool honour)
    {
        const string serviceRoute = "<sip:orig@scscf.sipreg.test;lr>";
        var ua = new ScenarioUa(context, "rupert", s_ua, s_registrar);
        ua.Request.Supported = "replaces, path, gruu";
        ua.Register(3600, credentials: false);
        ua.Challenge();
        ua.Register(3600);
        SipResponse ok = ua.Ok(3600, reply: false);
        ok.Paths.Add("<sip:term@edge.sipreg.test;lr>");
        ok.ServiceRoutes.Add(serviceRoute);
        ua.Reply(ok);
        context.AdvanceSeconds(10);
        // RFC 3608 §6.1: the UA must use the Service-Route as a preloaded Route for requests it originates.
        ua.Options(honour ? serviceRoute : null);
    }

    private static void OutboundFlow(CaptureContext context, bool complete)
    {
        var ua = new ScenarioUa(context, "sybil", s_ua, s_registrar);
        ua.Request.Supported = "path, outbound, gruu";
        ContactBinding contact = ua.Request.Contacts[0];
        contact.Ob = true;
        contact.InstanceId = "00000000-0000-1000-8000-0004f2a1b2c3";
        contact.RegId = 1;
        ua.Register(600, credentials: false);
        ua.Challenge();
        ua.Register(600);
        SipResponse ok = ua.Ok(600, reply: false);
        if (complete)
        {
            // RFC 5626 §6: a registrar that supports outbound puts "outbound" in Require of the 2xx.
            ok.Require = "outbound";
            ok.Supported = "outbound";
        }

        ua.Reply(ok);
    }

    private static void NaptrSrvA(CaptureContext context, NetEndpoint client, ushort id)
    {
        DnsExchange(context, client, id, "sipreg.test", DnsType.Naptr, DnsRcode.NoError,
            r => r.AddNaptr(10, 10, "SIP+D2U", "_sip._udp.sipreg.test"));
        DnsExchange(context, client, (ushort)(id + 1), "_sip._udp.sipreg.test", DnsType.Srv, DnsRcode.NoError,
            r => r.AddSrv(10, 50, 5060, "registrar.sipreg.test"));
        DnsExchange(context, client, (ushort)(id + 2), "registrar.sipreg.test", DnsType.A, DnsRcode.NoError,
            r => r.AddA(s_registrar.Address));
    }

    private static void DnsExchange(CaptureContext context, NetEndpoint client, ushort id, string name, DnsType type, DnsRcode rcode,
        Action<DnsMessageBuilder>? answers)
    {
        context.DnsQuery(client, s_resolver, DnsMessageBuilder.Query(id, name, type));
        context.AdvanceMilliseconds(1 + context.NextInt(20));
        DnsMessageBuilder response = DnsMessageBuilder.Response(id, name, type, rcode);
        answers?.Invoke(response);
        context.DnsResponse(s_resolver, client, response, rcode);
        context.AdvanceMilliseconds(1);
    }
}
