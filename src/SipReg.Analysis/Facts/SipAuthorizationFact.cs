namespace SipReg.Analysis.Facts;

/// <summary>Digest credentials: an <c>Authorization</c> or <c>Proxy-Authorization</c> header (RFC 3261 §22.2, §22.3).</summary>
public sealed record SipAuthorizationFact
{
    /// <summary>The header name: <c>Authorization</c> or <c>Proxy-Authorization</c>.</summary>
    public string Header { get; init; } = "Authorization";

    /// <summary>The <c>username</c> parameter, or null.</summary>
    public string? Username { get; init; }

    /// <summary>The <c>realm</c> parameter, or null.</summary>
    public string? Realm { get; init; }

    /// <summary>The <c>nonce</c> parameter, or null.</summary>
    public string? Nonce { get; init; }

    /// <summary>The nonce count <c>nc</c> (hexadecimal in the header, read as a number), or null.</summary>
    public long? NonceCount { get; init; }

    /// <summary>The <c>cnonce</c> parameter, or null.</summary>
    public string? CNonce { get; init; }

    /// <summary>The <c>response</c> digest, or null.</summary>
    public string? Response { get; init; }

    /// <summary>The digest <c>uri</c> parameter, or null.</summary>
    public string? Uri { get; init; }
}
