namespace SipReg.Sip;

/// <summary>
/// A view of Authorization or Proxy-Authorization credentials (RFC 3261 §20.7, §20.28; RFC 2617 §3.2.2, RFC 7616 §3.4).
/// </summary>
public readonly ref struct SipCredentials
{
    // Built in place from the fields read: an object initializer would build a copy of this large view first.
    private SipCredentials(SipHeaderName header, ReadOnlySpan<byte> scheme, ReadOnlySpan<byte> parameters, scoped in Fields f)
    {
        Header = header;
        Scheme = scheme;
        Parameters = parameters;
        Username = f.Username;
        Realm = f.Realm;
        Nonce = f.Nonce;
        Uri = f.Uri;
        Response = f.Response;
        Algorithm = f.Algorithm;
        CNonce = f.CNonce;
        NonceCount = f.NonceCount;
        Qop = f.Qop;
        Opaque = f.Opaque;
    }

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
        if (!SipAuthScheme.TrySplit(value, out var scheme, out var parameters))
        {
            credentials = default;
            return false;
        }

        credentials = Read(header, scheme, parameters);
        return true;
    }

    /// <summary>Reads credentials already split by <see cref="SipAuthScheme.TrySplit"/>.</summary>
    internal static SipCredentials Read(SipHeaderName header, ReadOnlySpan<byte> scheme, ReadOnlySpan<byte> parameters)
    {
        var f = default(Fields);
        SipAuthParamReader.ReadInto(parameters, ref f);
        return new SipCredentials(header, scheme, parameters, f);
    }

    /// <summary>The auth-params read so far; a repeated name keeps its last value.</summary>
    private ref struct Fields : SipAuthParamReader.IFields
    {
        public ReadOnlySpan<byte> Username, Realm, Nonce, Uri, Response, Algorithm, CNonce, NonceCount, Qop, Opaque;

        public void Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            // The length picks the candidate names, so each parameter costs one word comparison or two (all are letters only;
            // a word holds the first 8 bytes, so the ninth of algorithm is compared apart).
            var word = SipSyntax.CaseFoldedWord(name);
            switch (name.Length)
            {
                case 2 when word == s_nc:
                    NonceCount = value;
                    break;
                case 3 when word == s_uri:
                    Uri = value;
                    break;
                case 3 when word == s_qop:
                    Qop = value;
                    break;
                case 5 when word == s_realm:
                    Realm = value;
                    break;
                case 5 when word == s_nonce:
                    Nonce = value;
                    break;
                case 6 when word == s_cnonce:
                    CNonce = value;
                    break;
                case 6 when word == s_opaque:
                    Opaque = value;
                    break;
                case 8 when word == s_username:
                    Username = value;
                    break;
                case 8 when word == s_response:
                    Response = value;
                    break;
                case 9 when word == s_algorithm && (name[8] | 0x20) == 'm':
                    Algorithm = value;
                    break;
            }
        }

        private static readonly ulong s_nc = SipSyntax.CaseFoldedWord("nc"u8), s_uri = SipSyntax.CaseFoldedWord("uri"u8),
            s_qop = SipSyntax.CaseFoldedWord("qop"u8), s_realm = SipSyntax.CaseFoldedWord("realm"u8), s_nonce = SipSyntax.CaseFoldedWord("nonce"u8),
            s_cnonce = SipSyntax.CaseFoldedWord("cnonce"u8), s_opaque = SipSyntax.CaseFoldedWord("opaque"u8),
            s_username = SipSyntax.CaseFoldedWord("username"u8), s_response = SipSyntax.CaseFoldedWord("response"u8),
            s_algorithm = SipSyntax.CaseFoldedWord("algorithm"u8);
    }
}
