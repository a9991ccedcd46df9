using System.Text;

namespace SipReg.Analysis.Redaction;

/// <summary>
/// Masks SIP messages in place inside a byte buffer (one UDP payload, or a reassembled TCP stream): addresses first
/// (every dotted quad and IPv6 literal, in headers and bodies), then the identities in the headers that carry them.
/// </summary>
internal sealed class SipTextRedactor(TokenMasker tokens, AddressMapper? addresses)
{
    private static readonly string[] s_methods =
    [
        "REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "INFO",
        "PRACK", "UPDATE", "REFER",
    ];

    private static readonly HashSet<string> s_nameAddressHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "f", "to", "t", "contact", "m", "route", "record-route", "path", "service-route", "p-asserted-identity",
        "p-preferred-identity", "p-associated-uri", "p-called-party-id", "remote-party-id", "diversion", "history-info",
        "refer-to", "r", "referred-by", "b", "reply-to", "p-served-user",
    };

    private static readonly HashSet<string> s_authHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate", "authentication-info",
        "proxy-authentication-info",
    };

    // tag (RFC 3261), ftag (a proxy's copy in Record-Route), to-tag/from-tag (RFC 3891 Replaces, RFC 3911 Join).
    private static readonly HashSet<string> s_tagParameters = new(StringComparer.OrdinalIgnoreCase) { "tag", "ftag", "to-tag", "from-tag" };

    private static readonly HashSet<string> s_authTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "nonce", "cnonce", "opaque", "response", "rspauth", "nextnonce",
    };

    /// <summary>Masks every SIP message found in <c>buffer[start..end)</c>; resynchronises on the next start line after damage.</summary>
    public void Redact(byte[] buffer, int start, int end)
    {
        var pos = start;
        while (pos < end)
        {
            if (buffer[pos] is (byte)'\r' or (byte)'\n')
            {
                pos++;
                continue;
            }

            if (!StartsMessage(buffer.AsSpan(0, end), pos))
            {
                // A message cut before its start line, or framing around SIP (WebSocket, HEP): masked as a tail.
                var next = NextMessageStart(buffer, pos, end);
                RedactTail(buffer, pos, next < 0 ? end : next);
                if (next < 0)
                {
                    return;
                }

                pos = next;
                continue;
            }

            pos = RedactMessage(buffer, pos, end);
        }
    }

    private int RedactMessage(byte[] buffer, int start, int end)
    {
        var headerEnd = IndexOf(buffer, start, end, "\r\n\r\n"u8);
        int bodyStart;
        if (headerEnd < 0)
        {
            var lf = IndexOf(buffer, start, end, "\n\n"u8);
            headerEnd = lf < 0 ? end : lf;
            bodyStart = lf < 0 ? end : lf + 2;
        }
        else
        {
            bodyStart = headerEnd + 4;
        }

        var contentLength = -1;
        var lines = new List<(int Start, int End)>();
        for (var p = start; p < headerEnd;)
        {
            var lineEnd = IndexOf(buffer, p, headerEnd, "\n"u8);
            lineEnd = lineEnd < 0 ? headerEnd : lineEnd;
            if (lines.Count > 1 && buffer[p] is (byte)' ' or (byte)'\t')
            {
                lines[^1] = (lines[^1].Start, lineEnd);
            }
            else
            {
                lines.Add((p, lineEnd));
            }

            p = lineEnd + 1;
        }

        // Addresses first, everywhere in the head; identity handlers below leave address literals alone.
        MapAddresses(buffer, start, headerEnd);
        for (var i = 0; i < lines.Count; i++)
        {
            var (ls, le) = lines[i];
            if (i == 0)
            {
                RedactStartLine(buffer, ls, le);
                continue;
            }

            RedactHeader(buffer, ls, le, ref contentLength);
        }

        var bodyEnd = contentLength >= 0 ? (int)Math.Min((long)bodyStart + contentLength, end) : end;
        bodyEnd = Math.Max(bodyEnd, bodyStart);
        if (bodyStart < bodyEnd)
        {
            MapAddresses(buffer, bodyStart, bodyEnd);
            ScanUris(buffer, bodyStart, bodyEnd);
        }

        return Math.Max(bodyEnd, Math.Min(bodyStart, end));
    }

    /// <summary>
    /// The tail of a message whose start was not captured (a TCP stream picked up midway): header lines are masked
    /// as usual, a cut first line by its parameters.
    /// </summary>
    private void RedactTail(byte[] buffer, int start, int end)
    {
        MapAddresses(buffer, start, end);
        var contentLength = -1;
        for (var p = start; p < end;)
        {
            var lineEnd = IndexOf(buffer, p, end, "\n"u8);
            lineEnd = lineEnd < 0 ? end : lineEnd;
            var colon = IndexOf(buffer, p, lineEnd, ":"u8);
            if (colon > p && Latin1(buffer, p, colon).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                RedactHeader(buffer, p, lineEnd, ref contentLength);
            }
            else
            {
                var semi = IndexOf(buffer, p, lineEnd, ";"u8);
                if (semi >= 0)
                {
                    RedactParameters(buffer, semi, lineEnd);
                }

                ScanUris(buffer, p, lineEnd);
            }

            p = lineEnd + 1;
        }
    }

    private void RedactHeader(byte[] buffer, int ls, int le, ref int contentLength)
    {
        var colon = IndexOf(buffer, ls, le, ":"u8);
        if (colon < 0)
        {
            return;
        }

        var name = Latin1(buffer, ls, colon).Trim();
        var valueStart = colon + 1;
        if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase) || name.Equals("l", StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(Latin1(buffer, valueStart, le).Trim(), out var n) && n >= 0)
            {
                contentLength = n;
            }
        }
        else if (s_nameAddressHeaders.Contains(name))
        {
            RedactNameAddresses(buffer, valueStart, le);
        }
        else if (name.Equals("via", StringComparison.OrdinalIgnoreCase) || name.Equals("v", StringComparison.OrdinalIgnoreCase))
        {
            RedactVias(buffer, valueStart, le);
        }
        else if (name.EndsWith("call-id", StringComparison.OrdinalIgnoreCase) || name.Equals("i", StringComparison.OrdinalIgnoreCase))
        {
            var (s, e) = Trim(buffer, valueStart, le);
            MaskUserAtHost(buffer, s, e);
        }
        else if (s_authHeaders.Contains(name))
        {
            RedactAuth(buffer, valueStart, le);
        }
        else
        {
            ScanUris(buffer, valueStart, le);
        }
    }

    private void RedactStartLine(byte[] buffer, int start, int end)
    {
        if (Latin1(buffer, start, Math.Min(end, start + 8)).StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var sp = IndexOf(buffer, start, end, " "u8);
        if (sp < 0)
        {
            return;
        }

        var uriEnd = IndexOf(buffer, sp + 1, end, " "u8);
        MaskUri(buffer, sp + 1, uriEnd < 0 ? end : uriEnd);
    }

    /// <summary>name-addr / addr-spec lists: display names, URIs and the tag and +sip.instance parameters.</summary>
    private void RedactNameAddresses(byte[] buffer, int start, int end)
    {
        foreach (var (s, e) in SplitTopLevel(buffer, start, end, (byte)','))
        {
            var (ts, te) = Trim(buffer, s, e);
            if (ts >= te)
            {
                continue;
            }

            var open = FindTopLevel(buffer, ts, te, (byte)'<');
            int paramsStart;
            if (open >= 0)
            {
                var close = IndexOf(buffer, open, te, ">"u8);
                close = close < 0 ? te : close;
                if (open > ts)
                {
                    MaskDisplayName(buffer, ts, open);
                }

                MaskUri(buffer, open + 1, close);
                paramsStart = close;
            }
            else
            {
                var semi = FindTopLevel(buffer, ts, te, (byte)';');
                paramsStart = semi < 0 ? te : semi;
                MaskUri(buffer, ts, paramsStart);
            }

            RedactParameters(buffer, paramsStart, te);
        }
    }

    private void MaskDisplayName(byte[] buffer, int start, int end)
    {
        var (s, e) = Trim(buffer, start, end);
        if (e - s >= 2 && buffer[s] == '"' && buffer[e - 1] == '"')
        {
            s++;
            e--;
        }

        if (s < e)
        {
            tokens.MaskTokenInPlace(buffer.AsSpan(s, e - s));
        }
    }

    /// <summary>Header or URI parameters from a ';' onwards: tag, branch, maddr, +sip.instance, gr and the GRUUs are masked; the rest kept.</summary>
    private void RedactParameters(byte[] buffer, int start, int end)
    {
        foreach (var (s, e) in SplitTopLevel(buffer, start, end, (byte)';'))
        {
            var eq = IndexOf(buffer, s, e, "="u8);
            if (eq < 0)
            {
                continue;
            }

            var name = Latin1(buffer, s, eq).Trim();
            var (vs, ve) = Trim(buffer, eq + 1, e);
            if (vs >= ve)
            {
                continue;
            }

            if (s_tagParameters.Contains(name))
            {
                tokens.MaskTokenInPlace(buffer.AsSpan(vs, ve - vs));
            }
            else if (name.Equals("branch", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 3261 §8.1.1.7: the magic cookie z9hG4bK marks an RFC 3261 branch; it must survive.
                if (ve - vs >= 7 && Latin1(buffer, vs, vs + 7) == "z9hG4bK")
                {
                    vs += 7;
                }

                if (vs < ve)
                {
                    tokens.MaskTokenInPlace(buffer.AsSpan(vs, ve - vs));
                }
            }
            else if (name.Equals("maddr", StringComparison.OrdinalIgnoreCase))
            {
                MaskHost(buffer, vs, ve);
            }
            else if (name.Equals("pub-gruu", StringComparison.OrdinalIgnoreCase) || name.Equals("temp-gruu", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 5627 §3.2: a quoted SIP URI that carries the AOR (pub-gruu) or a registrar token (temp-gruu), and
                // the instance UUID in its gr parameter; masked like any URI so it stays linked to the masked AOR.
                var (us, ue) = buffer[vs] == (byte)'"' && ve - vs >= 2 && buffer[ve - 1] == (byte)'"' ? (vs + 1, ve - 1) : (vs, ve);
                MaskUri(buffer, us, ue);
            }
            else if (name.Equals("+sip.instance", StringComparison.OrdinalIgnoreCase) || name.Equals("gr", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 5626 §4.1: "<urn:uuid:...>"; the UUID is masked, hex stays hex and the dashes stay.
                var value = Latin1(buffer, vs, ve);
                var uuid = value.IndexOf("uuid:", StringComparison.OrdinalIgnoreCase);
                var from = uuid >= 0 ? vs + uuid + 5 : vs;
                var to = ve;
                while (to > from && buffer[to - 1] is (byte)'"' or (byte)'>')
                {
                    to--;
                }

                if (from < to)
                {
                    tokens.MaskTokenInPlace(buffer.AsSpan(from, to - from));
                }
            }
        }
    }

    private void RedactVias(byte[] buffer, int start, int end)
    {
        foreach (var (s, e) in SplitTopLevel(buffer, start, end, (byte)','))
        {
            var (ts, te) = Trim(buffer, s, e);

            // "SIP/2.0/UDP" LWS sent-by *( ";" via-params )
            var p = ts;
            while (p < te && buffer[p] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                p++;
            }

            while (p < te && buffer[p] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                p++;
            }

            var semi = FindTopLevel(buffer, p, te, (byte)';');
            var sentByEnd = semi < 0 ? te : semi;
            if (p < sentByEnd && buffer[p] != '[')
            {
                var colon = IndexOf(buffer, p, sentByEnd, ":"u8);
                var (hs, he) = Trim(buffer, p, colon < 0 ? sentByEnd : colon);
                MaskHost(buffer, hs, he);
            }

            if (semi >= 0)
            {
                RedactParameters(buffer, semi, te);
            }
        }
    }

    private void RedactAuth(byte[] buffer, int start, int end)
    {
        var (s, e) = Trim(buffer, start, end);

        // The scheme (Digest) is a token followed by whitespace; then comma-separated auth-params.
        var p = s;
        while (p < e && buffer[p] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            p++;
        }

        foreach (var (ps, pe) in SplitTopLevel(buffer, p, e, (byte)','))
        {
            var eq = IndexOf(buffer, ps, pe, "="u8);
            if (eq < 0)
            {
                continue;
            }

            var name = Latin1(buffer, ps, eq).Trim();
            var (vs, ve) = Trim(buffer, eq + 1, pe);
            if (ve - vs >= 2 && buffer[vs] == '"' && buffer[ve - 1] == '"')
            {
                vs++;
                ve--;
            }

            if (vs >= ve)
            {
                continue;
            }

            if (s_authTokens.Contains(name))
            {
                tokens.MaskTokenInPlace(buffer.AsSpan(vs, ve - vs));
            }
            else if (name.Equals("username", StringComparison.OrdinalIgnoreCase))
            {
                MaskUserAtHost(buffer, vs, ve);
            }
            else if (name.Equals("realm", StringComparison.OrdinalIgnoreCase))
            {
                MaskHost(buffer, vs, ve);
            }
            else if (name.Equals("uri", StringComparison.OrdinalIgnoreCase))
            {
                MaskUri(buffer, vs, ve);
            }
        }
    }

    /// <summary>Masks a SIP/SIPS/tel URI in <c>[start, end)</c>: user part (and password), host; keeps port and parameters except maddr.</summary>
    private void MaskUri(byte[] buffer, int start, int end)
    {
        var (s, e) = Trim(buffer, start, end);
        var scheme = IndexOf(buffer, s, e, ":"u8);
        if (scheme < 0)
        {
            return;
        }

        var name = Latin1(buffer, s, scheme);
        var p = scheme + 1;
        if (name.Equals("tel", StringComparison.OrdinalIgnoreCase))
        {
            var semi = IndexOf(buffer, p, e, ";"u8);
            var numberEnd = semi < 0 ? e : semi;
            if (p < numberEnd)
            {
                tokens.MaskTokenInPlace(buffer.AsSpan(p, numberEnd - p));
            }

            return;
        }

        if (!name.Equals("sip", StringComparison.OrdinalIgnoreCase) && !name.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var hostEnd = e;
        for (var i = p; i < e; i++)
        {
            if (buffer[i] is (byte)';' or (byte)'?' or (byte)'>' or (byte)',' or (byte)'"' or (byte)' ')
            {
                hostEnd = i;
                break;
            }
        }

        var at = LastIndexOf(buffer, p, hostEnd, (byte)'@');
        if (at >= 0)
        {
            if (p < at)
            {
                tokens.MaskTokenInPlace(buffer.AsSpan(p, at - p));
            }

            p = at + 1;
        }

        if (p < hostEnd && buffer[p] != '[')
        {
            var colon = IndexOf(buffer, p, hostEnd, ":"u8);
            MaskHost(buffer, p, colon < 0 ? hostEnd : colon);
        }

        var query = IndexOf(buffer, hostEnd, e, "?"u8);
        if (hostEnd < e && buffer[hostEnd] == ';')
        {
            RedactParameters(buffer, hostEnd, query < 0 ? e : query);
        }

        if (query >= 0)
        {
            RedactUriHeaders(buffer, query + 1, e);
        }
    }

    /// <summary>URI headers (RFC 3261 §19.1.1), escaped: a Replaces value holds a Call-ID and both tags.</summary>
    private void RedactUriHeaders(byte[] buffer, int start, int end)
    {
        foreach (var (s, e) in SplitTopLevel(buffer, start, end, (byte)'&'))
        {
            var eq = IndexOf(buffer, s, e, "="u8);
            if (eq < 0 || !Latin1(buffer, s, eq).Equals("replaces", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = Latin1(buffer, eq + 1, e);
            var position = eq + 1;
            var first = true;
            foreach (var part in value.Replace("%3b", "%3B", StringComparison.Ordinal).Split("%3B"))
            {
                var at = part.IndexOf("%40", StringComparison.OrdinalIgnoreCase);
                var assign = part.IndexOf("%3D", StringComparison.OrdinalIgnoreCase);
                if (first)
                {
                    var local = at < 0 ? part.Length : at;
                    tokens.MaskTokenInPlace(buffer.AsSpan(position, local));
                    if (at >= 0)
                    {
                        MaskHost(buffer, position + at + 3, position + part.Length);
                    }
                }
                else if (assign > 0 && s_tagParameters.Contains(part[..assign]))
                {
                    tokens.MaskTokenInPlace(buffer.AsSpan(position + assign + 3, part.Length - assign - 3));
                }

                first = false;
                position += part.Length + 3;
            }
        }
    }

    /// <summary>user@host text (Call-ID, username): the user part as a token, the host as a host name.</summary>
    private void MaskUserAtHost(byte[] buffer, int start, int end)
    {
        var at = LastIndexOf(buffer, start, end, (byte)'@');
        if (at < 0)
        {
            tokens.MaskTokenInPlace(buffer.AsSpan(start, end - start));
            return;
        }

        if (start < at)
        {
            tokens.MaskTokenInPlace(buffer.AsSpan(start, at - start));
        }

        MaskHost(buffer, at + 1, end);
    }

    /// <summary>Masks a host name; address literals (already mapped) and bracketed IPv6 are left alone.</summary>
    private void MaskHost(byte[] buffer, int start, int end)
    {
        if (start >= end || buffer[start] == '[')
        {
            return;
        }

        var text = Latin1(buffer, start, end);
        if (AddressMapper.TryParseV4(text, out _) || text.Contains(':', StringComparison.Ordinal))
        {
            return;
        }

        tokens.MaskHostInPlace(buffer.AsSpan(start, end - start));
    }

    /// <summary>Finds sip:/sips: URIs in free text (unknown headers, bodies such as reginfo XML) and masks them.</summary>
    private void ScanUris(byte[] buffer, int start, int end)
    {
        for (var i = start; i + 4 <= end; i++)
        {
            if ((buffer[i] | 0x20) != 's' || (i > start && char.IsAsciiLetterOrDigit((char)buffer[i - 1])))
            {
                continue;
            }

            var rest = Latin1(buffer, i, Math.Min(end, i + 5)).ToLowerInvariant();
            if (!rest.StartsWith("sip:", StringComparison.Ordinal) && !rest.StartsWith("sips:", StringComparison.Ordinal))
            {
                continue;
            }

            var uriEnd = i;
            while (uriEnd < end && buffer[uriEnd] is not ((byte)'>' or (byte)'<' or (byte)'"' or (byte)'\'' or (byte)' ' or (byte)'\r'
                or (byte)'\n' or (byte)',' or (byte)'\t'))
            {
                uriEnd++;
            }

            MaskUri(buffer, i, uriEnd);
            i = uriEnd;
        }
    }

    /// <summary>Maps every IPv4 dotted quad and IPv6 literal in <c>[start, end)</c> to its same-length replacement.</summary>
    public void MapAddresses(byte[] buffer, int start, int end)
    {
        if (addresses is null)
        {
            return;
        }

        var i = start;
        while (i < end)
        {
            var c = buffer[i];
            var isHex = char.IsAsciiHexDigit((char)c);
            if (!isHex && c != ':')
            {
                i++;
                continue;
            }

            // A run of address characters, not glued to a preceding word.
            var runStart = i;
            while (i < end && (char.IsAsciiHexDigit((char)buffer[i]) || buffer[i] is (byte)'.' or (byte)':'))
            {
                i++;
            }

            var runEnd = i;
            if (runStart > start && (char.IsAsciiLetterOrDigit((char)buffer[runStart - 1]) || buffer[runStart - 1] is (byte)'-' or (byte)'_'))
            {
                continue;
            }

            if (runEnd < end && (char.IsAsciiLetter((char)buffer[runEnd]) || buffer[runEnd] is (byte)'-' or (byte)'_'))
            {
                continue;
            }

            MapRun(buffer, runStart, runEnd);
        }
    }

    private void MapRun(byte[] buffer, int start, int end)
    {
        var text = Latin1(buffer, start, end);
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // IPv6 (maybe followed by ":port" when unbracketed: try the whole run, then without a trailing ":digits").
            var candidate = text.Trim(':');
            var offset = text.IndexOf(candidate, StringComparison.Ordinal);
            if (candidate.Count(ch => ch == ':') >= 2 && Replace(buffer, start + offset, candidate))
            {
                return;
            }

            // IPv4 with ports or in a colon-separated list: map each dotted quad on its own.
            var p = 0;
            foreach (var part in text.Split(':'))
            {
                if (part.Length > 0 && AddressMapper.TryParseV4(part, out _))
                {
                    Replace(buffer, start + p, part);
                }

                p += part.Length + 1;
            }

            return;
        }

        // An escaped "%40" or "%3A" glued to the address ("...%40192.0.2.1"): skip the escape's two hex digits.
        if (start >= 1 && buffer[start - 1] == '%' && text.Length > 2 && !AddressMapper.TryParseV4(text, out _))
        {
            MapRun(buffer, start + 2, end);
            return;
        }

        // Dotted quads inside a longer dotted run (e.g. "1.2.3.4." at a sentence end) are left: only whole runs map.
        if (AddressMapper.TryParseV4(text, out _))
        {
            Replace(buffer, start, text);
        }
        else if (text.EndsWith('.') && AddressMapper.TryParseV4(text.TrimEnd('.'), out _))
        {
            Replace(buffer, start, text.TrimEnd('.'));
        }
    }

    private bool Replace(byte[] buffer, int start, string text)
    {
        var mapped = addresses!.MapText(text);
        if (mapped is null)
        {
            return false;
        }

        Encoding.Latin1.GetBytes(mapped, buffer.AsSpan(start, mapped.Length));
        return true;
    }

    private static bool StartsMessage(ReadOnlySpan<byte> data, int i)
    {
        var rest = data[i..];
        if (rest.StartsWith("SIP/2.0 "u8))
        {
            return true;
        }

        foreach (var method in s_methods)
        {
            if (rest.Length > method.Length && rest[method.Length] == ' ' && Encoding.ASCII.GetString(rest[..method.Length]) == method)
            {
                // A request line ends in " SIP/2.0": this keeps "Allow: INVITE ACK" and the like from looking like one.
                var line = rest[..Math.Min(rest.Length, 2048)];
                var lineEnd = line.IndexOf((byte)'\n');
                line = lineEnd < 0 ? line : line[..lineEnd];
                return line.IndexOf(" SIP/2.0"u8) > 0;
            }
        }

        return false;
    }

    private static int NextMessageStart(byte[] buffer, int from, int end)
    {
        for (var i = from; i < end; i++)
        {
            if (i + 1 < end && StartsMessage(buffer.AsSpan(0, end), i + 1))
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static List<(int Start, int End)> SplitTopLevel(byte[] buffer, int start, int end, byte separator)
    {
        var parts = new List<(int, int)>();
        var quoted = false;
        var angle = 0;
        var s = start;
        for (var i = start; i < end; i++)
        {
            var c = buffer[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '<')
            {
                angle++;
            }
            else if (!quoted && c == '>')
            {
                angle = Math.Max(0, angle - 1);
            }
            else if (!quoted && angle == 0 && c == separator)
            {
                parts.Add((s, i));
                s = i + 1;
            }
        }

        parts.Add((s, end));
        return parts;
    }

    private static int FindTopLevel(byte[] buffer, int start, int end, byte wanted)
    {
        var quoted = false;
        for (var i = start; i < end; i++)
        {
            var c = buffer[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static (int Start, int End) Trim(byte[] buffer, int start, int end)
    {
        while (start < end && buffer[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && buffer[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return (start, end);
    }

    private static int IndexOf(byte[] buffer, int start, int end, ReadOnlySpan<byte> value)
    {
        if (start >= end)
        {
            return -1;
        }

        var i = buffer.AsSpan(start, end - start).IndexOf(value);
        return i < 0 ? -1 : start + i;
    }

    private static int LastIndexOf(byte[] buffer, int start, int end, byte value)
    {
        if (start >= end)
        {
            return -1;
        }

        var i = buffer.AsSpan(start, end - start).LastIndexOf(value);
        return i < 0 ? -1 : start + i;
    }

    private static string Latin1(byte[] buffer, int start, int end) => start >= end ? "" : Encoding.Latin1.GetString(buffer, start, end - start);
}
