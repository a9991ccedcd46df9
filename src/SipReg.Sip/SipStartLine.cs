namespace SipReg.Sip;

/// <summary>Recognises a plausible start line without storing it (for framing and resynchronisation).</summary>
internal static class SipStartLine
{
    /// <summary>A Request-Line (<c>token SP uri SP SIP/x.y</c>) or Status-Line (<c>SIP/x.y SP 3DIGIT</c>), RFC 3261 §7.1/§7.2.</summary>
    public static bool IsPlausible(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0)
        {
            return false;
        }

        if (SipMessage.IsSipVersion(line[..sp1]))
        {
            var rest = line[(sp1 + 1)..];
            return rest.Length >= 3 && !rest[..3].ContainsAnyExceptInRange((byte)'0', (byte)'9') && (rest.Length == 3 || rest[3] == ' ');
        }

        var sp2 = line.LastIndexOf((byte)' ');
        return sp2 > sp1 + 1 && SipSyntax.IsToken(line[..sp1]) && SipMessage.IsSipVersion(line[(sp2 + 1)..]);
    }

    /// <summary>Whether a line not yet complete could still become a start line (token characters, or "SIP/").</summary>
    public static bool CouldStart(ReadOnlySpan<byte> partial)
    {
        var sp = partial.IndexOf((byte)' ');
        var first = sp < 0 ? partial : partial[..sp];
        return first.IsEmpty || !first.ContainsAnyExcept(SipSyntax.TokenChars) || (first.Length >= 4 && SipSyntax.EqualsIgnoreCase(first[..4], "SIP/"u8));
    }
}
