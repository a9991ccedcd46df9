namespace SipReg.Sip;

/// <content>Typed access to the REGISTER-relevant headers.</content>
public sealed partial class SipMessage
{
    /// <summary>The Call-ID (RFC 3261 §20.8), or empty.</summary>
    public ReadOnlySpan<byte> CallId => TryGetHeader(SipHeaderName.CallId, out var v) ? v : default;

    /// <summary>The User-Agent value (RFC 3261 §20.41), or empty.</summary>
    public ReadOnlySpan<byte> UserAgent => TryGetHeader(SipHeaderName.UserAgent, out var v) ? v : default;

    /// <summary>The Server value (RFC 3261 §20.35), or empty.</summary>
    public ReadOnlySpan<byte> Server => TryGetHeader(SipHeaderName.Server, out var v) ? v : default;

    /// <summary>Reads the first CSeq.</summary>
    /// <param name="cseq">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetCSeq(out SipCSeq cseq)
    {
        cseq = default;
        return TryGetHeader(SipHeaderName.CSeq, out var v) && SipCSeq.TryParse(v, out cseq);
    }

    /// <summary>Reads From (RFC 3261 §20.20).</summary>
    /// <param name="from">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetFrom(out SipNameAddress from)
    {
        from = default;
        return TryGetHeader(SipHeaderName.From, out var v) && SipNameAddress.TryParse(v, out from);
    }

    /// <summary>Reads To (RFC 3261 §20.39).</summary>
    /// <param name="to">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetTo(out SipNameAddress to)
    {
        to = default;
        return TryGetHeader(SipHeaderName.To, out var v) && SipNameAddress.TryParse(v, out to);
    }

    /// <summary>Reads the Expires header (RFC 3261 §20.19), clamped to 2^32-1.</summary>
    /// <param name="seconds">The delta-seconds.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetExpires(out uint seconds)
    {
        seconds = 0;
        return TryGetHeader(SipHeaderName.Expires, out var v) && SipSyntax.TryParseDeltaSeconds(v, out seconds);
    }

    /// <summary>Reads Min-Expires (RFC 3261 §20.23), clamped to 2^32-1.</summary>
    /// <param name="seconds">The delta-seconds.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetMinExpires(out uint seconds)
    {
        seconds = 0;
        return TryGetHeader(SipHeaderName.MinExpires, out var v) && SipSyntax.TryParseDeltaSeconds(v, out seconds);
    }

    /// <summary>Reads the Content-Length value as written (RFC 3261 §20.14).</summary>
    /// <param name="length">The length.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetContentLength(out long length)
    {
        length = 0;
        return TryGetHeader(SipHeaderName.ContentLength, out var v) && SipSyntax.TryParseDecimal(v, 10, out length);
    }

    /// <summary>Reads Content-Type.</summary>
    /// <param name="contentType">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetContentType(out SipContentType contentType)
    {
        contentType = default;
        return TryGetHeader(SipHeaderName.ContentType, out var v) && SipContentType.TryParse(v, out contentType);
    }

    /// <summary>Reads Retry-After (RFC 3261 §20.33).</summary>
    /// <param name="retryAfter">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetRetryAfter(out SipRetryAfter retryAfter)
    {
        retryAfter = default;
        return TryGetHeader(SipHeaderName.RetryAfter, out var v) && SipRetryAfter.TryParse(v, out retryAfter);
    }

    /// <summary>Reads the first Authentication-Info (RFC 3261 §20.6).</summary>
    /// <param name="info">The view.</param>
    /// <returns>False if absent or empty.</returns>
    public bool TryGetAuthenticationInfo(out SipAuthenticationInfo info)
    {
        info = default;
        return TryGetHeader(SipHeaderName.AuthenticationInfo, out var v) && SipAuthenticationInfo.TryParse(v, out info);
    }

    /// <summary>The Via values, top first.</summary>
    public SipViaEnumerator Vias => new(GetValues(SipHeaderName.Via));

    /// <summary>The Contact values across all Contact fields, including <c>*</c>.</summary>
    public SipContactEnumerator Contacts => new(GetValues(SipHeaderName.Contact));

    /// <summary>The Path values (RFC 3327 §4), in order.</summary>
    public SipNameAddressEnumerator Path => new(GetValues(SipHeaderName.Path));

    /// <summary>The Service-Route values (RFC 3608 §5), in order.</summary>
    public SipNameAddressEnumerator ServiceRoute => new(GetValues(SipHeaderName.ServiceRoute));

    /// <summary>The Route values (RFC 3261 §20.34), in order.</summary>
    public SipNameAddressEnumerator Route => new(GetValues(SipHeaderName.Route));

    /// <summary>The Record-Route values (RFC 3261 §20.30), in order.</summary>
    public SipNameAddressEnumerator RecordRoute => new(GetValues(SipHeaderName.RecordRoute));

    /// <summary>The WWW-Authenticate and Proxy-Authenticate challenges, in order.</summary>
    public SipChallengeEnumerator Challenges => new(new SipHeaderValueEnumerator(this, SipHeaderName.WwwAuthenticate, SipHeaderName.ProxyAuthenticate, false));

    /// <summary>The Authorization and Proxy-Authorization credentials, in order.</summary>
    public SipCredentialsEnumerator Credentials => new(new SipHeaderValueEnumerator(this, SipHeaderName.Authorization, SipHeaderName.ProxyAuthorization, false));

    /// <summary>The option tags of Supported, Require, Proxy-Require or Unsupported (RFC 3261 §20.37, §20.32, §20.29, §20.40).</summary>
    /// <param name="header">Which header.</param>
    /// <returns>The tags, for <c>foreach</c>.</returns>
    public SipHeaderValueEnumerator GetOptionTags(SipHeaderName header) => new(this, header, header, true);
}
