namespace SipReg.Sip;

/// <summary>A view of Authentication-Info (RFC 3261 §20.6, RFC 2617 §3.2.3): nextnonce, qop, rspauth, cnonce, nc.</summary>
public readonly ref struct SipAuthenticationInfo
{
    /// <summary>The ainfo params as written.</summary>
    public ReadOnlySpan<byte> Parameters { get; init; }

    /// <summary>The <c>nextnonce</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> NextNonce { get; init; }

    /// <summary>The <c>qop</c>, or empty.</summary>
    public ReadOnlySpan<byte> Qop { get; init; }

    /// <summary>The <c>rspauth</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> RspAuth { get; init; }

    /// <summary>The <c>cnonce</c> without quotes, or empty.</summary>
    public ReadOnlySpan<byte> CNonce { get; init; }

    /// <summary>The <c>nc</c>, or empty.</summary>
    public ReadOnlySpan<byte> NonceCount { get; init; }

    /// <summary>Reads Authentication-Info (no scheme: the value is the comma-separated ainfo list).</summary>
    /// <param name="value">The header value.</param>
    /// <param name="info">The view.</param>
    /// <returns>False if the value is empty.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipAuthenticationInfo info)
    {
        var parameters = SipSyntax.Trim(value);
        ReadOnlySpan<byte> nextnonce = default, qop = default, rspauth = default, cnonce = default, nc = default;
        foreach (var p in new SipParameterEnumerator(parameters, (byte)','))
        {
            if (p.NameIs("nextnonce"u8))
            {
                nextnonce = p.Value;
            }
            else if (p.NameIs("qop"u8))
            {
                qop = p.Value;
            }
            else if (p.NameIs("rspauth"u8))
            {
                rspauth = p.Value;
            }
            else if (p.NameIs("cnonce"u8))
            {
                cnonce = p.Value;
            }
            else if (p.NameIs("nc"u8))
            {
                nc = p.Value;
            }
        }

        info = new SipAuthenticationInfo { Parameters = parameters, NextNonce = nextnonce, Qop = qop, RspAuth = rspauth, CNonce = cnonce, NonceCount = nc };
        return !parameters.IsEmpty;
    }
}
