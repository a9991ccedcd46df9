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

    /// <summary>Reads the comma-separated auth-params in <paramref name="parameters"/>.</summary>
    public SipAuthParamReader(ReadOnlySpan<byte> parameters)
    {
        _s = parameters;
        _pos = 0;
    }

    /// <summary>What takes the auth-params read: the fields of a challenge or of credentials.</summary>
    public interface IFields
    {
        /// <summary>Takes one auth-param; its value without quotes.</summary>
        void Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
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

    /// <summary>
    /// Reads the next parameter: its name, and its value as written (<see cref="SipParameter.RawValue"/>: a quoted-string
    /// keeps its quotes, see <see cref="Unquoted"/>); <paramref name="hasValue"/> as <see cref="SipParameter.HasValue"/>.
    /// </summary>
    public Status Next(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out bool hasValue)
    {
        name = default;
        value = default;
        hasValue = false;
        var s = _s;
        const byte separator = Comma;
        var i = _pos;

        // Empty elements between separators are skipped, as the generic list reading does.
        while (i < s.Length && (Class(s[i]) & (Space | separator)) != 0)
        {
            i++;
        }

        if (i == s.Length)
        {
            _pos = i;
            return Status.End;
        }

        var nameStart = i;
        while (i < s.Length && (Class(s[i]) & (Space | separator | Quote | EqualsSign)) == 0)
        {
            i++;
        }

        var nameEnd = i;
        i = SkipWhitespace(s, i);
        if (nameEnd == nameStart)
        {
            return Status.NotSimple;
        }

        if (i == s.Length || (Class(s[i]) & separator) != 0)
        {
            // A parameter without value (not Digest, but the generic reading takes it).
            name = s[nameStart..nameEnd];
            _pos = i;
            return Status.Parameter;
        }

        if (s[i] != '=')
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

            valueStart = i;
            valueEnd = end;
            i = end;
        }
        else
        {
            // As in the generic reading, the value runs to the next separator, white space at its ends trimmed; a quote
            // in it starts a quoted-string that the separator search would have to skip, so it is not the simple form.
            valueStart = i;
            var rel = s[i..].IndexOfAny((byte)',', (byte)'"');
            if (rel >= 0 && s[i + rel] == '"')
            {
                return Status.NotSimple;
            }

            i = rel < 0 ? s.Length : i + rel;
            valueEnd = i;
            while (valueEnd > valueStart && SipSyntax.IsWhitespace(s[valueEnd - 1]))
            {
                valueEnd--;
            }
        }

        i = SkipWhitespace(s, i);
        if (i < s.Length && (Class(s[i]) & separator) == 0)
        {
            return Status.NotSimple;
        }

        name = s[nameStart..nameEnd];
        value = s[valueStart..valueEnd];
        hasValue = true;
        _pos = i;
        return Status.Parameter;
    }

    /// <summary>
    /// Reads every auth-param of <paramref name="parameters"/> into <paramref name="fields"/>: in one pass when the list
    /// is in the usual form, else (the fields reset) with the generic <see cref="SipParameterEnumerator"/>, so both
    /// forms give the same names and values.
    /// </summary>
    public static void ReadInto<TFields>(ReadOnlySpan<byte> parameters, ref TFields fields)
        where TFields : struct, IFields, allows ref struct
    {
        var reader = new SipAuthParamReader(parameters);
        while (true)
        {
            switch (reader.Next(out var name, out var value, out _))
            {
                case Status.Parameter:
                    fields.Set(name, Unquoted(value));
                    break;
                case Status.End:
                    return;
                default:
                    fields = default;
                    foreach (var p in new SipParameterEnumerator(parameters, (byte)','))
                    {
                        fields.Set(p.Name, p.Value);
                    }

                    return;
            }
        }
    }

    /// <summary>A value from <see cref="Next"/> without its quotes, as <see cref="SipParameter.Value"/> gives it.</summary>
    public static ReadOnlySpan<byte> Unquoted(ReadOnlySpan<byte> value) => value.Length >= 2 && value[0] == '"' ? value[1..^1] : value;

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
    private static byte Class(byte b) => s_classes[b];

    // One entry per byte value, so a byte indexes it without a range check or a bounds check.
    private static ReadOnlySpan<byte> s_classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, Space, Space, 0, 0, Space, 0, 0, // \t \n \r
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        Space, 0, Quote, 0, 0, 0, 0, 0, 0, 0, 0, 0, Comma, 0, 0, 0, // SP " ,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, EqualsSign, 0, 0, // =
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
}
