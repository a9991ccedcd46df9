namespace SipReg.Sip;

/// <summary>
/// Enumerates <c>name[=value]</c> parameters separated by a delimiter (<c>;</c> for URI and header parameters,
/// <c>,</c> for auth-params), honouring quoted-strings. Use it with <c>foreach</c>.
/// </summary>
public ref struct SipParameterEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private readonly byte _separator;

    /// <summary>Creates an enumerator over a parameter list; a leading separator is allowed.</summary>
    /// <param name="parameters">The parameters, e.g. <c>;tag=1;lr</c> or <c>realm="a", nonce="b"</c>.</param>
    /// <param name="separator">The delimiter: <c>;</c> or <c>,</c>.</param>
    public SipParameterEnumerator(ReadOnlySpan<byte> parameters, byte separator = (byte)';')
    {
        _rest = parameters;
        _separator = separator;
        Current = default;
    }

    /// <summary>The current parameter.</summary>
    public SipParameter Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipParameterEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next parameter.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        var element = SipSyntax.ReadListElement(ref _rest, _separator, respectAngles: false);
        if (element.IsEmpty)
        {
            return false;
        }

        Current = Split(element);
        return true;
    }

    internal static SipParameter Split(ReadOnlySpan<byte> element)
    {
        var eq = element.IndexOf((byte)'=');
        return eq < 0
            ? new SipParameter(element, default, false)
            : new SipParameter(SipSyntax.Trim(element[..eq]), SipSyntax.Trim(element[(eq + 1)..]), true);
    }

    /// <summary>Finds a parameter by name (ASCII case-insensitive).</summary>
    /// <param name="parameters">The parameter list.</param>
    /// <param name="separator">The delimiter.</param>
    /// <param name="name">The name to find.</param>
    /// <param name="parameter">The first parameter with that name.</param>
    /// <returns>True if found.</returns>
    public static bool TryFind(ReadOnlySpan<byte> parameters, byte separator, ReadOnlySpan<byte> name, out SipParameter parameter)
    {
        var rest = parameters;
        while (true)
        {
            var element = SipSyntax.ReadListElement(ref rest, separator, respectAngles: false);
            if (element.IsEmpty)
            {
                break;
            }

            // The element is trimmed, so a name equal to the wanted one starts with its first byte (ignoring case):
            // most elements are passed over without being split.
            if (!name.IsEmpty && (element[0] | 0x20) != (name[0] | 0x20))
            {
                continue;
            }

            var p = Split(element);
            if (p.NameIs(name))
            {
                parameter = p;
                return true;
            }
        }

        parameter = default;
        return false;
    }
}
