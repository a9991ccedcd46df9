namespace SipReg.Sip;

/// <summary>
/// A view of Authorization or Proxy-Authorization credentials (RFC 3261 §20.7, §20.28; RFC 2617 §3.2.2, RFC 7616 §3.4).
/// </summary>
public readonly ref struct SipCredentials
{
    /// <summary>Which header the credentials came from.</summary>
    public SipHeaderName Header { get; init; }

    /// <summary>The auth scheme, normally <c>Digest</c>.</summary>
    public ReadOnlySpan<byte> Scheme { get; init; }

    /// <summary>The auth-params after the scheme, as written.</summary>
    public ReadOnlySpan<byte> Parameters { get; init; }

    /// <summary>The <c>username</c> without quotes (escapes kept), or empty.</summary>
    public ReadOnlySpan<byte> Username { get; init; }

    /// <summary>The <c>realm</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Realm { get; init; }

    /// <summary>The <c>nonce</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Nonce { get; init; }

    /// <summary>The digest <c>uri</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Uri { get; init; }

    /// <summary>The <c>response</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Response { get; init; }

    /// <summary>The <c>algorithm</c> as written, or empty.</summary>
    public ReadOnlySpan<byte> Algorithm { get; init; }

    /// <summary>The <c>algorithm</c> identified.</summary>
    public SipDigestAlgorithm AlgorithmKind => SipDigestAlgorithms.Parse(Algorithm);

    /// <summary>The <c>cnonce</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> CNonce { get; init; }

    /// <summary>The <c>nc</c> (nonce-count, 8 hex digits), or empty.</summary>
    public ReadOnlySpan<byte> NonceCount { get; init; }

    /// <summary>The chosen <c>qop</c>, or empty.</summary>
    public ReadOnlySpan<byte> Qop { get; init; }

    /// <summary>The <c>opaque</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Opaque { get; init; }

    /// <summary>Finds an auth-param by name.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <param name="value">Its value without quotes.</param>
    /// <returns>True if present.</returns>
    public bool TryGetParameter(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (SipParameterEnumerator.TryFind(Parameters, (byte)',', name, out var p))
        {
            value = p.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads credentials.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="header">The header it came from.</param>
    /// <param name="credentials">The view.</param>
    /// <returns>False if there is no scheme.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, SipHeaderName header, out SipCredentials credentials)
    {
        credentials = default;
        if (!SipAuthScheme.TrySplit(value, out var scheme, out var parameters))
        {
            return false;
        }

        ReadOnlySpan<byte> username = default, realm = default, nonce = default, uri = default, response = default, algorithm = default,
            cnonce = default, nc = default, qop = default, opaque = default;
        foreach (var p in new SipParameterEnumerator(parameters, (byte)','))
        {
            // The length picks the candidate names, so each parameter costs one comparison or two.
            switch (p.Name.Length)
            {
                case 2 when p.NameIs("nc"u8):
                    nc = p.Value;
                    break;
                case 3 when p.NameIs("uri"u8):
                    uri = p.Value;
                    break;
                case 3 when p.NameIs("qop"u8):
                    qop = p.Value;
                    break;
                case 5 when p.NameIs("realm"u8):
                    realm = p.Value;
                    break;
                case 5 when p.NameIs("nonce"u8):
                    nonce = p.Value;
                    break;
                case 6 when p.NameIs("cnonce"u8):
                    cnonce = p.Value;
                    break;
                case 6 when p.NameIs("opaque"u8):
                    opaque = p.Value;
                    break;
                case 8 when p.NameIs("username"u8):
                    username = p.Value;
                    break;
                case 8 when p.NameIs("response"u8):
                    response = p.Value;
                    break;
                case 9 when p.NameIs("algorithm"u8):
                    algorithm = p.Value;
                    break;
            }
        }

        credentials = new SipCredentials
        {
            Header = header,
            Scheme = scheme,
            Parameters = parameters,
            Username = username,
            Realm = realm,
            Nonce = nonce,
            Uri = uri,
            Response = response,
            Algorithm = algorithm,
            CNonce = cnonce,
            NonceCount = nc,
            Qop = qop,
            Opaque = opaque,
        };
        return true;
    }
}
