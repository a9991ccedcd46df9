namespace SipReg.Sip;

/// <summary>
/// A view of a WWW-Authenticate or Proxy-Authenticate challenge (RFC 3261 §20.27, §20.44; Digest per RFC 2617 §3.2.1
/// and RFC 7616 §3.3): scheme, realm, nonce, opaque, algorithm, qop options, stale, domain.
/// </summary>
/// <remarks>Parameter names are case-insensitive; quoted and unquoted values are both accepted, as real servers send both.</remarks>
public readonly ref struct SipChallenge
{
    /// <summary>Which header the challenge came from.</summary>
    public SipHeaderName Header { get; init; }

    /// <summary>The auth scheme, normally <c>Digest</c>.</summary>
    public ReadOnlySpan<byte> Scheme { get; init; }

    /// <summary>The auth-params after the scheme, as written.</summary>
    public ReadOnlySpan<byte> Parameters { get; init; }

    /// <summary>The <c>realm</c> without quotes (escapes kept), or empty.</summary>
    public ReadOnlySpan<byte> Realm { get; init; }

    /// <summary>The <c>nonce</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Nonce { get; init; }

    /// <summary>The <c>opaque</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Opaque { get; init; }

    /// <summary>The <c>domain</c> without quotes (a space-separated URI list), or empty.</summary>
    public ReadOnlySpan<byte> Domain { get; init; }

    /// <summary>The <c>algorithm</c> as written (without quotes), or empty.</summary>
    public ReadOnlySpan<byte> Algorithm { get; init; }

    /// <summary>The <c>algorithm</c> identified.</summary>
    public SipDigestAlgorithm AlgorithmKind => SipDigestAlgorithms.Parse(Algorithm);

    /// <summary>The <c>qop</c> options without quotes (e.g. <c>auth,auth-int</c>), or empty.</summary>
    public ReadOnlySpan<byte> Qop { get; init; }

    /// <summary>The <c>stale</c> value as written (without quotes), or empty.</summary>
    public ReadOnlySpan<byte> Stale { get; init; }

    /// <summary>Whether <c>stale=true</c> (case-insensitive, RFC 2617 §3.2.1).</summary>
    public bool IsStale => SipSyntax.EqualsIgnoreCase(Stale, "true"u8);

    /// <summary>Whether the scheme is Digest (case-insensitive).</summary>
    public bool IsDigest => SipSyntax.EqualsIgnoreCase(Scheme, "Digest"u8);

    /// <summary>The qop options, one token each, for <c>foreach</c>.</summary>
    /// <returns>An enumerator.</returns>
    public SipTokenEnumerator EnumerateQopOptions() => new(Qop);

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

    /// <summary>Reads a challenge.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="header">The header it came from (WWW-Authenticate or Proxy-Authenticate).</param>
    /// <param name="challenge">The view.</param>
    /// <returns>False if there is no scheme.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, SipHeaderName header, out SipChallenge challenge)
    {
        challenge = default;
        if (!SipAuthScheme.TrySplit(value, out var scheme, out var parameters))
        {
            return false;
        }

        challenge = Read(header, scheme, parameters);
        return true;
    }

    /// <summary>Reads a challenge already split by <see cref="SipAuthScheme.TrySplit"/>.</summary>
    internal static SipChallenge Read(SipHeaderName header, ReadOnlySpan<byte> scheme, ReadOnlySpan<byte> parameters)
    {
        var f = default(Fields);
        SipAuthParamReader.ReadInto(parameters, ref f);
        return new SipChallenge
        {
            Header = header,
            Scheme = scheme,
            Parameters = parameters,
            Realm = f.Realm,
            Nonce = f.Nonce,
            Opaque = f.Opaque,
            Domain = f.Domain,
            Algorithm = f.Algorithm,
            Qop = f.Qop,
            Stale = f.Stale,
        };
    }

    /// <summary>The auth-params read so far; a repeated name keeps its last value.</summary>
    private ref struct Fields : SipAuthParamReader.IFields
    {
        public ReadOnlySpan<byte> Realm, Nonce, Opaque, Domain, Algorithm, Qop, Stale;

        public void Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            // The length picks the candidate names, so each parameter costs one comparison or none.
            switch (name.Length)
            {
                case 3 when SipSyntax.EqualsLowerIgnoreCase(name, "qop"u8):
                    Qop = value;
                    break;
                case 5 when SipSyntax.EqualsLowerIgnoreCase(name, "realm"u8):
                    Realm = value;
                    break;
                case 5 when SipSyntax.EqualsLowerIgnoreCase(name, "nonce"u8):
                    Nonce = value;
                    break;
                case 5 when SipSyntax.EqualsLowerIgnoreCase(name, "stale"u8):
                    Stale = value;
                    break;
                case 6 when SipSyntax.EqualsLowerIgnoreCase(name, "opaque"u8):
                    Opaque = value;
                    break;
                case 6 when SipSyntax.EqualsLowerIgnoreCase(name, "domain"u8):
                    Domain = value;
                    break;
                case 9 when SipSyntax.EqualsLowerIgnoreCase(name, "algorithm"u8):
                    Algorithm = value;
                    break;
            }
        }
    }
}
