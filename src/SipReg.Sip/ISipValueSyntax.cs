namespace SipReg.Sip;

/// <summary>The syntax of one kind of header value, as <see cref="SipValueCursor.MoveNextValid{TSyntax}"/> checks it.</summary>
internal interface ISipValueSyntax
{
    /// <summary>Whether the element is a well-formed value.</summary>
    static abstract bool IsValid(ReadOnlySpan<byte> element);
}

/// <summary>A Via value (RFC 3261 §20.42).</summary>
internal readonly struct SipViaSyntax : ISipValueSyntax
{
    public static bool IsValid(ReadOnlySpan<byte> element) => SipVia.TryParse(element, out _);
}

/// <summary>A Contact value (RFC 3261 §20.10).</summary>
internal readonly struct SipContactSyntax : ISipValueSyntax
{
    public static bool IsValid(ReadOnlySpan<byte> element) => SipContact.TryParse(element, out _);
}

/// <summary>A name-addr or addr-spec value (RFC 3261 §25.1).</summary>
internal readonly struct SipNameAddressSyntax : ISipValueSyntax
{
    public static bool IsValid(ReadOnlySpan<byte> element) => SipNameAddress.TryParse(element, out _);
}
