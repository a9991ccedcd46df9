using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SipReg.Sip;

/// <summary>The small lexical rules of RFC 3261 §25.1 shared by every reader.</summary>
internal static class SipSyntax
{
    /// <summary>RFC 3261 §25.1 <c>token</c> characters.</summary>
    public static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    /// <summary>Bytes that matter to <see cref="IndexOfUnquoted"/> besides the searched one.</summary>
    private static readonly SearchValues<byte> s_quoteOrAngle = SearchValues.Create("\"<>\\"u8);

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static bool IsToken(ReadOnlySpan<byte> s) => !s.IsEmpty && !s.ContainsAnyExcept(TokenChars);

    /// <summary>Whether <paramref name="b"/> is one of the <see cref="TokenChars"/>, by table: quicker than a search for the few bytes of a short token.</summary>
    public static bool IsTokenByte(byte b) => s_tokenBytes[b] != 0;

    /// <summary>The same as <see cref="IsToken"/>, byte by byte: quicker for a token of a few bytes (a method, a protocol name).</summary>
    public static bool IsShortToken(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!IsTokenByte(b))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    /// <summary>
    /// The same as <c>s.IndexOf(b)</c>, byte by byte: quicker when the byte is expected within the first few bytes (the
    /// colon after a header name or a URI scheme, the slashes of a Via's sent-protocol).
    /// </summary>
    public static int IndexOfNear(ReadOnlySpan<byte> s, byte b)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == b)
            {
                return i;
            }
        }

        return -1;
    }

    // One entry per byte value (1 for a token character), so a byte indexes it without a bounds check.
    private static ReadOnlySpan<byte> s_tokenBytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, // ! % ' * + - .
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, // 0-9
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // A-O
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, // P-Z _
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // ` a-o
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, // p-z ~
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>Removes linear white space (SP, HTAB and, after unfolding or in raw values, CR/LF) at both ends.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var start = 0;
        while (start < s.Length && IsWhitespace(s[start]))
        {
            start++;
        }

        var end = s.Length;
        while (end > start && IsWhitespace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        var start = 0;
        while (start < s.Length && IsWhitespace(s[start]))
        {
            start++;
        }

        return s[start..];
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Ascii.EqualsIgnoreCase(a, b);

    /// <summary>
    /// Whether <paramref name="s"/> equals <paramref name="lower"/>, a name written in lower case, ignoring ASCII case:
    /// the same answer as <see cref="EqualsIgnoreCase"/>, quicker for the short parameter names compared many times.
    /// </summary>
    public static bool EqualsLowerIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            var l = lower[i];

            // Only a letter has another case: for any other byte, b | 0x20 == l would also match a control byte.
            if (b != l && ((b | 0x20) != l || (uint)(l - 'a') > 'z' - 'a'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first 1 to 8 bytes of <paramref name="s"/> packed in a word, each with 0x20 set. For a name made of letters only,
    /// <c>CaseFoldedWord(s) == CaseFoldedWord(lower)</c> gives the same answer as <see cref="EqualsLowerIgnoreCase"/> for
    /// names of that length: <c>b | 0x20</c> equals a lower-case letter only for that letter and its upper-case form.
    /// </summary>
    public static ulong CaseFoldedWord(ReadOnlySpan<byte> s)
    {
        var n = Math.Min(s.Length, 8);
        ulong word;
        if (n == 8)
        {
            word = BinaryPrimitives.ReadUInt64LittleEndian(s);
        }
        else if (n >= 4)
        {
            // Two overlapping reads: the bytes read twice are the same, so OR keeps them.
            word = BinaryPrimitives.ReadUInt32LittleEndian(s) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(s[(n - 4)..]) << ((n - 4) * 8));
        }
        else if (n >= 2)
        {
            word = BinaryPrimitives.ReadUInt16LittleEndian(s) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[(n - 2)..]) << ((n - 2) * 8));
        }
        else
        {
            return n == 0 ? 0 : s[0] | 0x20u;
        }

        return word | (0x2020202020202020UL >> ((8 - n) * 8));
    }

    /// <summary>
    /// RFC 3261 §25.1 <c>delta-seconds = 1*DIGIT</c>. Values beyond 2^32-1 are clamped to it, as RFC 3261 §20.19
    /// bounds Expires; returns false for an empty value or one with a non-digit.
    /// </summary>
    public static bool TryParseDeltaSeconds(ReadOnlySpan<byte> s, out uint value)
    {
        s = Trim(s);
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        ulong v = 0;
        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                value = 0;
                return false;
            }

            v = v * 10 + d;
            if (v > uint.MaxValue)
            {
                v = uint.MaxValue + 1UL; // stays clamped while the remaining digits are still validated
            }
        }

        value = v > uint.MaxValue ? uint.MaxValue : (uint)v;
        return true;
    }

    /// <summary>A decimal number of at most <paramref name="maxDigits"/> digits into a long; false otherwise.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, int maxDigits, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > maxDigits)
        {
            return false;
        }

        long v = 0;
        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            v = v * 10 + d;
        }

        value = v;
        return true;
    }

    /// <summary>
    /// Index of <paramref name="target"/> outside quoted strings (with their backslash escapes) and outside
    /// angle brackets, or -1. RFC 3261 §7.3.1: commas inside a quoted display name or a URI do not separate values.
    /// </summary>
    /// <remarks>Jumps from one byte that matters to the next with vectorized searches; <paramref name="target"/> is never a quote or bracket.</remarks>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> s, byte target, bool respectAngles = true)
    {
        var angle = 0;
        var i = 0;
        while (i < s.Length)
        {
            int rel;
            if (angle > 0)
            {
                // Inside angle brackets the target does not count; quotes still do (as in a quoted URI parameter).
                rel = s[i..].IndexOfAny((byte)'"', (byte)'<', (byte)'>');
            }
            else
            {
                rel = respectAngles ? s[i..].IndexOfAny(target, (byte)'"', (byte)'<') : s[i..].IndexOfAny(target, (byte)'"');
            }

            if (rel < 0)
            {
                return -1;
            }

            i += rel;
            var b = s[i];
            if (b == '"')
            {
                i = SkipQuoted(s, i + 1);
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (angle == 0 && b == target)
            {
                return i;
            }
            else
            {
                angle += b == '<' ? 1 : -1;
                i++;
            }
        }

        return -1;
    }

    /// <summary>Index just after the closing quote of a quoted-string whose content starts at <paramref name="i"/>, or -1 if it is not closed.</summary>
    public static int SkipQuoted(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length)
        {
            var rel = s[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (rel < 0)
            {
                return -1;
            }

            i += rel;
            if (s[i] == '"')
            {
                return i + 1;
            }

            // RFC 3261 §25.1 quoted-pair: the escaped byte never closes the string.
            i += 2;
        }

        return -1;
    }

    /// <summary>
    /// Splits the next element off a <paramref name="separator"/>-separated list, skipping empty elements; an empty
    /// result means the list is exhausted.
    /// </summary>
    public static ReadOnlySpan<byte> ReadListElement(scoped ref ReadOnlySpan<byte> rest, byte separator, bool respectAngles)
    {
        while (!rest.IsEmpty)
        {
            var i = IndexOfUnquoted(rest, separator, respectAngles);
            ReadOnlySpan<byte> piece;
            if (i < 0)
            {
                piece = rest;
                rest = default;
            }
            else
            {
                piece = rest[..i];
                rest = rest[(i + 1)..];
            }

            piece = Trim(piece);
            if (!piece.IsEmpty)
            {
                return piece;
            }
        }

        return default;
    }

    /// <summary>
    /// The first element of a list, as <see cref="ReadListElement"/> gives it: a list without any separator byte (most
    /// Via, Contact and route fields hold one value) is found with one search instead of the quote-aware walk.
    /// </summary>
    public static ReadOnlySpan<byte> ReadFirstListElement(scoped ref ReadOnlySpan<byte> rest, byte separator, bool respectAngles)
    {
        if (rest.Contains(separator))
        {
            return ReadListElement(ref rest, separator, respectAngles);
        }

        var piece = Trim(rest);
        rest = default;
        return piece;
    }

    /// <summary>If <paramref name="s"/> is a quoted-string, its content without the quotes (escapes kept); otherwise s.</summary>
    public static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> s)
    {
        s = Trim(s);
        return s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;
    }

    /// <summary>
    /// Length of the quoted-string that starts at s[0] == '"', including both quotes, or -1 if it is not closed.
    /// RFC 3261 §25.1: <c>quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)</c>.
    /// </summary>
    public static int QuotedStringLength(ReadOnlySpan<byte> s)
    {
        var i = 1;
        while (i < s.Length)
        {
            var rel = s[i..].IndexOfAny(s_quoteOrAngle);
            if (rel < 0)
            {
                return -1;
            }

            i += rel;
            switch (s[i])
            {
                case (byte)'\\':
                    i += 2;
                    break;
                case (byte)'"':
                    return i + 1;
                default:
                    i++;
                    break;
            }
        }

        return -1;
    }

    /// <summary>Copies a quoted-string's content into <paramref name="destination"/> with quoted-pairs resolved.</summary>
    /// <returns>Bytes written, or -1 if the destination is too small.</returns>
    public static int Unescape(ReadOnlySpan<byte> quotedContent, Span<byte> destination)
    {
        var n = 0;
        for (var i = 0; i < quotedContent.Length; i++)
        {
            var b = quotedContent[i];
            if (b == '\\' && i + 1 < quotedContent.Length)
            {
                b = quotedContent[++i];
            }

            if (n >= destination.Length)
            {
                return -1;
            }

            destination[n++] = b;
        }

        return n;
    }

    /// <summary>Text of a span for callers that ask for a string (UTF-8; SIP text is UTF-8 by RFC 3261 §7.3.1).</summary>
    public static string ToText(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
