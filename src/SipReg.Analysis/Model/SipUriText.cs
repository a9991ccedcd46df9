using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SipReg.Analysis.Model;

/// <summary>
/// Small string helpers for SIP URIs as the facts carry them: address-of-record normalisation and the
/// RFC 3261 §19.1.4 URI comparison reduced to a canonical key.
/// </summary>
internal static class SipUriText
{
    // RFC 3261 §19.1.4: these URI parameters must match when present in either URI.
    private static readonly string[] s_significantParameters = ["transport", "user", "method", "ttl", "maddr"];

    /// <summary>Removes a display name and angle brackets: <c>"A" &lt;sip:a@h&gt;;tag=1</c> becomes <c>sip:a@h</c>.</summary>
    public static string StripBrackets(string uri)
    {
        var s = uri.AsSpan().Trim();
        var lt = s.IndexOf('<');
        if (lt >= 0)
        {
            var gt = s[(lt + 1)..].IndexOf('>');
            s = gt >= 0 ? s.Slice(lt + 1, gt) : s[(lt + 1)..];
        }

        return s.Trim().ToString();
    }

    /// <summary>Splits a URI into scheme, user part, host, port and parameter text.</summary>
    public static bool TryParse(string uri, out string scheme, out string user, out string host, out int? port, out string parameters)
    {
        scheme = user = host = parameters = "";
        port = null;
        var s = StripBrackets(uri);
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        scheme = s[..colon].ToLowerInvariant();
        var rest = s[(colon + 1)..];
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            rest = rest[..q];
        }

        var at = rest.LastIndexOf('@');
        var hostStart = 0;
        if (at >= 0)
        {
            user = rest[..at];
            hostStart = at + 1;
        }

        var semi = rest.IndexOf(';', hostStart);
        var hostPort = semi >= 0 ? rest[hostStart..semi] : rest[hostStart..];
        parameters = semi >= 0 ? rest[(semi + 1)..] : "";
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? hostPort[1..close] : hostPort[1..];
            var after = close > 0 ? hostPort[(close + 1)..] : "";
            if (after.StartsWith(':') && int.TryParse(after.AsSpan(1), out var p6))
            {
                port = p6;
            }
        }
        else
        {
            var pc = hostPort.LastIndexOf(':');
            if (pc >= 0 && int.TryParse(hostPort.AsSpan(pc + 1), out var p))
            {
                port = p;
                host = hostPort[..pc];
            }
            else
            {
                host = hostPort;
            }
        }

        host = host.ToLowerInvariant();
        return host.Length > 0;
    }

    /// <summary>
    /// The address-of-record of a To URI: scheme, user and lower-cased host (port and parameters dropped).
    /// Returns the trimmed input when it cannot be parsed.
    /// </summary>
    public static string NormalizeAddressOfRecord(string? toUri)
    {
        if (string.IsNullOrWhiteSpace(toUri))
        {
            return "";
        }

        if (!TryParse(toUri, out var scheme, out var user, out var host, out _, out _))
        {
            return StripBrackets(toUri);
        }

        // RFC 3261 §19.1.4: the scheme and host compare case-insensitively, the user part case-sensitively.
        return user.Length > 0 ? scheme + ":" + user + "@" + host : scheme + ":" + host;
    }

    /// <summary>A key equal for two URIs that RFC 3261 §19.1.4 calls equivalent (approximately: other parameters are ignored).</summary>
    public static string ContactKey(string uri) => Key(uri, includeHostPort: true);

    /// <summary>The same key without host and port: equal for Contacts that differ only in where they point.</summary>
    public static string ContactKeyWithoutHostPort(string uri) => Key(uri, includeHostPort: false);

    /// <summary>Whether a host is a private address (RFC 1918, RFC 6598 shared space, RFC 4193 unique local, link-local).</summary>
    public static bool IsPrivateAddress(string? host)
    {
        if (string.IsNullOrEmpty(host) || !IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }
            else
            {
                var b6 = address.GetAddressBytes();
                return (b6[0] & 0xFE) == 0xFC || address.IsIPv6LinkLocal;
            }
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || (b[0] == 169 && b[1] == 254);
    }

    /// <summary>The host of an <c>ip:port</c> / <c>[v6]:port</c> endpoint string.</summary>
    public static string EndpointHost(string endpoint)
    {
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? endpoint[1..close] : endpoint;
        }

        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && endpoint.IndexOf(':', StringComparison.Ordinal) == colon ? endpoint[..colon] : endpoint;
    }

    /// <summary>The port of an endpoint string, or null.</summary>
    public static int? EndpointPort(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0 || (!endpoint.StartsWith('[') && endpoint.IndexOf(':', StringComparison.Ordinal) != colon))
        {
            return null;
        }

        return int.TryParse(endpoint.AsSpan(colon + 1), out var p) ? p : null;
    }

    private static string Key(string uri, bool includeHostPort)
    {
        if (!TryParse(uri, out var scheme, out var user, out var host, out var port, out var parameters))
        {
            return StripBrackets(uri).ToLowerInvariant();
        }

        var sb = new StringBuilder(scheme).Append(':').Append(user).Append('@');
        if (includeHostPort)
        {
            sb.Append(host).Append(':').Append(port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        foreach (var name in s_significantParameters)
        {
            var value = Parameter(parameters, name);
            if (value is not null)
            {
                sb.Append(';').Append(name).Append('=').Append(value.ToLowerInvariant());
            }
        }

        return sb.ToString();
    }

    private static string? Parameter(string parameters, string name)
    {
        foreach (var part in parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq >= 0 ? part[..eq] : part;
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return eq >= 0 ? part[(eq + 1)..] : "";
            }
        }

        return null;
    }
}
