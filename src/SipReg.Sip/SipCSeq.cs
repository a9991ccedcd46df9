namespace SipReg.Sip;

/// <summary>A view of a CSeq value (RFC 3261 §20.16): sequence number and method.</summary>
public readonly ref struct SipCSeq
{
    internal SipCSeq(uint number, ReadOnlySpan<byte> method)
    {
        Number = number;
        Method = method;
    }

    /// <summary>The sequence number (RFC 3261 §8.1.1.5: a 32-bit unsigned integer).</summary>
    public uint Number { get; }

    /// <summary>The method, e.g. <c>REGISTER</c>.</summary>
    public ReadOnlySpan<byte> Method { get; }

    /// <summary>Reads <c>1*DIGIT LWS Method</c>.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="cseq">The view.</param>
    /// <returns>False if malformed or the number exceeds 2^32-1.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipCSeq cseq)
    {
        cseq = default;
        var s = SipSyntax.Trim(value);
        var d = 0;
        while (d < s.Length && (uint)(s[d] - '0') <= 9)
        {
            d++;
        }

        if (d == s.Length)
        {
            d = -1;
        }

        if (d <= 0 || !SipSyntax.IsWhitespace(s[d]) || !SipSyntax.TryParseDecimal(s[..d], 10, out var n) || n > uint.MaxValue)
        {
            return false;
        }

        var method = SipSyntax.TrimStart(s[d..]);
        if (!SipSyntax.IsShortToken(method))
        {
            return false;
        }

        cseq = new SipCSeq((uint)n, method);
        return true;
    }
}
