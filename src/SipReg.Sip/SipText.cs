namespace SipReg.Sip;

/// <summary>Helpers that turn SIP spans into plain text when a caller asks for it.</summary>
public static class SipText
{
    /// <summary>Resolves the backslash escapes of a quoted-string's content (RFC 3261 §25.1 <c>quoted-pair</c>).</summary>
    /// <param name="quotedContent">The content between the quotes.</param>
    /// <param name="destination">Where to write; as long as the input is always enough.</param>
    /// <returns>Bytes written, or -1 if <paramref name="destination"/> is too small.</returns>
    public static int Unescape(ReadOnlySpan<byte> quotedContent, Span<byte> destination) => SipSyntax.Unescape(quotedContent, destination);

    /// <summary>Decodes a span as UTF-8 text (allocates a string).</summary>
    /// <param name="utf8">The bytes.</param>
    /// <returns>The string.</returns>
    public static string GetString(ReadOnlySpan<byte> utf8) => SipSyntax.ToText(utf8);

    /// <summary>Decodes a quoted-string's content with its escapes resolved (allocates a string).</summary>
    /// <param name="quotedContent">The content between the quotes.</param>
    /// <returns>The unescaped string.</returns>
    public static string GetUnescapedString(ReadOnlySpan<byte> quotedContent)
    {
        var buffer = quotedContent.Length <= 256 ? stackalloc byte[256] : new byte[quotedContent.Length];
        var n = SipSyntax.Unescape(quotedContent, buffer);
        return SipSyntax.ToText(buffer[..n]);
    }
}
