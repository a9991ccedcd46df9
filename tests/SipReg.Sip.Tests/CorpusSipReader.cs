using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using SipReg.Pcap;

namespace SipReg.Sip.Tests;

/// <summary>
/// Reads a corpus capture through SipReg.Pcap and turns every SIP message into a JSON object shaped like the
/// corpus truth files (tshark's reading), so both can be compared field by field.
/// </summary>
internal static class CorpusSipReader
{
    public sealed record Observed(long Frame, int IndexInFrame, JsonObject Fields, string Transport);

    public static async Task<(List<Observed> Messages, Dictionary<SipKeepAliveKind, int> KeepAlives)> ReadAsync(string capturePath)
    {
        var messages = new List<Observed>();
        var keepAlives = new Dictionary<SipKeepAliveKind, int>();
        var streams = new Dictionary<(long, bool), List<byte>>();
        var message = new SipMessage();
        await using var reader = CaptureReader.Open(capturePath);
        using var decoder = new PacketDecoder();
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out var packet))
            {
                decoder.Decode(packet);
                Drain(decoder, message, streams, messages, keepAlives);
            }
        }

        decoder.Complete();
        Drain(decoder, message, streams, messages, keepAlives);
        return (messages, keepAlives);
    }

    private static void Drain(PacketDecoder decoder, SipMessage message, Dictionary<(long, bool), List<byte>> streams, List<Observed> messages, Dictionary<SipKeepAliveKind, int> keepAlives)
    {
        while (decoder.TryReadPayload(out var payload))
        {
            if (payload.Kind == TransportPayloadKind.IcmpError)
            {
                // tshark also dissects the SIP message quoted inside an ICMP error; the truth has it without transport.
                if (message.Parse(payload.Data, SipTransportKind.Datagram))
                {
                    messages.Add(new Observed(payload.FrameNumber, 0, ToTruthShape(message), "ICMP"));
                }
            }
            else if (payload.Kind == TransportPayloadKind.Datagram)
            {
                var kind = SipKeepAlive.Classify(payload.Data);
                if (kind != SipKeepAliveKind.None)
                {
                    keepAlives[kind] = keepAlives.GetValueOrDefault(kind) + 1;
                }
                else if (message.Parse(payload.Data, SipTransportKind.Datagram))
                {
                    messages.Add(new Observed(payload.FrameNumber, 0, ToTruthShape(message), "UDP"));
                }
            }
            else if (payload.Kind == TransportPayloadKind.StreamData)
            {
                var key = (payload.StreamIndex, payload.IsFromClient);
                if (!streams.TryGetValue(key, out var buffer))
                {
                    streams[key] = buffer = [];
                }

                if (payload.GapBefore > 0)
                {
                    // Bytes were never captured: a partial message before the gap can never complete.
                    buffer.Clear();
                }

                buffer.AddRange(payload.Data);
                var bytes = buffer.ToArray();
                var consumed = 0;
                var index = 0;
                while (consumed < bytes.Length)
                {
                    var frame = SipStreamFramer.Scan(new ReadOnlySequence<byte>(bytes, consumed, bytes.Length - consumed), false, default);
                    if (frame.Status == SipFrameStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (frame.Status == SipFrameStatus.KeepAlive)
                    {
                        keepAlives[frame.KeepAlive] = keepAlives.GetValueOrDefault(frame.KeepAlive) + 1;
                    }
                    else if (frame.Status == SipFrameStatus.Message && message.Parse(bytes.AsSpan(consumed, frame.Length), SipTransportKind.Stream))
                    {
                        messages.Add(new Observed(payload.FrameNumber, index++, ToTruthShape(message), "TCP"));
                    }

                    consumed += frame.Length;
                }

                buffer.RemoveRange(0, consumed);
            }
        }
    }

    private static string S(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    private static JsonNode? NullIfEmpty(ReadOnlySpan<byte> s) => s.IsEmpty ? null : JsonValue.Create(S(s));

    /// <summary>The fields of a truth record, read with SipReg.Sip.</summary>
    public static JsonObject ToTruthShape(SipMessage m)
    {
        var o = new JsonObject { ["kind"] = m.IsRequest ? "request" : "response" };
        if (m.IsRequest)
        {
            o["method"] = S(m.Method);
            o["request_uri"] = S(m.RequestUri);
        }
        else
        {
            o["status"] = m.StatusCode;
        }

        o["call_id"] = S(m.CallId);
        if (m.TryGetCSeq(out var cseq))
        {
            o["cseq"] = cseq.Number;
            o["cseq_method"] = S(cseq.Method);
        }

        if (m.TryGetFrom(out var from))
        {
            o["from_uri"] = S(from.Uri);
            o["from_tag"] = NullIfEmpty(from.Tag);
        }

        if (m.TryGetTo(out var to))
        {
            o["to_uri"] = S(to.Uri);
            o["to_tag"] = NullIfEmpty(to.Tag);
        }

        var branches = new JsonArray();
        foreach (var via in m.Vias)
        {
            branches.Add(S(via.Branch));
        }

        o["via_branch"] = branches;
        o["contact_headers_raw"] = RawFields(m, SipHeaderName.Contact);
        var contacts = new JsonArray();
        foreach (var c in m.Contacts)
        {
            var parameters = new JsonObject();
            foreach (var p in c.Address.EnumerateParameters())
            {
                parameters[S(p.Name)] = S(p.Value);
            }

            contacts.Add(new JsonObject
            {
                ["uri"] = c.IsStar ? "*" : S(c.Uri),
                ["params"] = parameters,
                ["expires"] = c.TryGetExpires(out var e) ? e : null,
                ["q"] = NullIfEmpty(c.Q),
            });
        }

        o["contacts"] = contacts;
        o["expires"] = m.TryGetExpires(out var expires) ? expires : null;
        // tshark reports Min-Expires as text.
        o["min_expires"] = m.TryGetMinExpires(out var min) ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        o["retry_after"] = m.TryGetHeader(SipHeaderName.RetryAfter, out var ra) ? S(ra) : null;
        o["path"] = RawFields(m, SipHeaderName.Path);
        o["service_route"] = RawFields(m, SipHeaderName.ServiceRoute);
        o["route"] = RawFields(m, SipHeaderName.Route);
        o["supported"] = RawFields(m, SipHeaderName.Supported);
        o["require"] = RawFields(m, SipHeaderName.Require);
        o["authentication_info"] = RawFields(m, SipHeaderName.AuthenticationInfo);
        o["authorization"] = RawFields(m, SipHeaderName.Authorization);
        o["proxy_authorization"] = RawFields(m, SipHeaderName.ProxyAuthorization);
        var www = new JsonArray();
        var proxy = new JsonArray();
        foreach (var ch in m.Challenges)
        {
            var entry = new JsonObject
            {
                ["realm"] = NullIfEmpty(ch.Realm),
                ["nonce"] = NullIfEmpty(ch.Nonce),
                ["qop"] = NullIfEmpty(ch.Qop),
                ["stale"] = NullIfEmpty(ch.Stale),
            };
            (ch.Header == SipHeaderName.WwwAuthenticate ? www : proxy).Add(entry);
        }

        o["www_authenticate"] = www;
        o["proxy_authenticate"] = proxy;
        var nextnonce = new JsonArray();
        foreach (var v in m.GetValues(SipHeaderName.AuthenticationInfo))
        {
            if (SipAuthenticationInfo.TryParse(v, out var info) && !info.NextNonce.IsEmpty)
            {
                nextnonce.Add(S(info.NextNonce));
            }
        }

        o["nextnonce"] = nextnonce;
        return o;
    }

    private static JsonArray RawFields(SipMessage m, SipHeaderName header)
    {
        var a = new JsonArray();
        for (var i = 0; i < m.HeaderCount; i++)
        {
            var h = m.GetHeader(i);
            if (h.Header == header)
            {
                a.Add(S(h.Value));
            }
        }

        return a;
    }
}
