namespace SipReg.Sip;

/// <summary>
/// The header fields SipReg.Sip knows by name (full and compact forms, case-insensitive), for lookups without strings.
/// </summary>
public enum SipHeaderName
{
    /// <summary>A header this enum does not name; read it by its name text.</summary>
    Unknown = 0,

    /// <summary><c>Via</c> (compact <c>v</c>), RFC 3261 §20.42.</summary>
    Via,

    /// <summary><c>From</c> (compact <c>f</c>), RFC 3261 §20.20.</summary>
    From,

    /// <summary><c>To</c> (compact <c>t</c>), RFC 3261 §20.39.</summary>
    To,

    /// <summary><c>Call-ID</c> (compact <c>i</c>), RFC 3261 §20.8.</summary>
    CallId,

    /// <summary><c>CSeq</c>, RFC 3261 §20.16.</summary>
    CSeq,

    /// <summary><c>Contact</c> (compact <c>m</c>), RFC 3261 §20.10.</summary>
    Contact,

    /// <summary><c>Max-Forwards</c>, RFC 3261 §20.22.</summary>
    MaxForwards,

    /// <summary><c>Expires</c>, RFC 3261 §20.19.</summary>
    Expires,

    /// <summary><c>Min-Expires</c>, RFC 3261 §20.23.</summary>
    MinExpires,

    /// <summary><c>Content-Length</c> (compact <c>l</c>), RFC 3261 §20.14.</summary>
    ContentLength,

    /// <summary><c>Content-Type</c> (compact <c>c</c>), RFC 3261 §20.15.</summary>
    ContentType,

    /// <summary><c>Content-Encoding</c> (compact <c>e</c>), RFC 3261 §20.12.</summary>
    ContentEncoding,

    /// <summary><c>Subject</c> (compact <c>s</c>), RFC 3261 §20.36.</summary>
    Subject,

    /// <summary><c>Supported</c> (compact <c>k</c>), RFC 3261 §20.37.</summary>
    Supported,

    /// <summary><c>Require</c>, RFC 3261 §20.32.</summary>
    Require,

    /// <summary><c>Proxy-Require</c>, RFC 3261 §20.29.</summary>
    ProxyRequire,

    /// <summary><c>Unsupported</c>, RFC 3261 §20.40.</summary>
    Unsupported,

    /// <summary><c>Route</c>, RFC 3261 §20.34.</summary>
    Route,

    /// <summary><c>Record-Route</c>, RFC 3261 §20.30.</summary>
    RecordRoute,

    /// <summary><c>Path</c>, RFC 3327 §4.</summary>
    Path,

    /// <summary><c>Service-Route</c>, RFC 3608 §5.</summary>
    ServiceRoute,

    /// <summary><c>WWW-Authenticate</c>, RFC 3261 §20.44.</summary>
    WwwAuthenticate,

    /// <summary><c>Proxy-Authenticate</c>, RFC 3261 §20.27.</summary>
    ProxyAuthenticate,

    /// <summary><c>Authorization</c>, RFC 3261 §20.7.</summary>
    Authorization,

    /// <summary><c>Proxy-Authorization</c>, RFC 3261 §20.28.</summary>
    ProxyAuthorization,

    /// <summary><c>Authentication-Info</c>, RFC 3261 §20.6.</summary>
    AuthenticationInfo,

    /// <summary><c>User-Agent</c>, RFC 3261 §20.41.</summary>
    UserAgent,

    /// <summary><c>Server</c>, RFC 3261 §20.35.</summary>
    Server,

    /// <summary><c>Warning</c>, RFC 3261 §20.43.</summary>
    Warning,

    /// <summary><c>Reason</c>, RFC 3326 §2.</summary>
    Reason,

    /// <summary><c>Retry-After</c>, RFC 3261 §20.33.</summary>
    RetryAfter,

    /// <summary><c>Allow</c>, RFC 3261 §20.5.</summary>
    Allow,

    /// <summary><c>Accept</c>, RFC 3261 §20.1.</summary>
    Accept,

    /// <summary><c>Date</c>, RFC 3261 §20.17.</summary>
    Date,

    /// <summary><c>Timestamp</c>, RFC 3261 §20.38.</summary>
    Timestamp,

    /// <summary><c>Organization</c>, RFC 3261 §20.25.</summary>
    Organization,

    /// <summary><c>Event</c> (compact <c>o</c>), RFC 6665 §8.2.1.</summary>
    Event,

    /// <summary><c>Refer-To</c> (compact <c>r</c>), RFC 3515 §2.1.</summary>
    ReferTo,

    /// <summary><c>Referred-By</c> (compact <c>b</c>), RFC 3892 §3.</summary>
    ReferredBy,

    /// <summary><c>Allow-Events</c> (compact <c>u</c>), RFC 6665 §8.2.2.</summary>
    AllowEvents,

    /// <summary><c>Session-Expires</c> (compact <c>x</c>), RFC 4028 §4.</summary>
    SessionExpires,

    /// <summary><c>Accept-Contact</c> (compact <c>a</c>), RFC 3841 §9.2.</summary>
    AcceptContact,

    /// <summary><c>Reject-Contact</c> (compact <c>j</c>), RFC 3841 §9.2.</summary>
    RejectContact,

    /// <summary><c>Request-Disposition</c> (compact <c>d</c>), RFC 3841 §9.1.</summary>
    RequestDisposition,

    /// <summary><c>Identity</c> (compact <c>y</c>), RFC 8224 §4.</summary>
    Identity,

    /// <summary><c>Identity-Info</c> (compact <c>n</c>), RFC 4474 §9 (obsoleted by RFC 8224).</summary>
    IdentityInfo,

    /// <summary><c>Flow-Timer</c>, RFC 5626 §11.</summary>
    FlowTimer,

    /// <summary><c>P-Associated-URI</c>, RFC 7315 §4.1.</summary>
    PAssociatedUri,
}
