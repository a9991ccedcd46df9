namespace SipReg.Sip;

/// <summary>Splits <c>auth-scheme LWS auth-param *(COMMA auth-param)</c> (RFC 3261 §25.1, RFC 2617 §1.2).</summary>
internal static class SipAuthScheme
{
    public static bool TrySplit(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> scheme, out ReadOnlySpan<byte> parameters)
    {
        var s = SipSyntax.Trim(value);
        var end = s.IndexOfAnyExcept(SipSyntax.TokenChars);
        if (end < 0)
        {
            scheme = s;
            parameters = default;
            return !s.IsEmpty;
        }

        scheme = s[..end];
        parameters = SipSyntax.TrimStart(s[end..]);
        return !scheme.IsEmpty && SipSyntax.IsWhitespace(s[end]);
    }
}
