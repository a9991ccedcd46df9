using System.Text.Json.Serialization;

namespace SipReg.Analysis.Model;

/// <summary>What a <see cref="RegistrationEvent"/> records. The meaning of <c>Value</c>/<c>Reference</c>/<c>Text</c> is given per kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegistrationEventKind>))]
public enum RegistrationEventKind
{
    /// <summary>A 401/407 challenge. Value: status code; Text: realm. Frames: request, response.</summary>
    Challenged,

    /// <summary>The first successful registration of the flow. Value: granted seconds; Reference: requested seconds.</summary>
    Registered,

    /// <summary>A successful de-registration. Frames: request, 200 OK.</summary>
    Deregistered,

    /// <summary>A final failure other than 401/407/423. Value: status code; Reference: Retry-After seconds; Text: reason phrase.</summary>
    FinalFailure,

    /// <summary>A REGISTER without final response. Value: retransmissions; Reference: ICMP unreachable count. Frames: transmissions, ICMP.</summary>
    NoResponse,

    /// <summary>A Contact granted less than requested (RFC 3261 §10.3 step 7). Value: granted; Reference: requested; Text: Contact URI.</summary>
    GrantReduced,

    /// <summary>After a 423, the next REGISTER asked for at least Min-Expires. Value: requested; Reference: Min-Expires.</summary>
    MinExpiresHonoured,

    /// <summary>After a 423, the next REGISTER still asked for less than Min-Expires. Value: requested; Reference: Min-Expires.</summary>
    MinExpiresIgnored,

    /// <summary>A refresh came after the granted lifetime ran out. Value: seconds without binding; Reference: granted seconds. Frames: 200 OK, refresh.</summary>
    BindingLapsed,

    /// <summary>Credentials for a realm other than the challenge's. Text: "credential realm|challenge realm". Frames: challenge, request.</summary>
    RealmMismatch,

    /// <summary>A challenge with <c>stale=true</c> (RFC 7616 §3.3). Frames: challenge.</summary>
    StaleNonce,

    /// <summary>The UA reused its old nonce although the registrar sent a <c>nextnonce</c> (RFC 3261 §20.6). Frames: 200 OK, request.</summary>
    NonceReusedAfterNextNonce,

    /// <summary>The same nonce was used again without a higher nonce count (RFC 7616 §3.4). Value: nc. Frames: request.</summary>
    NonceCountNotIncremented,

    /// <summary>Outbound was asked for (RFC 5626 §4.2) but the 200 OK has no <c>Require: outbound</c>. Text: whether reg-id was echoed. Frames: request, 200 OK.</summary>
    OutboundNotConfirmed,

    /// <summary>A later request from the UA lacks the Service-Route (RFC 3608 §6). Text: method. Frames: 200 OK with Service-Route, request.</summary>
    ServiceRouteIgnored,

    /// <summary>Several bindings of the AOR differ only in host/port and were registered by different flows. Text: the Contact URIs. Frames: 200 OK.</summary>
    GhostBindings,
}
