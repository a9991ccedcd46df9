namespace SipReg.Analysis.Facts;

/// <summary>
/// One SIP request or response, reduced to the fields the registration model reads (RFC 3261 §7, §10, §20).
/// </summary>
/// <remarks>
/// Lists are never null; an absent header is an empty list or a null value. Numbers that could not be read are null.
/// </remarks>
public sealed record SipMessageFact : CaptureFact
{
    /// <summary>Whether the message is a request (false: a response).</summary>
    public bool IsRequest { get; init; }

    /// <summary>Whether the source address is a private one (RFC 1918, RFC 6598, RFC 4193): a hint of NAT.</summary>
    public bool SourceIsPrivate { get; init; }

    /// <summary>Bytes of the whole SIP message (start line, headers and body), 0 when unknown.</summary>
    public int Length { get; init; }

    /// <summary>The request method (requests only), upper case.</summary>
    public string? Method { get; init; }

    /// <summary>The Request-URI (requests only).</summary>
    public string? RequestUri { get; init; }

    /// <summary>The status code (responses only).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The reason phrase (responses only).</summary>
    public string? Reason { get; init; }

    /// <summary>The Call-ID header.</summary>
    public string CallId { get; init; } = "";

    /// <summary>The CSeq sequence number, or null when unreadable.</summary>
    public long? CSeq { get; init; }

    /// <summary>The CSeq method, upper case.</summary>
    public string CSeqMethod { get; init; } = "";

    /// <summary>The From URI.</summary>
    public string? FromUri { get; init; }

    /// <summary>The From tag.</summary>
    public string? FromTag { get; init; }

    /// <summary>The To URI (for REGISTER: the address-of-record, RFC 3261 §10.2).</summary>
    public string? ToUri { get; init; }

    /// <summary>The To tag.</summary>
    public string? ToTag { get; init; }

    /// <summary>The top Via's branch parameter.</summary>
    public string? ViaBranch { get; init; }

    /// <summary>The top Via's sent-by (<c>host[:port]</c>).</summary>
    public string? ViaSentBy { get; init; }

    /// <summary>The top Via's <c>received</c> parameter (RFC 3261 §18.2.1), or null.</summary>
    public string? ViaReceived { get; init; }

    /// <summary>The top Via's <c>rport</c> value (RFC 3581); null when absent or empty.</summary>
    public int? ViaRport { get; init; }

    /// <summary>How many Via header values the message carries.</summary>
    public int ViaCount { get; init; } = 1;

    /// <summary>The Contact values (empty for <c>Contact: *</c>, see <see cref="ContactStar"/>).</summary>
    public IReadOnlyList<SipContactFact> Contacts { get; init; } = [];

    /// <summary>Whether the message carries <c>Contact: *</c> (RFC 3261 §10.2.2).</summary>
    public bool ContactStar { get; init; }

    /// <summary>The Expires header in seconds, or null.</summary>
    public long? Expires { get; init; }

    /// <summary>The Min-Expires header in seconds (a 423 response, RFC 3261 §10.3 step 7), or null.</summary>
    public long? MinExpires { get; init; }

    /// <summary>The Path values (RFC 3327).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>The Service-Route values (RFC 3608).</summary>
    public IReadOnlyList<string> ServiceRoute { get; init; } = [];

    /// <summary>The Route values.</summary>
    public IReadOnlyList<string> Route { get; init; } = [];

    /// <summary>The Supported option tags, one per entry.</summary>
    public IReadOnlyList<string> Supported { get; init; } = [];

    /// <summary>The Require option tags, one per entry.</summary>
    public IReadOnlyList<string> Require { get; init; } = [];

    /// <summary>The digest challenge of a 401/407 response, or null.</summary>
    public SipChallengeFact? Challenge { get; init; }

    /// <summary>The digest credentials of a request, or null.</summary>
    public SipAuthorizationFact? Authorization { get; init; }

    /// <summary>The <c>nextnonce</c> of an Authentication-Info header (RFC 3261 §20.6), or null.</summary>
    public string? NextNonce { get; init; }

    /// <summary>The Retry-After header in seconds, or null.</summary>
    public long? RetryAfter { get; init; }

    /// <summary>The User-Agent header, or null.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The Server header, or null.</summary>
    public string? Server { get; init; }
}
