namespace SipReg.Generator;

/// <summary>The analyzer's rule ids, as the generators name them in their expectations.</summary>
public static class ExpectedRuleIds
{
    /// <summary>A challenge followed by a successful registration.</summary>
    public const string ChallengeThenRegistered = "challenge-then-registered";

    /// <summary>Requests with credentials are challenged again and again.</summary>
    public const string AuthLoop = "auth-loop";

    /// <summary>The credentials name a realm other than the challenge's.</summary>
    public const string AuthRealmMismatch = "auth-realm-mismatch";

    /// <summary>A challenge with <c>stale=true</c>.</summary>
    public const string AuthStaleNonce = "auth-stale-nonce";

    /// <summary>A final failure response (4xx/5xx/6xx other than challenges and 423).</summary>
    public const string FinalFailure = "final-failure";

    /// <summary>REGISTERs without any response.</summary>
    public const string NoResponse = "no-response";

    /// <summary>After a 423 the UA asked again with a lifetime below Min-Expires.</summary>
    public const string MinExpiresNotHonoured = "min-expires-not-honoured";

    /// <summary>After a 423 the UA asked again with at least Min-Expires.</summary>
    public const string MinExpiresHonoured = "min-expires-honoured";

    /// <summary>The registrar granted a shorter lifetime than requested.</summary>
    public const string GrantedExpiresReduced = "granted-expires-reduced";

    /// <summary>The UA refreshed after its granted lifetime had run out.</summary>
    public const string BindingLapsed = "binding-lapsed";

    /// <summary>REGISTER refreshes far more often than the lifetime needs (used as a keep-alive).</summary>
    public const string RegisterAsKeepalive = "register-as-keepalive";

    /// <summary>A UA behind NAT with no keep-alives between refreshes.</summary>
    public const string NoKeepaliveBehindNat = "no-keepalive-behind-nat";

    /// <summary>Every refresh is challenged again (no nextnonce).</summary>
    public const string RechallengeEveryRefresh = "rechallenge-every-refresh";

    /// <summary>A later request does not carry the Service-Route the registrar returned.</summary>
    public const string ServiceRouteIgnored = "service-route-ignored";

    /// <summary>One AOR with contacts differing only in host/port (NAT rebinding leftovers).</summary>
    public const string GhostBindings = "ghost-bindings";

    /// <summary>Many UAs refreshing within the same second, repeatedly.</summary>
    public const string RefreshStorm = "refresh-storm";

    /// <summary>A de-registration.</summary>
    public const string Deregistration = "deregistration";

    /// <summary>The UA asked for outbound (reg-id, +sip.instance) but the 2xx lacks <c>Require: outbound</c>.</summary>
    public const string OutboundIncomplete = "outbound-incomplete";

    /// <summary>No REGISTER, and the DNS lookups for the registrar failed.</summary>
    public const string NoRegisterDnsFailure = "no-register-dns-failure";

    /// <summary>No REGISTER and no DNS lookups at all.</summary>
    public const string NoRegisterNoDns = "no-register-no-dns";

    /// <summary>A DNS lookup failed (NXDOMAIN, SERVFAIL, REFUSED, empty answer) while registration went on.</summary>
    public const string DnsFailure = "dns-failure";

    /// <summary>Signalling over TLS that cannot be read.</summary>
    public const string EncryptedSignalling = "encrypted-signalling";
}
