namespace SipReg.Analysis.Facts;

/// <summary>A digest challenge: a <c>WWW-Authenticate</c> (401) or <c>Proxy-Authenticate</c> (407) header (RFC 3261 §22.1, RFC 7616).</summary>
public sealed record SipChallengeFact
{
    /// <summary>The header name: <c>WWW-Authenticate</c> or <c>Proxy-Authenticate</c>.</summary>
    public string Header { get; init; } = "WWW-Authenticate";

    /// <summary>The <c>realm</c> parameter, or null.</summary>
    public string? Realm { get; init; }

    /// <summary>The <c>nonce</c> parameter, or null.</summary>
    public string? Nonce { get; init; }

    /// <summary>Whether <c>stale=true</c> was given (the credentials were good, the nonce was not).</summary>
    public bool Stale { get; init; }

    /// <summary>The <c>algorithm</c> parameter, or null.</summary>
    public string? Algorithm { get; init; }

    /// <summary>The <c>qop</c> parameter, or null.</summary>
    public string? Qop { get; init; }
}
