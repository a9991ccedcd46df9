using System.Text;
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
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _textLookup;

    public FactTextCache() => _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();

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
    public string Text(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        if (utf8.Length > MaxTextBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxTextBytes];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        ReadOnlySpan<char> key = chars[..length];
        if (_textLookup.TryGetValue(key, out var text))
        {
            return text;
        }

        if (_texts.Count >= MaxEntries)
        {
            _texts.Clear();
        }

        text = new string(key);
        _texts.Add(text, text);
        return text;
    }
}
