using System.Buffers.Binary;

namespace SipReg.Sip;

/// <summary>
/// The header-name table: full names, the compact forms of RFC 3261 §7.3.3 and later RFCs, and which headers are
/// comma-separated lists (RFC 3261 §7.3.1).
/// </summary>
public static class SipHeaderNames
{
    /// <summary>Number of <see cref="SipHeaderName"/> values (they run from 0 to this minus one).</summary>
    internal const int Count = (int)SipHeaderName.PAssociatedUri + 1;

    /// <summary>Identifies a header field name, ignoring ASCII case; compact forms map to their full header.</summary>
    /// <param name="name">The field name, trimmed.</param>
    /// <returns>The known header, or <see cref="SipHeaderName.Unknown"/>.</returns>
    public static SipHeaderName Lookup(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return SipHeaderName.Unknown;
        }

        var first = name[0] | 0x20;
        if (name.Length == 1)
        {
            // RFC 3261 §7.3.3 and the compact forms registered since (IANA "Header Fields" registry).
            return first switch
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

        // The length and first letter leave at most one candidate (two for a few, told apart by one more letter);
        // one case-insensitive comparison then decides.
        var candidate = name.Length switch
        {
            2 => first == 't' ? SipHeaderName.To : SipHeaderName.Unknown,
            3 => first == 'v' ? SipHeaderName.Via : SipHeaderName.Unknown,
            4 => first switch
            {
                'f' => SipHeaderName.From,
                'c' => SipHeaderName.CSeq,
                'p' => SipHeaderName.Path,
                'd' => SipHeaderName.Date,
                _ => SipHeaderName.Unknown,
            },
            5 => first switch
            {
                'r' => SipHeaderName.Route,
                'a' => SipHeaderName.Allow,
                'e' => SipHeaderName.Event,
                _ => SipHeaderName.Unknown,
            },
            6 => first switch
            {
                's' => SipHeaderName.Server,
                'r' => SipHeaderName.Reason,
                'a' => SipHeaderName.Accept,
                _ => SipHeaderName.Unknown,
            },
            7 => first switch
            {
                'c' => (name[1] | 0x20) == 'a' ? SipHeaderName.CallId : SipHeaderName.Contact,
                'e' => SipHeaderName.Expires,
                's' => SipHeaderName.Subject,
                'r' => SipHeaderName.Require,
                'w' => SipHeaderName.Warning,
                _ => SipHeaderName.Unknown,
            },
            8 => first switch
            {
                'r' => SipHeaderName.ReferTo,
                'i' => SipHeaderName.Identity,
                _ => SipHeaderName.Unknown,
            },
            9 => first switch
            {
                's' => SipHeaderName.Supported,
                't' => SipHeaderName.Timestamp,
                _ => SipHeaderName.Unknown,
            },
            10 => first switch
            {
                'u' => SipHeaderName.UserAgent,
                'f' => SipHeaderName.FlowTimer,
                _ => SipHeaderName.Unknown,
            },
            11 => first switch
            {
                'm' => SipHeaderName.MinExpires,
                'u' => SipHeaderName.Unsupported,
                'r' => (name[2] | 0x20) == 't' ? SipHeaderName.RetryAfter : SipHeaderName.ReferredBy,
                _ => SipHeaderName.Unknown,
            },
            12 => first switch
            {
                'm' => SipHeaderName.MaxForwards,
                'c' => SipHeaderName.ContentType,
                'r' => SipHeaderName.RecordRoute,
                'o' => SipHeaderName.Organization,
                'a' => SipHeaderName.AllowEvents,
                _ => SipHeaderName.Unknown,
            },
            13 => first switch
            {
                'p' => SipHeaderName.ProxyRequire,
                's' => SipHeaderName.ServiceRoute,
                'a' => SipHeaderName.Authorization,
                'i' => SipHeaderName.IdentityInfo,
                _ => SipHeaderName.Unknown,
            },
            14 => first switch
            {
                'c' => SipHeaderName.ContentLength,
                'a' => SipHeaderName.AcceptContact,
                'r' => SipHeaderName.RejectContact,
                _ => SipHeaderName.Unknown,
            },
            15 => first == 's' ? SipHeaderName.SessionExpires : SipHeaderName.Unknown,
            16 => first switch
            {
                'c' => SipHeaderName.ContentEncoding,
                'w' => SipHeaderName.WwwAuthenticate,
                'p' => SipHeaderName.PAssociatedUri,
                _ => SipHeaderName.Unknown,
            },
            18 => first == 'p' ? SipHeaderName.ProxyAuthenticate : SipHeaderName.Unknown,
            19 => first switch
            {
                'p' => SipHeaderName.ProxyAuthorization,
                'a' => SipHeaderName.AuthenticationInfo,
                'r' => SipHeaderName.RequestDisposition,
                _ => SipHeaderName.Unknown,
            },
            _ => SipHeaderName.Unknown,
        };

        return candidate != SipHeaderName.Unknown && NameMatches(name, candidate) ? candidate : SipHeaderName.Unknown;
    }

