namespace SipReg.Sip;

/// <summary>
/// A view of one Via value (RFC 3261 §20.42, §25.1 <c>via-parm</c>):
/// <c>SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport=...</c>.
/// </summary>
public readonly ref struct SipVia
{
    internal SipVia(ReadOnlySpan<byte> name, ReadOnlySpan<byte> version, ReadOnlySpan<byte> transport, ReadOnlySpan<byte> host, int port,
        ReadOnlySpan<byte> sentBy, ReadOnlySpan<byte> parameters, SipMessage? message = null, int kept = -1)
    {
        _message = message;
        _kept = kept;
        ProtocolName = name;
        ProtocolVersion = version;
        Transport = transport;
        Host = host;
        Port = port;
        SentBy = sentBy;
        Parameters = parameters;
    }

    // The message whose kept values this view came from (with the value's 0-based index), so that branch, received and
    // rport are handed out instead of being looked up again; null for a view read by TryParse.
    private readonly SipMessage? _message;
    private readonly int _kept;

    /// <summary>The protocol name, normally <c>SIP</c>.</summary>
    public ReadOnlySpan<byte> ProtocolName { get; }

    /// <summary>The protocol version, normally <c>2.0</c>.</summary>
    public ReadOnlySpan<byte> ProtocolVersion { get; }

    /// <summary>The transport as written (<c>UDP</c>, <c>TCP</c>, <c>TLS</c>, <c>SCTP</c>, <c>WS</c>, ...).</summary>
    public ReadOnlySpan<byte> Transport { get; }

    /// <summary>The sent-by host (an IPv6 reference keeps its brackets).</summary>
    public ReadOnlySpan<byte> Host { get; }

    /// <summary>The sent-by port, or -1 if absent.</summary>
    public int Port { get; }

    /// <summary>The sent-by as written (<c>host[:port]</c>).</summary>
    public ReadOnlySpan<byte> SentBy { get; }

    /// <summary>The via-params without the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>The <c>branch</c> parameter (RFC 3261 §8.1.1.7), or empty.</summary>
    public ReadOnlySpan<byte> Branch => GetKnown(SipMessage.KnownParameter.Branch, "branch"u8);

    /// <summary>The <c>received</c> parameter (RFC 3261 §18.2.1), or empty.</summary>
    public ReadOnlySpan<byte> Received => GetKnown(SipMessage.KnownParameter.Received, "received"u8);

    /// <summary>The <c>maddr</c> parameter, or empty.</summary>
    public ReadOnlySpan<byte> MAddr => Get("maddr"u8);

    /// <summary>Whether the <c>rport</c> parameter is present, with or without value (RFC 3581 §3: a client asks with an empty rport).</summary>
    public bool HasRPort => _message is not null
        ? _message.TryGetKeptParameter(_kept, SipMessage.KnownParameter.RPort, out _)
        : SipParameterEnumerator.TryFind(Parameters, (byte)';', "rport"u8, out _);

    /// <summary>The <c>rport</c> value filled in by the server (RFC 3581 §4), or -1 when absent or without value.</summary>
    public int RPort => _message is not null
        ? _message.KeptRPort(_kept)
        : SipParameterEnumerator.TryFind(Parameters, (byte)';', "rport"u8, out var p) && p.HasValue
            && SipSyntax.TryParseDecimal(p.Value, 5, out var v) && v <= 65535 ? (int)v : -1;

    /// <summary>The <c>ttl</c> parameter (0-255), or -1 when absent or invalid.</summary>
    public int Ttl => SipSyntax.TryParseDecimal(Get("ttl"u8), 3, out var v) && v <= 255 ? (int)v : -1;

    /// <summary>Finds a via parameter.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <param name="value">Its value (empty when it has none).</param>
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

    private ReadOnlySpan<byte> Get(ReadOnlySpan<byte> name) => TryGetParameter(name, out var v) ? v : default;

    private ReadOnlySpan<byte> GetKnown(int slot, ReadOnlySpan<byte> name) =>
        _message is not null ? (_message.TryGetKeptParameter(_kept, slot, out var v) ? v : default) : Get(name);

    /// <summary>Reads one via-parm.</summary>
    /// <param name="value">One element of the Via list.</param>
    /// <param name="via">The view.</param>
    /// <returns>False if the sent-protocol or sent-by is malformed.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipVia via)
    {
        // Every part of a via-parm before the parameters is a few bytes long, so each is walked byte by byte rather than
        // searched: a search costs more to start than these loops take.
        via = default;
        var s = SipSyntax.Trim(value);

        // RFC 3261 §25.1: sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS.
        var slash = SipSyntax.IndexOfNear(s, (byte)'/');
        if (slash < 0)
        {
            return false;
        }

        var name = SipSyntax.Trim(s[..slash]);
        s = s[(slash + 1)..];
        slash = SipSyntax.IndexOfNear(s, (byte)'/');
        if (slash < 0)
        {
            return false;
        }

        var version = SipSyntax.Trim(s[..slash]);
        s = SipSyntax.TrimStart(s[(slash + 1)..]);
        var t = 0;
        while (t < s.Length && SipSyntax.IsTokenByte(s[t]))
        {
            t++;
        }

        if (t == s.Length)
        {
            return false;
        }

        var transport = s[..t];
        if (!SipSyntax.IsShortToken(name) || !SipSyntax.IsShortToken(version) || transport.IsEmpty || !SipSyntax.IsWhitespace(s[t]))
        {
            return false;
        }

        s = SipSyntax.TrimStart(s[t..]);
        if (s.IsEmpty)
        {
            return false;
        }

        int hostEnd;
        if (s[0] == '[')
        {
            hostEnd = s.IndexOf((byte)']') + 1;
            if (hostEnd <= 0)
            {
                return false;
            }
        }
        else
        {
            hostEnd = 0;
            while (hostEnd < s.Length && !IsHostEnd(s[hostEnd]))
            {
                hostEnd++;
            }
        }

        var host = s[..hostEnd];
        if (host.IsEmpty)
        {
            return false;
        }

        var port = -1;
        var sentByEnd = hostEnd;
        var after = SipSyntax.TrimStart(s[hostEnd..]);
        if (!after.IsEmpty && after[0] == ':')
        {
            // RFC 3261 §25.1: COLON = SWS ":" SWS.
            var p = SipSyntax.TrimStart(after[1..]);
            var digits = 0;
            while (digits < p.Length && (uint)(p[digits] - '0') <= 9)
            {
                digits++;
            }

            if (!SipSyntax.TryParseDecimal(p[..digits], 5, out var pv) || pv > 65535)
            {
                return false;
            }

            port = (int)pv;
            after = SipSyntax.TrimStart(p[digits..]);
            sentByEnd = s.Length - p.Length + digits;
        }

        ReadOnlySpan<byte> parameters = default;
        if (!after.IsEmpty)
        {
            if (after[0] != ';')
            {
                return false;
            }

            parameters = after[1..];
        }

        via = new SipVia(name, version, transport, host, port, s[..sentByEnd], parameters);
        return true;
    }

    private static bool IsHostEnd(byte b) => b is (byte)':' or (byte)';' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
