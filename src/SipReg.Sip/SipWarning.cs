namespace SipReg.Sip;

/// <summary>A view of one Warning value (RFC 3261 §20.43): <c>warn-code SP warn-agent SP warn-text</c>.</summary>
public readonly ref struct SipWarning
{
    private SipWarning(int code, ReadOnlySpan<byte> agent, ReadOnlySpan<byte> text)
    {
        Code = code;
        Agent = agent;
        Text = text;
    }

    /// <summary>The three-digit warn-code (e.g. 399).</summary>
    public int Code { get; }

    /// <summary>The warn-agent (host[:port] or pseudonym).</summary>
    public ReadOnlySpan<byte> Agent { get; }

    /// <summary>The warn-text without quotes (escapes kept).</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>Reads one Warning value.</summary>
    /// <param name="value">One element of the Warning list.</param>
    /// <param name="warning">The view.</param>
    /// <returns>False if malformed.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipWarning warning)
    {
        warning = default;
        var s = SipSyntax.Trim(value);
        if (s.Length < 5 || !SipSyntax.TryParseDecimal(s[..3], 3, out var code) || s[3] != ' ')
        {
            return false;
        }

        s = SipSyntax.TrimStart(s[4..]);
        var sp = s.IndexOfAny((byte)' ', (byte)'\t');
        if (sp <= 0)
        {
            return false;
        }

        var text = SipSyntax.Trim(s[sp..]);
        if (text.Length < 2 || text[0] != '"' || SipSyntax.QuotedStringLength(text) != text.Length)
        {
            return false;
        }

        warning = new SipWarning((int)code, s[..sp], text[1..^1]);
        return true;
    }
}
