namespace SipReg.Sip;

/// <summary>
/// Reads the auth-params of a challenge or credentials (RFC 3261 §25.1, RFC 2617 §1.2:
/// <c>auth-param = token "=" ( token / quoted-string )</c>, separated by commas) in one pass, as servers and phones
/// write them. A list not in that form is reported with <see cref="Status.NotSimple"/>, and the caller reads it with
/// the generic <see cref="SipParameterEnumerator"/> instead, so both give the same names and values.
/// </summary>
internal ref struct SipAuthParamReader
{
    private readonly ReadOnlySpan<byte> _s;
    private int _pos;

    public SipAuthParamReader(ReadOnlySpan<byte> parameters)
    {
        _s = parameters;
        _pos = 0;
    }

    /// <summary>What <see cref="Next"/> found.</summary>
    public enum Status
    {
        /// <summary>A parameter was read.</summary>
        Parameter,

        /// <summary>No more parameters.</summary>
        End,

        /// <summary>The list is not in the simple form; read it with the generic enumerator.</summary>
        NotSimple,
    }

    /// <summary>Reads the next parameter: its name, and its value without quotes (escapes kept), as <see cref="SipParameter.Value"/> gives it.</summary>
    public Status Next(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = default;
        value = default;
        var s = _s;
        var i = _pos;

        // Empty elements between commas are skipped, as the generic list reading does.
        while (i < s.Length && (Class(s[i]) & (Space | Comma)) != 0)
        {
            i++;
        }

        if (i == s.Length)
        {
            _pos = i;
            return Status.End;
        }

        var nameStart = i;
        while (i < s.Length && Class(s[i]) == 0)
        {
            i++;
        }

        var nameEnd = i;
        i = SkipWhitespace(s, i);
        if (nameEnd == nameStart || i == s.Length || s[i] != '=')
        {
            return Status.NotSimple;
        }

        i = SkipWhitespace(s, i + 1);
        int valueStart, valueEnd;
        if (i < s.Length && s[i] == '"')
        {
            var end = SipSyntax.SkipQuoted(s, i + 1);
            if (end < 0)
            {
                return Status.NotSimple;
            }

            valueStart = i + 1;
            valueEnd = end - 1;
            i = end;
        }
        else
        {
            valueStart = i;
            while (i < s.Length && (Class(s[i]) & (Space | Comma | Quote)) == 0)
            {
                i++;
            }

            if (i < s.Length && s[i] == '"')
            {
                return Status.NotSimple;
            }

            valueEnd = i;
        }

        i = SkipWhitespace(s, i);
        if (i < s.Length && s[i] != ',')
        {
            return Status.NotSimple;
        }

        name = s[nameStart..nameEnd];
        value = s[valueStart..valueEnd];
        _pos = i;
        return Status.Parameter;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && Class(s[i]) == Space)
        {
            i++;
        }

        return i;
    }

    private const byte Space = 1;
    private const byte Comma = 2;
    private const byte Quote = 4;
    private const byte EqualsSign = 8;

    /// <summary>Which of the bytes that end a name or value <paramref name="b"/> is (0: none); white space as in <see cref="SipSyntax.IsWhitespace"/>.</summary>
    private static byte Class(byte b) => b <= '=' ? s_classes[b] : (byte)0;

    private static ReadOnlySpan<byte> s_classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, Space, Space, 0, 0, Space, 0, 0, // \t \n \r
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        Space, 0, Quote, 0, 0, 0, 0, 0, 0, 0, 0, 0, Comma, 0, 0, 0, // SP " ,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, EqualsSign, // =
    ];
}
