namespace SipReg.Sip;

/// <summary>One <c>name[=value]</c> parameter (RFC 3261 §25.1 <c>generic-param</c>, <c>uri-parameter</c>, <c>auth-param</c>).</summary>
public readonly ref struct SipParameter
{
    internal SipParameter(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool hasValue)
    {
        Name = name;
        RawValue = value;
        HasValue = hasValue;
    }

    /// <summary>The parameter name as written (compare it case-insensitively).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The value as written, with quotes if it was a quoted-string.</summary>
    public ReadOnlySpan<byte> RawValue { get; }

    /// <summary>The value without surrounding quotes; backslash escapes are kept (see <see cref="SipText.Unescape"/>).</summary>
    public ReadOnlySpan<byte> Value => SipSyntax.Unquote(RawValue);

    /// <summary>Whether the parameter had <c>=</c> (e.g. <c>rport</c> alone has no value).</summary>
    public bool HasValue { get; }

    /// <summary>Whether the value was a quoted-string.</summary>
    public bool IsQuoted => RawValue.Length >= 2 && RawValue[0] == '"';

    /// <summary>Whether <see cref="Name"/> equals <paramref name="name"/> ignoring ASCII case.</summary>
    /// <param name="name">The name to compare with.</param>
    /// <returns>True if the names match.</returns>
    public bool NameIs(ReadOnlySpan<byte> name) => SipSyntax.EqualsIgnoreCase(Name, name);
}
