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

        var f = default(Fields);
        if (!f.ReadSimple(parameters))
        {
            f = default;
            foreach (var p in new SipParameterEnumerator(parameters, (byte)','))
            {
                f.Set(p.Name, p.Value);
            }
        }

        credentials = new SipCredentials
        {
            Header = header,
            Scheme = scheme,
            Parameters = parameters,
            Username = f.Username,
            Realm = f.Realm,
            Nonce = f.Nonce,
            Uri = f.Uri,
            Response = f.Response,
            Algorithm = f.Algorithm,
            CNonce = f.CNonce,
            NonceCount = f.NonceCount,
            Qop = f.Qop,
            Opaque = f.Opaque,
        };
        return true;
    }

    /// <summary>The auth-params read so far; a repeated name keeps its last value.</summary>
    private ref struct Fields
    {
        public ReadOnlySpan<byte> Username, Realm, Nonce, Uri, Response, Algorithm, CNonce, NonceCount, Qop, Opaque;

        /// <summary>Reads a list in the usual form in one pass; false (fields partly set) when it is not in that form.</summary>
        public bool ReadSimple(ReadOnlySpan<byte> parameters)
        {
            var reader = new SipAuthParamReader(parameters);
            while (true)
            {
                switch (reader.Next(out var name, out var value, out _))
                {
                    case SipAuthParamReader.Status.Parameter:
                        Set(name, SipAuthParamReader.Unquoted(value));
                        break;
                    case SipAuthParamReader.Status.End:
                        return true;
                    default:
                        return false;
                }
            }
        }

        public void Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            // The length picks the candidate names, so each parameter costs one comparison or two.
            switch (name.Length)
            {
                case 2 when SipSyntax.EqualsLowerIgnoreCase(name, "nc"u8):
                    NonceCount = value;
                    break;
                case 3 when SipSyntax.EqualsLowerIgnoreCase(name, "uri"u8):
                    Uri = value;
                    break;
                case 3 when SipSyntax.EqualsLowerIgnoreCase(name, "qop"u8):
                    Qop = value;
                    break;
                case 5 when SipSyntax.EqualsLowerIgnoreCase(name, "realm"u8):
                    Realm = value;
                    break;
                case 5 when SipSyntax.EqualsLowerIgnoreCase(name, "nonce"u8):
                    Nonce = value;
                    break;
                case 6 when SipSyntax.EqualsLowerIgnoreCase(name, "cnonce"u8):
                    CNonce = value;
                    break;
                case 6 when SipSyntax.EqualsLowerIgnoreCase(name, "opaque"u8):
                    Opaque = value;
                    break;
                case 8 when SipSyntax.EqualsLowerIgnoreCase(name, "username"u8):
                    Username = value;
                    break;
                case 8 when SipSyntax.EqualsLowerIgnoreCase(name, "response"u8):
                    Response = value;
                    break;
                case 9 when SipSyntax.EqualsLowerIgnoreCase(name, "algorithm"u8):
                    Algorithm = value;
                    break;
            }
        }
    }
}
