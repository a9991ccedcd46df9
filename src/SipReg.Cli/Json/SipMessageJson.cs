using System.Text.Json;
using SipReg.Sip;

namespace SipReg.Cli.Json;

/// <summary>
/// Writes one SIP message (or keep-alive) as one JSON object, the stable contract of <c>sipreg messages --format jsonl</c>:
/// <c>frame, time, src, dst, transport, kind, method, requestUri, status, reason, callId, cseq{seq,method},
/// from/to{uri,tag,displayName}, via[{transport,sentBy,branch,received,rport}],
/// contacts[{uri,expires,q,instance,regId,ob,pubGruu,tempGruu}], contactStar, expires, minExpires, path[], serviceRoute[],
/// route[], supported[], require[], challenge{header,scheme,realm,nonce,algorithm,qop,stale,opaque},
/// authorization{header,username,realm,nonce,uri,response,algorithm,cnonce,nc,qop},
/// authenticationInfo{nextnonce,qop,rspauth,cnonce,nc}, retryAfter, userAgent, server, diagnostics[]</c>.
/// A key is absent when the message has no such thing; numbers are JSON numbers.
/// </summary>
internal static class SipMessageJson
{
    /// <summary>Writes a parsed message with its transport context.</summary>
    /// <param name="writer">The JSON writer (one object is written).</param>
    /// <param name="message">The parsed message; for a message without start line only the context and diagnostics are written.</param>
    /// <param name="frame">1-based frame number.</param>
    /// <param name="time">Capture time as printed by reports (epoch seconds with 9 fractional digits).</param>
    /// <param name="src">Source endpoint (<c>ip:port</c>, IPv6 as <c>[addr]:port</c>).</param>
    /// <param name="dst">Destination endpoint.</param>
    /// <param name="transport"><c>udp</c> or <c>tcp</c>.</param>
    public static void Write(Utf8JsonWriter writer, SipMessage message, long frame, string time, string src, string dst, string transport)
    {
        writer.WriteStartObject();
        WriteContext(writer, frame, time, src, dst, transport);
        if (message.IsRequest)
        {
            writer.WriteString("kind", "request");
            writer.WriteString("method", message.Method);
            writer.WriteString("requestUri", message.RequestUri);
        }
        else if (message.IsResponse)
        {
            writer.WriteString("kind", "response");
            writer.WriteNumber("status", message.StatusCode);
            writer.WriteString("reason", message.ReasonPhrase);
        }

        if (message.TryGetHeader(SipHeaderName.CallId, out var callId))
        {
            writer.WriteString("callId", callId);
        }

        if (message.TryGetCSeq(out var cseq))
        {
            writer.WriteStartObject("cseq");
            writer.WriteNumber("seq", cseq.Number);
            writer.WriteString("method", cseq.Method);
            writer.WriteEndObject();
        }

        if (message.TryGetFrom(out var from))
        {
            WriteAddress(writer, "from", from);
        }

        if (message.TryGetTo(out var to))
        {
            WriteAddress(writer, "to", to);
        }

        WriteVias(writer, message);
        WriteContacts(writer, message);
        if (message.TryGetExpires(out var expires))
        {
            writer.WriteNumber("expires", expires);
        }

        if (message.TryGetMinExpires(out var minExpires))
        {
            writer.WriteNumber("minExpires", minExpires);
        }

        WriteUris(writer, "path", message.Path);
        WriteUris(writer, "serviceRoute", message.ServiceRoute);
        WriteUris(writer, "route", message.Route);
        WriteTags(writer, "supported", message.GetOptionTags(SipHeaderName.Supported));
        WriteTags(writer, "require", message.GetOptionTags(SipHeaderName.Require));
        WriteChallenge(writer, message);
        WriteCredentials(writer, message);
        if (message.TryGetAuthenticationInfo(out var info))
        {
            writer.WriteStartObject("authenticationInfo");
            Optional(writer, "nextnonce", info.NextNonce);
            Optional(writer, "qop", info.Qop);
            Optional(writer, "rspauth", info.RspAuth);
            Optional(writer, "cnonce", info.CNonce);
            Optional(writer, "nc", info.NonceCount);
            writer.WriteEndObject();
        }

        if (message.TryGetRetryAfter(out var retryAfter))
        {
            writer.WriteNumber("retryAfter", retryAfter.DeltaSeconds);
        }

        Optional(writer, "userAgent", message.UserAgent);
        Optional(writer, "server", message.Server);
        var diagnostics = message.Diagnostics;
        if (!diagnostics.IsEmpty)
        {
            writer.WriteStartArray("diagnostics");
            foreach (var d in diagnostics)
            {
                writer.WriteStringValue(d.ToString());
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a keep-alive (<c>kind: keepalive</c>, <c>keepalive: ping|pong|stun</c>) with its transport context.</summary>
    /// <param name="writer">The JSON writer (one object is written).</param>
    /// <param name="keepAlive">The kind of keep-alive.</param>
    /// <param name="frame">1-based frame number.</param>
    /// <param name="time">Capture time (epoch seconds with 9 fractional digits).</param>
    /// <param name="src">Source endpoint.</param>
    /// <param name="dst">Destination endpoint.</param>
    /// <param name="transport"><c>udp</c> or <c>tcp</c>.</param>
    public static void WriteKeepAlive(Utf8JsonWriter writer, SipKeepAliveKind keepAlive, long frame, string time, string src, string dst, string transport)
    {
        writer.WriteStartObject();
        WriteContext(writer, frame, time, src, dst, transport);
        writer.WriteString("kind", "keepalive");
        writer.WriteString("keepalive", keepAlive switch
        {
            SipKeepAliveKind.Ping => "ping",
            SipKeepAliveKind.Pong => "pong",
            SipKeepAliveKind.Stun => "stun",
            _ => "none",
        });
        writer.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter writer, long frame, string time, string src, string dst, string transport)
    {
        writer.WriteNumber("frame", frame);
        writer.WriteString("time", time);
        writer.WriteString("src", src);
        writer.WriteString("dst", dst);
        writer.WriteString("transport", transport);
    }

    private static void Optional(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteAddress(Utf8JsonWriter writer, string name, SipNameAddress address)
    {
        writer.WriteStartObject(name);
        writer.WriteString("uri", address.Uri);
        Optional(writer, "tag", address.Tag);
        if (!address.DisplayName.IsEmpty)
        {
            writer.WriteString("displayName", address.IsDisplayNameQuoted ? SipText.GetUnescapedString(address.DisplayName) : SipText.GetString(address.DisplayName));
        }

        writer.WriteEndObject();
    }

    private static void WriteVias(Utf8JsonWriter writer, SipMessage message)
    {
        var started = false;
        foreach (var via in message.Vias)
        {
            if (!started)
            {
                writer.WriteStartArray("via");
                started = true;
            }

            writer.WriteStartObject();
            writer.WriteString("transport", via.Transport);
            writer.WriteString("sentBy", via.SentBy);
            Optional(writer, "branch", via.Branch);
            Optional(writer, "received", via.Received);
            if (via.RPort >= 0)
            {
                writer.WriteNumber("rport", via.RPort);
            }

            writer.WriteEndObject();
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static void WriteContacts(Utf8JsonWriter writer, SipMessage message)
    {
        var started = false;
        var star = false;
        foreach (var contact in message.Contacts)
        {
            if (contact.IsStar)
            {
                star = true;
                continue;
            }

            if (!started)
            {
                writer.WriteStartArray("contacts");
                started = true;
            }

            writer.WriteStartObject();
            var uri = contact.Address.TryGetUri(out var parsed) ? parsed.WithoutHeaders : contact.Uri;
            writer.WriteString("uri", uri);
            if (contact.TryGetExpires(out var expires))
            {
                writer.WriteNumber("expires", expires);
            }

            if (contact.TryGetQ(out var q))
            {
                writer.WriteNumber("q", q / 1000m);
            }

            Optional(writer, "instance", contact.InstanceId);
            if (contact.TryGetRegId(out var regId))
            {
                writer.WriteNumber("regId", regId);
            }

            if (contact.Address.TryGetUri(out var contactUri) && contactUri.HasOb)
            {
                writer.WriteBoolean("ob", true);
            }

            Optional(writer, "pubGruu", contact.PubGruu);
            Optional(writer, "tempGruu", contact.TempGruu);
            writer.WriteEndObject();
        }

        if (started)
        {
            writer.WriteEndArray();
        }

        if (star)
        {
            writer.WriteBoolean("contactStar", true);
        }
    }

    private static void WriteUris(Utf8JsonWriter writer, string name, SipNameAddressEnumerator addresses)
    {
        var started = false;
        foreach (var address in addresses)
        {
            if (!started)
            {
                writer.WriteStartArray(name);
                started = true;
            }

            writer.WriteStringValue(address.Uri);
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static void WriteTags(Utf8JsonWriter writer, string name, SipHeaderValueEnumerator tags)
    {
        var started = false;
        foreach (var tag in tags)
        {
            if (!started)
            {
                writer.WriteStartArray(name);
                started = true;
            }

            writer.WriteStringValue(tag);
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static void WriteChallenge(Utf8JsonWriter writer, SipMessage message)
    {
        foreach (var challenge in message.Challenges)
        {
            writer.WriteStartObject("challenge");
            writer.WriteString("header", challenge.Header == SipHeaderName.ProxyAuthenticate ? "Proxy-Authenticate" : "WWW-Authenticate");
            writer.WriteString("scheme", challenge.Scheme);
            Optional(writer, "realm", challenge.Realm);
            Optional(writer, "nonce", challenge.Nonce);
            Optional(writer, "algorithm", challenge.Algorithm);
            Optional(writer, "qop", challenge.Qop);
            if (!challenge.Stale.IsEmpty)
            {
                writer.WriteBoolean("stale", challenge.IsStale);
            }

            Optional(writer, "opaque", challenge.Opaque);
            writer.WriteEndObject();
            return;
        }
    }

    private static void WriteCredentials(Utf8JsonWriter writer, SipMessage message)
    {
        foreach (var credentials in message.Credentials)
        {
            writer.WriteStartObject("authorization");
            writer.WriteString("header", credentials.Header == SipHeaderName.ProxyAuthorization ? "Proxy-Authorization" : "Authorization");
            Optional(writer, "username", credentials.Username);
            Optional(writer, "realm", credentials.Realm);
            Optional(writer, "nonce", credentials.Nonce);
            Optional(writer, "uri", credentials.Uri);
            Optional(writer, "response", credentials.Response);
            Optional(writer, "algorithm", credentials.Algorithm);
            Optional(writer, "cnonce", credentials.CNonce);
            Optional(writer, "nc", credentials.NonceCount);
            Optional(writer, "qop", credentials.Qop);
            writer.WriteEndObject();
            return;
        }
    }
}
