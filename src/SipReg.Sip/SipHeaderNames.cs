namespace SipReg.Sip;

/// <summary>
/// The header-name table: full names, the compact forms of RFC 3261 §7.3.3 and later RFCs, and which headers are
/// comma-separated lists (RFC 3261 §7.3.1).
/// </summary>
public static class SipHeaderNames
{
    /// <summary>Identifies a header field name, ignoring ASCII case; compact forms map to their full header.</summary>
    /// <param name="name">The field name, trimmed.</param>
    /// <returns>The known header, or <see cref="SipHeaderName.Unknown"/>.</returns>
    public static SipHeaderName Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            // RFC 3261 §7.3.3 and the compact forms registered since (IANA "Header Fields" registry).
            return (name[0] | 0x20) switch
            {
                'v' => SipHeaderName.Via,
                'f' => SipHeaderName.From,
                't' => SipHeaderName.To,
                'i' => SipHeaderName.CallId,
                'm' => SipHeaderName.Contact,
                'l' => SipHeaderName.ContentLength,
                'c' => SipHeaderName.ContentType,
                'e' => SipHeaderName.ContentEncoding,
                's' => SipHeaderName.Subject,
                'k' => SipHeaderName.Supported,
                'o' => SipHeaderName.Event,
                'r' => SipHeaderName.ReferTo,
                'b' => SipHeaderName.ReferredBy,
                'u' => SipHeaderName.AllowEvents,
                'x' => SipHeaderName.SessionExpires,
                'a' => SipHeaderName.AcceptContact,
                'j' => SipHeaderName.RejectContact,
                'd' => SipHeaderName.RequestDisposition,
                'y' => SipHeaderName.Identity,
                'n' => SipHeaderName.IdentityInfo,
                _ => SipHeaderName.Unknown,
            };
        }

        switch (name.Length)
        {
            case 2:
                if (SipSyntax.EqualsIgnoreCase(name, "To"u8))
                {
                    return SipHeaderName.To;
                }

                break;
            case 3:
                if (SipSyntax.EqualsIgnoreCase(name, "Via"u8))
                {
                    return SipHeaderName.Via;
                }

                break;
            case 4:
                if (SipSyntax.EqualsIgnoreCase(name, "From"u8))
                {
                    return SipHeaderName.From;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "CSeq"u8))
                {
                    return SipHeaderName.CSeq;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Path"u8))
                {
                    return SipHeaderName.Path;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Date"u8))
                {
                    return SipHeaderName.Date;
                }

                break;
            case 5:
                if (SipSyntax.EqualsIgnoreCase(name, "Route"u8))
                {
                    return SipHeaderName.Route;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Allow"u8))
                {
                    return SipHeaderName.Allow;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Event"u8))
                {
                    return SipHeaderName.Event;
                }

                break;
            case 6:
                if (SipSyntax.EqualsIgnoreCase(name, "Server"u8))
                {
                    return SipHeaderName.Server;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Reason"u8))
                {
                    return SipHeaderName.Reason;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Accept"u8))
                {
                    return SipHeaderName.Accept;
                }

                break;
            case 7:
                if (SipSyntax.EqualsIgnoreCase(name, "Call-ID"u8))
                {
                    return SipHeaderName.CallId;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Contact"u8))
                {
                    return SipHeaderName.Contact;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Expires"u8))
                {
                    return SipHeaderName.Expires;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Subject"u8))
                {
                    return SipHeaderName.Subject;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Require"u8))
                {
                    return SipHeaderName.Require;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Warning"u8))
                {
                    return SipHeaderName.Warning;
                }

                break;
            case 8:
                if (SipSyntax.EqualsIgnoreCase(name, "Refer-To"u8))
                {
                    return SipHeaderName.ReferTo;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Identity"u8))
                {
                    return SipHeaderName.Identity;
                }

                break;
            case 9:
                if (SipSyntax.EqualsIgnoreCase(name, "Supported"u8))
                {
                    return SipHeaderName.Supported;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Timestamp"u8))
                {
                    return SipHeaderName.Timestamp;
                }

                break;
            case 10:
                if (SipSyntax.EqualsIgnoreCase(name, "User-Agent"u8))
                {
                    return SipHeaderName.UserAgent;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Flow-Timer"u8))
                {
                    return SipHeaderName.FlowTimer;
                }

                break;
            case 11:
                if (SipSyntax.EqualsIgnoreCase(name, "Min-Expires"u8))
                {
                    return SipHeaderName.MinExpires;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Unsupported"u8))
                {
                    return SipHeaderName.Unsupported;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Retry-After"u8))
                {
                    return SipHeaderName.RetryAfter;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Referred-By"u8))
                {
                    return SipHeaderName.ReferredBy;
                }

                break;
            case 12:
                if (SipSyntax.EqualsIgnoreCase(name, "Max-Forwards"u8))
                {
                    return SipHeaderName.MaxForwards;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Content-Type"u8))
                {
                    return SipHeaderName.ContentType;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Record-Route"u8))
                {
                    return SipHeaderName.RecordRoute;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Organization"u8))
                {
                    return SipHeaderName.Organization;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Allow-Events"u8))
                {
                    return SipHeaderName.AllowEvents;
                }

                break;
            case 13:
                if (SipSyntax.EqualsIgnoreCase(name, "Proxy-Require"u8))
                {
                    return SipHeaderName.ProxyRequire;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Service-Route"u8))
                {
                    return SipHeaderName.ServiceRoute;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Authorization"u8))
                {
                    return SipHeaderName.Authorization;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Identity-Info"u8))
                {
                    return SipHeaderName.IdentityInfo;
                }

                break;
            case 14:
                if (SipSyntax.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    return SipHeaderName.ContentLength;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Accept-Contact"u8))
                {
                    return SipHeaderName.AcceptContact;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Reject-Contact"u8))
                {
                    return SipHeaderName.RejectContact;
                }

                break;
            case 15:
                if (SipSyntax.EqualsIgnoreCase(name, "Session-Expires"u8))
                {
                    return SipHeaderName.SessionExpires;
                }

                break;
            case 16:
                if (SipSyntax.EqualsIgnoreCase(name, "Content-Encoding"u8))
                {
                    return SipHeaderName.ContentEncoding;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "WWW-Authenticate"u8))
                {
                    return SipHeaderName.WwwAuthenticate;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "P-Associated-URI"u8))
                {
                    return SipHeaderName.PAssociatedUri;
                }

                break;
            case 18:
                if (SipSyntax.EqualsIgnoreCase(name, "Proxy-Authenticate"u8))
                {
                    return SipHeaderName.ProxyAuthenticate;
                }

                break;
            case 19:
                if (SipSyntax.EqualsIgnoreCase(name, "Proxy-Authorization"u8))
                {
                    return SipHeaderName.ProxyAuthorization;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Authentication-Info"u8))
                {
                    return SipHeaderName.AuthenticationInfo;
                }

                if (SipSyntax.EqualsIgnoreCase(name, "Request-Disposition"u8))
                {
                    return SipHeaderName.RequestDisposition;
                }

                break;
        }

        return SipHeaderName.Unknown;
    }

    /// <summary>The full (canonical) name of a known header, e.g. <c>Call-ID</c>; empty for <see cref="SipHeaderName.Unknown"/>.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The UTF-8 name.</returns>
    public static ReadOnlySpan<byte> FullName(SipHeaderName header) => header switch
    {
        SipHeaderName.Via => "Via"u8,
        SipHeaderName.From => "From"u8,
        SipHeaderName.To => "To"u8,
        SipHeaderName.CallId => "Call-ID"u8,
        SipHeaderName.CSeq => "CSeq"u8,
        SipHeaderName.Contact => "Contact"u8,
        SipHeaderName.MaxForwards => "Max-Forwards"u8,
        SipHeaderName.Expires => "Expires"u8,
        SipHeaderName.MinExpires => "Min-Expires"u8,
        SipHeaderName.ContentLength => "Content-Length"u8,
        SipHeaderName.ContentType => "Content-Type"u8,
        SipHeaderName.ContentEncoding => "Content-Encoding"u8,
        SipHeaderName.Subject => "Subject"u8,
        SipHeaderName.Supported => "Supported"u8,
        SipHeaderName.Require => "Require"u8,
        SipHeaderName.ProxyRequire => "Proxy-Require"u8,
        SipHeaderName.Unsupported => "Unsupported"u8,
        SipHeaderName.Route => "Route"u8,
        SipHeaderName.RecordRoute => "Record-Route"u8,
        SipHeaderName.Path => "Path"u8,
        SipHeaderName.ServiceRoute => "Service-Route"u8,
        SipHeaderName.WwwAuthenticate => "WWW-Authenticate"u8,
        SipHeaderName.ProxyAuthenticate => "Proxy-Authenticate"u8,
        SipHeaderName.Authorization => "Authorization"u8,
        SipHeaderName.ProxyAuthorization => "Proxy-Authorization"u8,
        SipHeaderName.AuthenticationInfo => "Authentication-Info"u8,
        SipHeaderName.UserAgent => "User-Agent"u8,
        SipHeaderName.Server => "Server"u8,
        SipHeaderName.Warning => "Warning"u8,
        SipHeaderName.Reason => "Reason"u8,
        SipHeaderName.RetryAfter => "Retry-After"u8,
        SipHeaderName.Allow => "Allow"u8,
        SipHeaderName.Accept => "Accept"u8,
        SipHeaderName.Date => "Date"u8,
        SipHeaderName.Timestamp => "Timestamp"u8,
        SipHeaderName.Organization => "Organization"u8,
        SipHeaderName.Event => "Event"u8,
        SipHeaderName.ReferTo => "Refer-To"u8,
        SipHeaderName.ReferredBy => "Referred-By"u8,
        SipHeaderName.AllowEvents => "Allow-Events"u8,
        SipHeaderName.SessionExpires => "Session-Expires"u8,
        SipHeaderName.AcceptContact => "Accept-Contact"u8,
        SipHeaderName.RejectContact => "Reject-Contact"u8,
        SipHeaderName.RequestDisposition => "Request-Disposition"u8,
        SipHeaderName.Identity => "Identity"u8,
        SipHeaderName.IdentityInfo => "Identity-Info"u8,
        SipHeaderName.FlowTimer => "Flow-Timer"u8,
        SipHeaderName.PAssociatedUri => "P-Associated-URI"u8,
        _ => default,
    };

    /// <summary>The compact form of a header (RFC 3261 §7.3.3), or 0 when it has none.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The lower-case compact letter, or 0.</returns>
    public static byte CompactForm(SipHeaderName header) => header switch
    {
        SipHeaderName.Via => (byte)'v',
        SipHeaderName.From => (byte)'f',
        SipHeaderName.To => (byte)'t',
        SipHeaderName.CallId => (byte)'i',
        SipHeaderName.Contact => (byte)'m',
        SipHeaderName.ContentLength => (byte)'l',
        SipHeaderName.ContentType => (byte)'c',
        SipHeaderName.ContentEncoding => (byte)'e',
        SipHeaderName.Subject => (byte)'s',
        SipHeaderName.Supported => (byte)'k',
        SipHeaderName.Event => (byte)'o',
        SipHeaderName.ReferTo => (byte)'r',
        SipHeaderName.ReferredBy => (byte)'b',
        SipHeaderName.AllowEvents => (byte)'u',
        SipHeaderName.SessionExpires => (byte)'x',
        SipHeaderName.AcceptContact => (byte)'a',
        SipHeaderName.RejectContact => (byte)'j',
        SipHeaderName.RequestDisposition => (byte)'d',
        SipHeaderName.Identity => (byte)'y',
        SipHeaderName.IdentityInfo => (byte)'n',
        _ => 0,
    };

    /// <summary>
    /// Whether the header's grammar is a comma-separated list, so one line may carry several values
    /// (RFC 3261 §7.3.1: such a header may be split over several lines or combined into one).
    /// </summary>
    /// <param name="header">The header.</param>
    /// <returns>True for list headers such as Via, Contact, Route, Path, Supported.</returns>
    public static bool IsList(SipHeaderName header) => header switch
    {
        SipHeaderName.Via or SipHeaderName.Contact or SipHeaderName.ContentEncoding or SipHeaderName.Supported or SipHeaderName.Require or SipHeaderName.ProxyRequire or SipHeaderName.Unsupported or SipHeaderName.Route or SipHeaderName.RecordRoute or SipHeaderName.Path or SipHeaderName.ServiceRoute or SipHeaderName.Warning or SipHeaderName.Reason or SipHeaderName.Allow or SipHeaderName.Accept or SipHeaderName.AllowEvents or SipHeaderName.AcceptContact or SipHeaderName.RejectContact or SipHeaderName.RequestDisposition or SipHeaderName.PAssociatedUri => true,
        _ => false,
    };
}
