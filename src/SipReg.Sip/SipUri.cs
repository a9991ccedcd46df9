namespace SipReg.Sip;

/// <summary>
/// A view of a SIP, SIPS or tel URI (RFC 3261 §19.1, §25.1; RFC 3966) over the caller's bytes:
/// <c>sip:user:password@host:port;uri-parameters?headers</c>.
/// </summary>
public readonly ref struct SipUri
{
    private SipUri(ReadOnlySpan<byte> raw, SipUriScheme kind, ReadOnlySpan<byte> schemeText, ReadOnlySpan<byte> user, ReadOnlySpan<byte> password,
        ReadOnlySpan<byte> host, ReadOnlySpan<byte> hostPort, int port, ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> headers)
    {
        HostPort = hostPort;
        Raw = raw;
        Kind = kind;
        Scheme = schemeText;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
    }

    /// <summary>The whole URI as written.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Which scheme it is.</summary>
    public SipUriScheme Kind { get; }

    /// <summary>The scheme text as written (without the colon).</summary>
    public ReadOnlySpan<byte> Scheme { get; }

    /// <summary>
    /// The user part as written: %-escapes are kept and, for telephone-subscriber users, the <c>;</c> user
    /// parameters too (RFC 3261 §19.1.2). For tel: URIs, the number (without its parameters). Empty if absent.
    /// </summary>
    public ReadOnlySpan<byte> User { get; }

    /// <summary>The password (RFC 3261 §19.1.1, deprecated but legal); empty if absent.</summary>
    public ReadOnlySpan<byte> Password { get; }

    /// <summary>The host: a hostname, IPv4 address or IPv6 reference with its brackets (<c>[2001:db8::1]</c>). Empty for tel:.</summary>
    public ReadOnlySpan<byte> Host { get; }

    /// <summary>The port, or -1 when the URI has none.</summary>
    public int Port { get; }

    /// <summary>The URI parameters without the leading <c>;</c> (e.g. <c>transport=tcp;lr</c>).</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>The header part after <c>?</c> (e.g. <c>subject=x&amp;priority=urgent</c>); empty if absent.</summary>
    public ReadOnlySpan<byte> Headers { get; }

    /// <summary>The host and port as written (<c>host[:port]</c>); empty for tel: and other schemes.</summary>
    public ReadOnlySpan<byte> HostPort { get; }

    /// <summary>The <c>transport</c> parameter, or empty.</summary>
    public ReadOnlySpan<byte> Transport => GetParameter("transport"u8);

    /// <summary>The <c>maddr</c> parameter, or empty.</summary>
    public ReadOnlySpan<byte> MAddr => GetParameter("maddr"u8);

    /// <summary>The <c>user</c> parameter (e.g. <c>phone</c>), or empty.</summary>
    public ReadOnlySpan<byte> UserParameter => GetParameter("user"u8);

    /// <summary>The <c>gr</c> parameter of a GRUU (RFC 5627 §3.1), or empty; see <see cref="HasParameter"/> for <c>gr</c> without value.</summary>
    public ReadOnlySpan<byte> Gr => GetParameter("gr"u8);

    /// <summary>Whether the URI has the <c>lr</c> parameter (loose routing, RFC 3261 §19.1.1).</summary>
    public bool IsLooseRouting => HasParameter("lr"u8);

    /// <summary>Whether the URI has the <c>ob</c> parameter (RFC 5626 §5.4: the edge proxy supports outbound).</summary>
    public bool HasOb => HasParameter("ob"u8);

    /// <summary>Whether a URI parameter is present (with or without value).</summary>
    /// <param name="name">The parameter name (case-insensitive).</param>
    /// <returns>True if present.</returns>
    public bool HasParameter(ReadOnlySpan<byte> name) => SipParameterEnumerator.TryFind(Parameters, (byte)';', name, out _);

    /// <summary>Finds a URI parameter.</summary>
    /// <param name="name">The parameter name (case-insensitive).</param>
    /// <param name="value">Its value (empty if it has none).</param>
    /// <returns>True if present.</returns>
    public bool TryGetParameter(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (SipParameterEnumerator.TryFind(Parameters, (byte)';', name, out var p))
        {
            value = p.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The URI parameters, for <c>foreach</c>.</summary>
    /// <returns>An enumerator.</returns>
    public SipParameterEnumerator EnumerateParameters() => new(Parameters, (byte)';');

    /// <summary>The URI without its header part (<c>?...</c>): what the JSON and most comparisons want.</summary>
    public ReadOnlySpan<byte> WithoutHeaders => Headers.IsEmpty ? Raw : Raw[..(Raw.Length - Headers.Length - 1)];

    /// <summary>The URI as a string (allocates).</summary>
    /// <returns>The URI text.</returns>
    public override string ToString() => SipSyntax.ToText(Raw);

    private ReadOnlySpan<byte> GetParameter(ReadOnlySpan<byte> name) => TryGetParameter(name, out var v) ? v : default;

    /// <summary>Reads a URI.</summary>
    /// <param name="text">The URI, without angle brackets.</param>
    /// <param name="uri">The view.</param>
    /// <returns>False if it has no scheme, or a sip/sips URI has no host or an invalid port.</returns>
    public static bool TryParse(ReadOnlySpan<byte> text, out SipUri uri)
    {
        uri = default;
        text = SipSyntax.Trim(text);
        var colon = text.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = text[..colon];
        var rest = text[(colon + 1)..];

        // sip, sips and tel are tokens, so only another scheme needs the token check.
        SipUriScheme kind;
        if (SipSyntax.EqualsLowerIgnoreCase(scheme, "sip"u8))
        {
            kind = SipUriScheme.Sip;
        }
        else if (SipSyntax.EqualsLowerIgnoreCase(scheme, "sips"u8))
        {
            kind = SipUriScheme.Sips;
        }
        else if (SipSyntax.EqualsLowerIgnoreCase(scheme, "tel"u8))
        {
            // RFC 3966 §3: telephone-subscriber = number *( par ); no host, no headers.
            var semi = rest.IndexOf((byte)';');
            var number = semi < 0 ? rest : rest[..semi];
            if (number.IsEmpty)
            {
                return false;
            }

            uri = new SipUri(text, SipUriScheme.Tel, scheme, number, default, default, default, -1, semi < 0 ? default : rest[(semi + 1)..], default);
            return true;
        }
        else if (!SipSyntax.IsToken(scheme))
        {
            return false;
        }
        else
        {
            uri = new SipUri(text, SipUriScheme.Other, scheme, default, default, default, default, -1, default, default);
            return true;
        }

        ReadOnlySpan<byte> headers = default;
        var q = rest.IndexOf((byte)'?');
        if (q >= 0)
        {
            headers = rest[(q + 1)..];
            rest = rest[..q];
        }

        ReadOnlySpan<byte> user = default, password = default;
        var at = rest.LastIndexOf((byte)'@');
        if (at >= 0)
        {
            // RFC 3261 §25.1: '@' cannot appear unescaped in userinfo (it is %40 there, as in RFC 4475 §3.1.1.1),
            // so the last '@' before the headers ends the userinfo.
            var userinfo = rest[..at];
            var pc = userinfo.IndexOf((byte)':');
            if (pc >= 0)
            {
                user = userinfo[..pc];
                password = userinfo[(pc + 1)..];
            }
            else
            {
                user = userinfo;
            }

            rest = rest[(at + 1)..];
        }

        ReadOnlySpan<byte> host;
        int hostEnd;
        if (!rest.IsEmpty && rest[0] == '[')
        {
            var close = rest.IndexOf((byte)']');
            if (close < 0)
            {
                return false;
            }

            hostEnd = close + 1;
            host = rest[..hostEnd];
        }
        else
        {
            hostEnd = rest.IndexOfAny((byte)':', (byte)';');
            if (hostEnd < 0)
            {
                hostEnd = rest.Length;
            }

            host = rest[..hostEnd];
        }

        if (host.IsEmpty)
        {
            return false;
        }

        var port = -1;
        var after = rest[hostEnd..];
        if (!after.IsEmpty && after[0] == ':')
        {
            var portEnd = after.IndexOf((byte)';');
            var portText = portEnd < 0 ? after[1..] : after[1..portEnd];
            if (!SipSyntax.TryParseDecimal(portText, 5, out var p) || p > 65535)
            {
                return false;
            }

            port = (int)p;
            after = portEnd < 0 ? default : after[portEnd..];
        }

        var hostPort = rest[..(rest.Length - after.Length)];

        ReadOnlySpan<byte> parameters = default;
        if (!after.IsEmpty)
        {
            if (after[0] != ';')
            {
                return false;
            }

            parameters = after[1..];
        }

        uri = new SipUri(text, kind, scheme, user, password, host, hostPort, port, parameters, headers);
        return true;
    }
}
