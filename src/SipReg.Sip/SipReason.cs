namespace SipReg.Sip;

/// <summary>A view of one Reason value (RFC 3326 §2): <c>protocol ;cause=N ;text="..."</c>.</summary>
public readonly ref struct SipReason
{
    private SipReason(ReadOnlySpan<byte> protocol, ReadOnlySpan<byte> parameters)
    {
        Protocol = protocol;
        Parameters = parameters;
    }

    /// <summary>The protocol (<c>SIP</c>, <c>Q.850</c>, ...).</summary>
    public ReadOnlySpan<byte> Protocol { get; }

    /// <summary>The reason-params without the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>The <c>cause</c> parameter, or -1 when absent or invalid.</summary>
    public int Cause => SipParameterEnumerator.TryFind(Parameters, (byte)';', "cause"u8, out var p)
        && SipSyntax.TryParseDecimal(p.Value, 9, out var v) ? (int)v : -1;

    /// <summary>The <c>text</c> parameter without quotes, or empty.</summary>
    public ReadOnlySpan<byte> Text => SipParameterEnumerator.TryFind(Parameters, (byte)';', "text"u8, out var p) ? p.Value : default;

    /// <summary>Reads one Reason value.</summary>
    /// <param name="value">One element of the Reason list.</param>
    /// <param name="reason">The view.</param>
    /// <returns>False if there is no protocol token.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipReason reason)
    {
        var s = SipSyntax.Trim(value);
        var semi = s.IndexOf((byte)';');
        var protocol = SipSyntax.Trim(semi < 0 ? s : s[..semi]);
        if (!SipSyntax.IsToken(protocol))
        {
            reason = default;
            return false;
        }

        reason = new SipReason(protocol, semi < 0 ? default : s[(semi + 1)..]);
        return true;
    }
}
