namespace SipReg.Sip;

/// <summary>
/// A view of one Contact value (RFC 3261 §20.10): <c>*</c> or a name-addr with contact parameters such as
/// <c>expires</c>, <c>q</c>, <c>+sip.instance</c> and <c>reg-id</c> (RFC 5626), <c>pub-gruu</c>/<c>temp-gruu</c> (RFC 5627).
/// </summary>
public readonly ref struct SipContact
{
    internal SipContact(bool star, SipNameAddress address)
    {
        IsStar = star;
        Address = address;
    }

    /// <summary>Whether this is the <c>*</c> Contact of a REGISTER that removes all bindings (RFC 3261 §10.2.2).</summary>
    public bool IsStar { get; }

    /// <summary>The display name, URI and parameters (empty for <c>*</c>).</summary>
    public SipNameAddress Address { get; }

    /// <summary>The URI without angle brackets.</summary>
    public ReadOnlySpan<byte> Uri => Address.Uri;

    /// <summary>The contact parameters after the URI, without the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> Parameters => Address.Parameters;

    /// <summary>Whether the Contact has its own <c>expires</c> parameter.</summary>
    public bool HasExpires => Address.TryGetKnownParameter(SipMessage.KnownParameter.Expires, "expires"u8, out _);

    /// <summary>
    /// The Contact's own <c>expires</c> parameter in seconds (RFC 3261 §10.2.1.1: it overrides the Expires header).
    /// Values beyond 2^32-1 are clamped to it.
    /// </summary>
    /// <param name="seconds">The delta-seconds.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetExpires(out uint seconds)
    {
        if (Address.TryGetKnownParameter(SipMessage.KnownParameter.Expires, "expires"u8, out var v))
        {
            return SipSyntax.TryParseDeltaSeconds(v, out seconds);
        }

        seconds = 0;
        return false;
    }

    /// <summary>The <c>q</c> parameter as written, or empty.</summary>
    public ReadOnlySpan<byte> Q => Address.TryGetParameter("q"u8, out var v) ? v : default;

    /// <summary>The <c>q</c> parameter in thousandths (RFC 3261 §20.10: <c>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )</c>).</summary>
    /// <param name="thousandths">0 to 1000.</param>
    /// <returns>False if absent or not a qvalue.</returns>
    public bool TryGetQ(out int thousandths)
    {
        thousandths = 0;
        var q = SipSyntax.Trim(Q);
        if (q.IsEmpty || (q[0] != '0' && q[0] != '1'))
        {
            return false;
        }

        var value = (q[0] - '0') * 1000;
        if (q.Length > 1)
        {
            if (q[1] != '.' || q.Length > 5)
            {
                return false;
            }

            var scale = 100;
            for (var i = 2; i < q.Length; i++, scale /= 10)
            {
                var d = q[i] - '0';
                if ((uint)d > 9)
                {
                    return false;
                }

                value += d * scale;
            }
        }

        if (value > 1000)
        {
            return false;
        }

        thousandths = value;
        return true;
    }

    /// <summary>The <c>+sip.instance</c> value without its quotes, e.g. <c>&lt;urn:uuid:...&gt;</c> (RFC 5626 §4.1), or empty.</summary>
    public ReadOnlySpan<byte> InstanceId => Address.TryGetKnownParameter(SipMessage.KnownParameter.Instance, "+sip.instance"u8, out var v) ? v : default;

    /// <summary>The <c>reg-id</c> parameter (RFC 5626 §4.2).</summary>
    /// <param name="regId">Its value.</param>
    /// <returns>False if absent or not a number.</returns>
    public bool TryGetRegId(out uint regId)
    {
        if (Address.TryGetKnownParameter(SipMessage.KnownParameter.RegId, "reg-id"u8, out var v) && SipSyntax.TryParseDecimal(v, 10, out var n) && n <= uint.MaxValue)
        {
            regId = (uint)n;
            return true;
        }

        regId = 0;
        return false;
    }

    /// <summary>The <c>pub-gruu</c> parameter without quotes (RFC 5627 §5.2), or empty.</summary>
    public ReadOnlySpan<byte> PubGruu => Address.TryGetParameter("pub-gruu"u8, out var v) ? v : default;

    /// <summary>The <c>temp-gruu</c> parameter without quotes (RFC 5627 §5.2), or empty.</summary>
    public ReadOnlySpan<byte> TempGruu => Address.TryGetParameter("temp-gruu"u8, out var v) ? v : default;

    /// <summary>Reads one Contact value.</summary>
    /// <param name="value">One element of the Contact list.</param>
    /// <param name="contact">The view.</param>
    /// <returns>False if it is neither <c>*</c> nor a valid name-addr/addr-spec.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipContact contact)
    {
        var s = SipSyntax.Trim(value);
        if (s.Length == 1 && s[0] == '*')
        {
            contact = new SipContact(true, default);
            return true;
        }

        if (SipNameAddress.TryParse(s, out var address))
        {
            contact = new SipContact(false, address);
            return true;
        }

        contact = default;
        return false;
    }
}