    /// <summary>
    /// Whether <paramref name="name"/>, as long as the full name of <paramref name="candidate"/> (2 to 19 bytes), equals it
    /// ignoring ASCII case: the same answer as <see cref="SipSyntax.EqualsIgnoreCase"/>, in two or three word compares.
    /// </summary>
    private static bool NameMatches(ReadOnlySpan<byte> name, SipHeaderName candidate)
    {
        // Each word of the name, with 0x20 set on its letters only, must equal the lower-case name: for a letter that
        // accepts both cases, any other byte must match exactly (a CR must not pass for '-').
        var words = s_nameWords.AsSpan((int)candidate * WordsPerName, WordsPerName);
        var n = name.Length;
        if (n >= 8)
        {
            return (Read64(name, 0) | words[3]) == words[0]
                && (Read64(name, Math.Min(8, n - 8)) | words[4]) == words[1]
                && (Read64(name, n - 8) | words[5]) == words[2];
        }

        if (n >= 4)
        {
            return (Read32(name, 0) | words[3]) == words[0] && (Read32(name, n - 4) | words[5]) == words[2];
        }

        return (Read16(name, 0) | words[3]) == words[0] && (Read16(name, n - 2) | words[5]) == words[2];
    }

    private const int WordsPerName = 6;

    /// <summary>Per header: the lower-case name at its first, middle and last word, then the letter masks of those words.</summary>
    private static readonly ulong[] s_nameWords = BuildNameWords();

    private static ulong[] BuildNameWords()
    {
        var words = new ulong[Count * WordsPerName];
        Span<byte> lower = stackalloc byte[32];
        Span<byte> mask = stackalloc byte[32];
        for (var h = 1; h < Count; h++)
        {
            var full = FullName((SipHeaderName)h);
            var n = full.Length;
            for (var i = 0; i < n; i++)
            {
                var isLetter = (uint)((full[i] | 0x20) - 'a') <= 'z' - 'a';
                lower[i] = isLetter ? (byte)(full[i] | 0x20) : full[i];
                mask[i] = isLetter ? (byte)0x20 : (byte)0;
            }

            var w = words.AsSpan(h * WordsPerName, WordsPerName);
            if (n >= 8)
            {
                (w[0], w[3]) = (Read64(lower, 0), Read64(mask, 0));
                (w[1], w[4]) = (Read64(lower, Math.Min(8, n - 8)), Read64(mask, Math.Min(8, n - 8)));
                (w[2], w[5]) = (Read64(lower, n - 8), Read64(mask, n - 8));
            }
            else if (n >= 4)
            {
                (w[0], w[3]) = (Read32(lower, 0), Read32(mask, 0));
                (w[2], w[5]) = (Read32(lower, n - 4), Read32(mask, n - 4));
            }
            else
            {
                (w[0], w[3]) = (Read16(lower, 0), Read16(mask, 0));
                (w[2], w[5]) = (Read16(lower, n - 2), Read16(mask, n - 2));
            }
        }

        return words;
    }

    private static ulong Read64(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(s[offset..]);

    private static ulong Read32(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(s[offset..]);

    private static ulong Read16(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(s[offset..]);

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
