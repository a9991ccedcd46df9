using System.Security.Cryptography;
using System.Text;

namespace SipReg.Analysis.Redaction;

/// <summary>
/// Same-length, consistent masking of text tokens: a keyed hash (HMAC-SHA256) of the original chooses each replacement
/// character from the original character's class, so equal inputs give equal outputs and lengths never change.
/// </summary>
/// <remarks>
/// Digits stay digits, letters stay letters of the same case (only a–f when the whole token is hexadecimal), every
/// other byte (<c>@ : ; = . - _ + /</c>, quotes, brackets, spaces, non-ASCII) is kept. Distinct originals get distinct
/// replacements while the token's class has room (a collision is re-drawn with a counter).
/// </remarks>
internal sealed class TokenMasker
{
    private const int MaxAttempts = 32;

    // Labels that carry protocol meaning rather than identity (RFC 6761 special-use names, reverse-lookup zones).
    private static readonly HashSet<string> s_keptLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "arpa", "in-addr", "ip6", "invalid", "localhost", "local", "test", "example",
    };

    private readonly byte[] _key;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokenImages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labelImages = new(StringComparer.Ordinal);

    public TokenMasker(byte[] key) => _key = key;

    /// <summary>Occurrences masked so far (tokens and host labels).</summary>
    public long Masked { get; private set; }

    /// <summary>Distinct tokens and labels masked so far.</summary>
    public int Distinct => _tokens.Count + _labels.Count;

    /// <summary>Masks a case-sensitive token (user part, Call-ID, tag, nonce...).</summary>
    public string MaskToken(string original)
    {
        if (!HasAlphanumeric(original))
        {
            return original;
        }

        Masked++;
        if (_tokens.TryGetValue(original, out var known))
        {
            return known;
        }

        var image = Draw("t", original, _tokenImages);
        _tokens.Add(original, image);
        return image;
    }

    /// <summary>Masks one DNS label or host-name label: case-insensitive, the original's case pattern kept.</summary>
    public string MaskLabel(string label)
    {
        if (!HasAlphanumeric(label) || label.StartsWith('_') || s_keptLabels.Contains(label))
        {
            return label;
        }

        Masked++;
        var folded = label.ToLowerInvariant();
        if (!_labels.TryGetValue(folded, out var image))
        {
            image = Draw("l", folded, _labelImages);
            _labels.Add(folded, image);
        }

        var result = new StringBuilder(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            result.Append(char.IsAsciiLetterUpper(label[i]) ? char.ToUpperInvariant(image[i]) : image[i]);
        }

        return result.ToString();
    }

    /// <summary>Masks a host name label by label (dots kept).</summary>
    public string MaskHost(string host)
    {
        var labels = host.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = MaskLabel(labels[i]);
        }

        return string.Join('.', labels);
    }

    /// <summary>Masks bytes in place as a token.</summary>
    public void MaskTokenInPlace(Span<byte> bytes) => Write(bytes, MaskToken(Encoding.Latin1.GetString(bytes)));

    /// <summary>Masks bytes in place as a host name.</summary>
    public void MaskHostInPlace(Span<byte> bytes) => Write(bytes, MaskHost(Encoding.Latin1.GetString(bytes)));

    /// <summary>Masks bytes in place as a single label.</summary>
    public void MaskLabelInPlace(Span<byte> bytes) => Write(bytes, MaskLabel(Encoding.Latin1.GetString(bytes)));

    /// <summary>The pure masking function: the replacement for an original under a key and attempt number.</summary>
    internal static string Mask(byte[] key, string space, string original, int attempt)
    {
        var hex = IsHex(original);
        var stream = KeyStream(key, space + "\0" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0" + original, original.Length);
        var chars = new char[original.Length];
        for (var i = 0; i < original.Length; i++)
        {
            var c = original[i];
            var r = stream[i];
            chars[i] = c switch
            {
                >= '0' and <= '9' => (char)('0' + (r % 10)),
                >= 'a' and <= 'z' => (char)('a' + (r % (hex ? 6 : 26))),
                >= 'A' and <= 'Z' => (char)('A' + (r % (hex ? 6 : 26))),
                _ => c,
            };
        }

        return new string(chars);
    }

    internal static byte[] KeyStream(byte[] key, string seed, int length)
    {
        var result = new byte[Math.Max(length, 1)];
        var input = Encoding.UTF8.GetBytes(seed);
        var written = 0;
        var block = HMACSHA256.HashData(key, input);
        while (true)
        {
            var n = Math.Min(block.Length, result.Length - written);
            block.AsSpan(0, n).CopyTo(result.AsSpan(written));
            written += n;
            if (written == result.Length)
            {
                return result;
            }

            block = HMACSHA256.HashData(key, block);
        }
    }

    private string Draw(string space, string original, HashSet<string> images)
    {
        string image = original;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            image = Mask(_key, space, original, attempt);
            if (image != original && !images.Contains(image))
            {
                break;
            }
        }

        // A class too small to stay injective (e.g. many one-digit tokens) keeps the last draw: documented limit.
        images.Add(image);
        return image;
    }

    private static bool HasAlphanumeric(string s)
    {
        foreach (var c in s)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (char.IsAsciiLetter(c) && !char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Write(Span<byte> destination, string text)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)text[i];
        }
    }
}
