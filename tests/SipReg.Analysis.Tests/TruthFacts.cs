using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SipReg.Analysis.Facts;
using SipReg.Testing;

namespace SipReg.Analysis.Tests;

/// <summary>
/// Turns the corpus's tshark truth (<c>live/truth/*.jsonl</c>) into facts: an independent reading of each live
/// capture that exercises the whole model on real flows while the byte-level pipeline is being written.
/// </summary>
internal static partial class TruthFacts
{
    private static readonly string[] s_rcodes = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];

    public static List<CaptureFact> Read(string truthRelative)
    {
        var facts = new List<CaptureFact>();
        foreach (var line in File.ReadLines(Corpus.PathOf(truthRelative)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var fact = Convert(doc.RootElement);
            if (fact is not null)
            {
                facts.Add(fact);
            }
        }

        return facts;
    }

    private static CaptureFact? Convert(JsonElement e)
    {
        var frame = e.GetProperty("frame").GetInt64();
        var time = ParseTime(e.GetProperty("time_epoch").GetString()!);
        var src = Str(e, "src") ?? "";
        var dst = Str(e, "dst") ?? "";
        var transport = Str(e, "transport")?.ToLowerInvariant();
        var proto = Str(e, "proto");

        // No transport: tshark read a message quoted inside an ICMP unreachable.
        if (transport is null)
        {
            var quotesRegister = proto == "SIP" && Str(e, "method") == "REGISTER";
            return new IcmpUnreachableFact
            {
                FrameNumber = frame,
                TimeNs = time,
                Source = src,
                Destination = dst,
                QuotedSource = dst,
                QuotedDestination = src,
                Type = 3,
                Code = 3,
                QuotesSipRegister = quotesRegister,
                CallId = quotesRegister ? Str(e, "call_id") : null,
                CSeq = quotesRegister ? Long(e, "cseq") : null,
                Branch = quotesRegister ? First(e, "via_branch") : null,
            };
        }

        var source = Endpoint(src, e.GetProperty("sport").GetInt32());
        var destination = Endpoint(dst, e.GetProperty("dport").GetInt32());
        if (proto == "DNS")
        {
            return Dns(e, frame, time, source, destination, transport);
        }

        var isRequest = Str(e, "kind") == "request";
        var contacts = new List<SipContactFact>();
        var star = false;
        foreach (var c in e.GetProperty("contacts").EnumerateArray())
        {
            var uri = Str(c, "uri") ?? "";
            if (uri == "*")
            {
                star = true;
                continue;
            }

            var p = c.GetProperty("params");
            contacts.Add(new SipContactFact
            {
                Uri = uri,
                Host = UriHost(uri),
                Expires = Long(c, "expires"),
                Q = Str(c, "q"),
                InstanceId = Str(p, "+sip.instance"),
                RegId = Str(p, "reg-id"),
                Ob = uri.Contains(";ob", StringComparison.Ordinal),
                PubGruu = Str(p, "pub-gruu"),
                TempGruu = Str(p, "temp-gruu"),
            });
        }

        SipChallengeFact? challenge = null;
        foreach (var (name, header) in new[] { ("www_authenticate", "WWW-Authenticate"), ("proxy_authenticate", "Proxy-Authenticate") })
        {
            foreach (var ch in e.GetProperty(name).EnumerateArray())
            {
                challenge ??= new SipChallengeFact
                {
                    Header = header,
                    Realm = Str(ch, "realm"),
                    Nonce = Str(ch, "nonce"),
                    Qop = Str(ch, "qop"),
                    Stale = string.Equals(Str(ch, "stale"), "true", StringComparison.OrdinalIgnoreCase),
                };
            }
        }

        SipAuthorizationFact? authorization = null;
        foreach (var (name, header) in new[] { ("authorization", "Authorization"), ("proxy_authorization", "Proxy-Authorization") })
        {
            foreach (var a in e.GetProperty(name).EnumerateArray())
            {
                authorization ??= ParseAuthorization(a.GetString() ?? "", header);
            }
        }

        var vias = e.GetProperty("via_branch");
        return new SipMessageFact
        {
            FrameNumber = frame,
            TimeNs = time,
            Source = source,
            Destination = destination,
            Transport = transport,
            IsRequest = isRequest,
            SourceIsPrivate = IsPrivate(src),
            Method = Str(e, "method"),
            RequestUri = Str(e, "request_uri"),
            StatusCode = (int?)Long(e, "status"),
            Reason = Reason(Str(e, "status_line")),
            CallId = Str(e, "call_id") ?? "",
            CSeq = Long(e, "cseq"),
            CSeqMethod = Str(e, "cseq_method") ?? "",
            FromUri = Str(e, "from_uri"),
            FromTag = Str(e, "from_tag"),
            ToUri = Str(e, "to_uri"),
            ToTag = Str(e, "to_tag"),
            ViaBranch = First(e, "via_branch"),

            // tshark's truth has no sent-by: the request's source (and the response's destination) stands in for it.
            ViaSentBy = isRequest ? source : destination,
            ViaCount = vias.GetArrayLength(),
            Contacts = contacts,
            ContactStar = star,
            Expires = Long(e, "expires"),
            MinExpires = Long(e, "min_expires"),
            RetryAfter = Long(e, "retry_after"),
            Path = Strings(e, "path", split: false),
            ServiceRoute = Strings(e, "service_route", split: false),
            Route = Strings(e, "route", split: false),
            Supported = Strings(e, "supported", split: true),
            Require = Strings(e, "require", split: true),
            Challenge = challenge,
            Authorization = authorization,
            NextNonce = First(e, "nextnonce"),
        };
    }

    private static DnsFact Dns(JsonElement e, long frame, long time, string source, string destination, string transport)
    {
        var q = e.GetProperty("questions").EnumerateArray().FirstOrDefault();
        var answers = new List<DnsAnswerFact>();
        foreach (var r in e.GetProperty("records").EnumerateArray())
        {
            if (Str(r, "section") == "answer")
            {
                var data = string.Join(" ", r.EnumerateObject().Where(p => p.Name is not ("section" or "name" or "type" or "ttl")).Select(p => p.Value.ToString()));
                answers.Add(new DnsAnswerFact(Str(r, "type") ?? "", data));
            }
        }

        var rcode = Long(e, "rcode");
        var name = q.ValueKind == JsonValueKind.Object ? Str(q, "name") ?? "" : "";
        var type = q.ValueKind == JsonValueKind.Object ? Str(q, "type") ?? "" : "";
        return new DnsFact
        {
            FrameNumber = frame,
            TimeNs = time,
            Source = source,
            Destination = destination,
            Transport = transport,
            Id = (int)(Long(e, "id") ?? 0),
            IsResponse = e.GetProperty("is_response").GetBoolean(),
            Rcode = rcode is { } rc ? rc < s_rcodes.Length ? s_rcodes[rc] : "RCODE" + rc : null,
            QuestionName = name,
            QuestionType = type,
            AnswerCount = (int)(Long(e, "answer_count") ?? 0),
            Answers = answers,

            // Every DNS message of the live corpus is part of locating a SIP server (NAPTR, _sip SRV, the targets' A/AAAA).
            SipRelated = name.StartsWith("_sip", StringComparison.OrdinalIgnoreCase) || type is "NAPTR" or "SRV" or "A" or "AAAA",
        };
    }

    private static SipAuthorizationFact ParseAuthorization(string raw, string header)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AuthParam().Matches(raw))
        {
            values[m.Groups[1].Value] = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
        }

        return new SipAuthorizationFact
        {
            Header = header,
            Username = values.GetValueOrDefault("username"),
            Realm = values.GetValueOrDefault("realm"),
            Nonce = values.GetValueOrDefault("nonce"),
            NonceCount = values.TryGetValue("nc", out var nc) ? long.Parse(nc, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null,
            CNonce = values.GetValueOrDefault("cnonce"),
            Response = values.GetValueOrDefault("response"),
            Uri = values.GetValueOrDefault("uri"),
        };
    }

    [GeneratedRegex("([A-Za-z-]+)\\s*=\\s*(?:\"([^\"]*)\"|([^\\s,]+))")]
    private static partial Regex AuthParam();

    private static string? Reason(string? statusLine)
    {
        // "SIP/2.0 403 Forbidden" -> "Forbidden"
        var parts = statusLine?.Split(' ', 3);
        return parts is { Length: 3 } ? parts[2] : null;
    }

    private static long ParseTime(string epoch)
    {
        var dot = epoch.IndexOf('.', StringComparison.Ordinal);
        var seconds = long.Parse(dot < 0 ? epoch : epoch[..dot], CultureInfo.InvariantCulture);
        var fraction = dot < 0 ? "0" : epoch[(dot + 1)..].PadRight(9, '0')[..9];
        return (seconds * 1_000_000_000L) + long.Parse(fraction, CultureInfo.InvariantCulture);
    }

    private static string Endpoint(string ip, int port) => ip.Contains(':', StringComparison.Ordinal) ? "[" + ip + "]:" + port : ip + ":" + port;

    private static bool IsPrivate(string ip)
    {
        if (!IPAddress.TryParse(ip, out var a))
        {
            return false;
        }

        var b = a.GetAddressBytes();
        return b.Length == 4 ? b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) : (b[0] & 0xFE) == 0xFC;
    }

    private static string? UriHost(string uri)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var rest = at >= 0 ? uri[(at + 1)..] : uri[(uri.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (rest.StartsWith('['))
        {
            return rest[1..rest.IndexOf(']', StringComparison.Ordinal)];
        }

        var end = rest.IndexOfAny([':', ';', '>']);
        return end >= 0 ? rest[..end] : rest;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            _ => null,
        } : null;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt64(),
            JsonValueKind.String when long.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var l) => l,
            _ => null,
        } : null;

    private static string? First(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 ? v[0].GetString() : null;

    private static List<string> Strings(JsonElement e, string name, bool split)
    {
        var list = new List<string>();
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray())
            {
                var s = item.GetString() ?? "";
                if (split)
                {
                    list.AddRange(s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                else
                {
                    list.Add(s);
                }
            }
        }

        return list;
    }
}
