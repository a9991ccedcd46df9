using SipReg.Pcap;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Hands out one string per distinct endpoint and per distinct short header text (method, Call-ID, URIs, tags,
/// User-Agent, realm...), so that a registrar capture's millions of facts share a few thousand strings: fewer
/// allocations while reading and far less retained by the analyzer's live state.
/// </summary>
/// <remarks>
/// Lookups go by span (<see cref="Dictionary{TKey, TValue}.GetAlternateLookup{TAlternateKey}"/>), so a hit allocates
/// nothing. Each table is capped: when it is full it is cleared, which only costs the next lookups a new string,
/// never a different result (the text is the same either way).
/// </remarks>
internal sealed class FactTextCache
{
    /// <summary>Entries per table before it is cleared.</summary>
    public const int MaxEntries = 1 << 16;

    /// <summary>Longer texts are not worth a lookup (bodies of Contact lists, long nonces): they are decoded as usual.</summary>
    public const int MaxTextBytes = 256;

    private readonly EndpointTextCache _endpoints = new();
    private readonly Dictionary<byte[], string> _texts = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _textLookup;
    private readonly Dictionary<byte[], object> _parts = new(Utf8KeyComparer.Instance);
    private readonly byte[] _partKey = new byte[MaxPartKeyBytes];
    private readonly Dictionary<byte[], object>.AlternateLookup<ReadOnlySpan<byte>> _partLookup;

    public FactTextCache()
    {
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<byte>>();
        _partLookup = _parts.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Longer header values are not kept as parts.</summary>
    public const int MaxPartKeyBytes = 1024;

    /// <summary>
    /// What a fact reader made of one whole header value (a Contact list, a From, a Path...), looked up by the kind of
    /// part and the value's bytes: a UA's refreshes repeat the same Contact and From, so each is read into facts once.
    /// </summary>
    /// <typeparam name="TPart">The part: immutable, as facts are.</typeparam>
    /// <param name="kind">A byte that tells the kinds of part apart.</param>
    /// <param name="value">The header value's bytes.</param>
    /// <param name="read">Reads the part from the message when it is not known yet.</param>
    /// <param name="message">The message the value belongs to.</param>
    public TPart Part<TPart>(byte kind, ReadOnlySpan<byte> value, Func<Sip.SipMessage, FactTextCache, TPart> read, Sip.SipMessage message)
        where TPart : class
    {
        if (value.Length >= MaxPartKeyBytes)
        {
            return read(message, this);
        }

        var key = _partKey.AsSpan();
        key[0] = kind;
        value.CopyTo(key[1..]);
        var k = key[..(value.Length + 1)];
        if (_partLookup.TryGetValue(k, out var known) && known is TPart part)
        {
            return part;
        }

        if (_parts.Count >= MaxEntries)
        {
            _parts.Clear();
        }

        part = read(message, this);
        _parts[k.ToArray()] = part;
        return part;
    }

    /// <summary>The endpoint as <see cref="NetworkEndpoint.ToString"/> writes it.</summary>
    public string Endpoint(NetworkEndpoint endpoint) => _endpoints.Get(endpoint);

    /// <summary>The UTF-8 bytes as a string, as <see cref="Sip.SipText.GetString"/> decodes them.</summary>
    /// <remarks>Looked up by the bytes themselves: a hit neither decodes nor allocates.</remarks>
    public string Text(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        if (utf8.Length > MaxTextBytes)
        {
            return Sip.SipText.GetString(utf8);
        }

        if (_textLookup.TryGetValue(utf8, out var text))
        {
            return text;
        }

        if (_texts.Count >= MaxEntries)
        {
            _texts.Clear();
        }

        text = Sip.SipText.GetString(utf8);
        _texts.Add(utf8.ToArray(), text);
        return text;
    }

    /// <summary>
    /// Compares byte-array keys by content and lets a span stand for a key. The hash is <see cref="HashCode"/>'s,
    /// seeded per process, so crafted header texts cannot force collisions.
    /// </summary>
    private sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8KeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
