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
        var i = FirstHeader(SipHeaderName.CSeq);
        var kept = i < 0 ? -1 : _headers[i].FirstValue;
        if (kept >= 0)
        {
            ref readonly var v = ref _values[kept];
            cseq = v.Ok ? new SipCSeq(v.Number, Slice(v.A)) : default;
            return v.Ok;
        }

        cseq = default;
        return i >= 0 && SipCSeq.TryParse(HeaderValue(i), out cseq);
    }

    /// <summary>Reads From (RFC 3261 §20.20).</summary>
    /// <param name="from">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetFrom(out SipNameAddress from)
    {
        return TryGetNameAddress(SipHeaderName.From, out from);
    }

    /// <summary>Reads To (RFC 3261 §20.39).</summary>
    /// <param name="to">The view.</param>
    /// <returns>False if absent or malformed.</returns>
    public bool TryGetTo(out SipNameAddress to)
    {
        return TryGetNameAddress(SipHeaderName.To, out to);
    }

    /// <summary>Reads the Expires header (RFC 3261 §20.19), clamped to 2^32-1.</summary>
    /// <param name="seconds">The delta-seconds.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetExpires(out uint seconds)
    {
        return TryGetDeltaSeconds(SipHeaderName.Expires, out seconds);
    }

    /// <summary>Reads Min-Expires (RFC 3261 §20.23), clamped to 2^32-1.</summary>
    /// <param name="seconds">The delta-seconds.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetMinExpires(out uint seconds)
    {
        return TryGetDeltaSeconds(SipHeaderName.MinExpires, out seconds);
    }

    /// <summary>Reads the Content-Length value as written (RFC 3261 §20.14).</summary>
    /// <param name="length">The length.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetContentLength(out long length)
    {
        // The body reading already parsed the first field (RFC 3261 §18.3).
        length = Math.Max(_contentLength, 0);
        return _contentLength >= 0;
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
    public SipViaEnumerator Vias => new(new SipValueCursor(this, SipHeaderName.Via));

    /// <summary>The Contact values across all Contact fields, including <c>*</c>.</summary>
    public SipContactEnumerator Contacts => new(new SipValueCursor(this, SipHeaderName.Contact));

    /// <summary>The Path values (RFC 3327 §4), in order.</summary>
    public SipNameAddressEnumerator Path => new(new SipValueCursor(this, SipHeaderName.Path));

    /// <summary>The Service-Route values (RFC 3608 §5), in order.</summary>
    public SipNameAddressEnumerator ServiceRoute => new(new SipValueCursor(this, SipHeaderName.ServiceRoute));

    /// <summary>The Route values (RFC 3261 §20.34), in order.</summary>
    public SipNameAddressEnumerator Route => new(new SipValueCursor(this, SipHeaderName.Route));

    /// <summary>The Record-Route values (RFC 3261 §20.30), in order.</summary>
    public SipNameAddressEnumerator RecordRoute => new(new SipValueCursor(this, SipHeaderName.RecordRoute));

    /// <summary>The WWW-Authenticate and Proxy-Authenticate challenges, in order.</summary>
    public SipChallengeEnumerator Challenges => new(new SipHeaderValueEnumerator(this, SipHeaderName.WwwAuthenticate, SipHeaderName.ProxyAuthenticate, false));

    /// <summary>The Authorization and Proxy-Authorization credentials, in order.</summary>
    public SipCredentialsEnumerator Credentials => new(new SipHeaderValueEnumerator(this, SipHeaderName.Authorization, SipHeaderName.ProxyAuthorization, false));

    /// <summary>The option tags of Supported, Require, Proxy-Require or Unsupported (RFC 3261 §20.37, §20.32, §20.29, §20.40).</summary>
    /// <param name="header">Which header.</param>
    /// <returns>The tags, for <c>foreach</c>.</returns>
    public SipHeaderValueEnumerator GetOptionTags(SipHeaderName header) => new(this, header, header, true);

    private bool TryGetNameAddress(SipHeaderName header, out SipNameAddress address)
    {
        var i = FirstHeader(header);
        var kept = i < 0 ? -1 : _headers[i].FirstValue;
        if (kept >= 0)
        {
            address = _values[kept].Ok ? KeptNameAddress(kept) : default;
            return _values[kept].Ok;
        }

        address = default;
        return i >= 0 && SipNameAddress.TryParse(HeaderValue(i), out address);
    }

    private bool TryGetDeltaSeconds(SipHeaderName header, out uint seconds)
    {
        var i = FirstHeader(header);
        var kept = i < 0 ? -1 : _headers[i].FirstValue;
        if (kept >= 0)
        {
            seconds = _values[kept].Number;
            return _values[kept].Ok;
        }

        seconds = 0;
        return i >= 0 && SipSyntax.TryParseDeltaSeconds(HeaderValue(i), out seconds);
    }
}
