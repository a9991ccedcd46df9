namespace SipReg.Analysis.Model;

/// <summary>
/// Remembers the <see cref="SipUriText"/> keys already computed for a URI or endpoint text. A registrar capture
/// repeats the same few thousand Contact, To and endpoint texts millions of times; each key is worked out once.
/// </summary>
/// <remarks>Each table is cleared when it reaches <see cref="MaxEntries"/>: memory stays bounded and a result never changes.</remarks>
internal sealed class UriKeyMemo
{
    /// <summary>Entries per table before it is cleared.</summary>
    public const int MaxEntries = 1 << 16;

    private readonly Dictionary<string, string> _contactKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _contactKeysWithoutHostPort = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _addressesOfRecord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _endpointHosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _upper = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _privateHosts = new(StringComparer.Ordinal);

    /// <summary><see cref="SipUriText.ContactKey"/>, memoised.</summary>
    public string ContactKey(string uri) => Get(_contactKeys, uri, Kind.ContactKey);

    /// <summary><see cref="SipUriText.ContactKeyWithoutHostPort"/>, memoised.</summary>
    public string ContactKeyWithoutHostPort(string uri) => Get(_contactKeysWithoutHostPort, uri, Kind.ContactKeyWithoutHostPort);

    /// <summary><see cref="SipUriText.NormalizeAddressOfRecord"/>, memoised.</summary>
    public string AddressOfRecord(string? uri) => uri is null ? "" : Get(_addressesOfRecord, uri, Kind.AddressOfRecord);

    /// <summary><see cref="SipUriText.EndpointHost"/>, memoised.</summary>
    public string EndpointHost(string endpoint) => Get(_endpointHosts, endpoint, Kind.EndpointHost);

    /// <summary><see cref="SipUriText.IsPrivateAddress"/>, memoised.</summary>
    public bool IsPrivateAddress(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (_privateHosts.TryGetValue(host, out var isPrivate))
        {
            return isPrivate;
        }

        if (_privateHosts.Count >= MaxEntries)
        {
            _privateHosts.Clear();
        }

        isPrivate = SipUriText.IsPrivateAddress(host);
        _privateHosts.Add(host, isPrivate);
        return isPrivate;
    }

    /// <summary>The text in upper case (invariant), memoised.</summary>
    public string Upper(string text) => Get(_upper, text, Kind.Upper);

    private enum Kind
    {
        ContactKey,
        ContactKeyWithoutHostPort,
        AddressOfRecord,
        EndpointHost,
        Upper,
    }

    private static string Compute(Kind kind, string input) => kind switch
    {
        Kind.ContactKey => SipUriText.ContactKey(input),
        Kind.ContactKeyWithoutHostPort => SipUriText.ContactKeyWithoutHostPort(input),
        Kind.AddressOfRecord => SipUriText.NormalizeAddressOfRecord(input),
        Kind.EndpointHost => SipUriText.EndpointHost(input),
        _ => input.ToUpperInvariant(),
    };

    private static string Get(Dictionary<string, string> table, string input, Kind kind)
    {
        if (table.TryGetValue(input, out var key))
        {
            return key;
        }

        if (table.Count >= MaxEntries)
        {
            table.Clear();
        }

        key = Compute(kind, input);
        table.Add(input, key);
        return key;
    }
}
