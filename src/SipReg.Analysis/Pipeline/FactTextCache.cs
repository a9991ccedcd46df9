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

    private readonly Dictionary<NetworkEndpoint, string> _endpoints = [];
    private readonly Dictionary<byte[], string> _texts = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _textLookup;

    public FactTextCache() => _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The endpoint as <see cref="NetworkEndpoint.ToString"/> writes it.</summary>
    public string Endpoint(NetworkEndpoint endpoint)
    {
        if (_endpoints.TryGetValue(endpoint, out var text))
        {
            return text;
        }

        if (_endpoints.Count >= MaxEntries)
        {
            _endpoints.Clear();
        }

        text = endpoint.ToString();
        _endpoints.Add(endpoint, text);
        return text;
    }

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
