using System.Globalization;
using SipReg.Analysis.Facts;
using SipReg.Sip;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Reads the registration-relevant parts of a parsed SIP message into a <see cref="SipMessageFact"/>: the only place
/// where the analysis touches SipReg.Sip's API.
/// </summary>
public static class SipFactReader
{
    /// <summary>Reads a fact from a parsed message.</summary>
    /// <param name="message">The parsed message (<see cref="SipMessage.Parse(ReadOnlySpan{byte}, SipTransportKind)"/> returned true).</param>
    /// <param name="context">The message as found in the capture (frame, time, endpoints, transport).</param>
    /// <returns>The fact.</returns>
    public static SipMessageFact Read(SipMessage message, in CaptureMessage context) => Read(message, context, null);

    /// <summary>Reads a fact, sharing the strings of endpoints and repeated header texts through <paramref name="cache"/>.</summary>
    /// <remarks>Texts unique to one transaction (branch, nonce, response digest) are not looked up: they would only churn the cache.</remarks>
    internal static SipMessageFact Read(SipMessage message, in CaptureMessage context, FactTextCache? cache)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? viaBranch = null, viaSentBy = null, viaReceived = null;
        int? viaRport = null;
        var viaCount = 0;
        foreach (var via in message.Vias)
        {
            if (viaCount++ == 0)
            {
                viaBranch = TextOrNull(via.Branch);
                viaSentBy = Shared(via.SentBy, cache);
                viaReceived = Shared(via.Received, cache);
                viaRport = via.HasRPort && via.RPort > 0 ? via.RPort : null;
            }
        }

        List<SipContactFact>? contacts = null;
        var contactStar = false;
        foreach (var contact in message.Contacts)
        {
            if (contact.IsStar)
            {
                contactStar = true;
                continue;
            }

            (contacts ??= []).Add(ReadContact(contact, cache));
        }

        SipChallengeFact? challenge = null;
        foreach (var c in message.Challenges)
        {
            challenge = new SipChallengeFact
            {
                Header = HeaderText(c.Header),
                Realm = Shared(c.Realm, cache),
                Nonce = TextOrNull(c.Nonce),
                Stale = c.IsStale,
                Algorithm = Shared(c.Algorithm, cache),
                Qop = Shared(c.Qop, cache),
            };
            break;
        }

        SipAuthorizationFact? authorization = null;
        foreach (var credentials in message.Credentials)
        {
            authorization = new SipAuthorizationFact
            {
                Header = HeaderText(credentials.Header),
                Username = Shared(credentials.Username, cache),
                Realm = Shared(credentials.Realm, cache),
                Nonce = TextOrNull(credentials.Nonce),
                NonceCount = long.TryParse(credentials.NonceCount, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nc) ? nc : null,
                CNonce = TextOrNull(credentials.CNonce),
                Response = TextOrNull(credentials.Response),
                Uri = Shared(credentials.Uri, cache),
            };
            break;
        }

        string? fromUri = null, fromTag = null, toUri = null, toTag = null;
        if (message.TryGetFrom(out var from))
        {
            fromUri = Shared(from.Uri, cache);
            fromTag = Shared(from.Tag, cache);
        }

        if (message.TryGetTo(out var to))
        {
            toUri = Shared(to.Uri, cache);
            toTag = Shared(to.Tag, cache);
        }

        long? cseq = null;
        var cseqMethod = "";
        if (message.TryGetCSeq(out var cs))
        {
            cseq = cs.Number;
            cseqMethod = Text(cs.Method, cache);
        }

        return new SipMessageFact
        {
            FrameNumber = context.FrameNumber,
            TimeNs = context.TimestampNanoseconds,
            HasTime = context.HasTimestamp,
            Source = cache?.Endpoint(context.Source) ?? context.Source.ToString(),
            Destination = cache?.Endpoint(context.Destination) ?? context.Destination.ToString(),
            Transport = context.Protocol == Pcap.TransportProtocol.Tcp ? "tcp" : "udp",
            SourceIsPrivate = context.Source.Address.IsPrivate,
            Length = context.Data.Length,
            IsRequest = message.IsRequest,
            Method = message.IsRequest ? Text(message.Method, cache) : null,
            RequestUri = message.IsRequest ? Text(message.RequestUri, cache) : null,
            StatusCode = message.IsResponse ? message.StatusCode : null,
            Reason = message.IsResponse ? Text(message.ReasonPhrase, cache) : null,
            CallId = Text(message.CallId, cache),
            CSeq = cseq,
            CSeqMethod = cseqMethod,
            FromUri = fromUri,
            FromTag = fromTag,
            ToUri = toUri,
            ToTag = toTag,
            ViaBranch = viaBranch,
            ViaSentBy = viaSentBy,
            ViaReceived = viaReceived,
            ViaRport = viaRport,
            ViaCount = Math.Max(1, viaCount),
            Contacts = (IReadOnlyList<SipContactFact>?)contacts ?? [],
            ContactStar = contactStar,
            Expires = message.TryGetExpires(out var expires) ? expires : null,
            MinExpires = message.TryGetMinExpires(out var minExpires) ? minExpires : null,
            Path = Uris(message.Path, cache),
            ServiceRoute = Uris(message.ServiceRoute, cache),
            Route = Uris(message.Route, cache),
            Supported = Tags(message.GetOptionTags(SipHeaderName.Supported), cache),
            Require = Tags(message.GetOptionTags(SipHeaderName.Require), cache),
            Challenge = challenge,
            Authorization = authorization,
            NextNonce = message.TryGetAuthenticationInfo(out var info) ? TextOrNull(info.NextNonce) : null,
            RetryAfter = message.TryGetRetryAfter(out var retryAfter) ? retryAfter.DeltaSeconds : null,
            UserAgent = Shared(message.UserAgent, cache),
            Server = Shared(message.Server, cache),
        };
    }

    private static SipContactFact ReadContact(SipContact contact, FactTextCache? cache)
    {
        string? host = null;
        int? port = null;
        var ob = false;
        if (contact.Address.TryGetUri(out var uri))
        {
            host = Shared(uri.Host, cache);
            port = uri.Port > 0 ? uri.Port : null;
            ob = uri.HasOb;
        }

        return new SipContactFact
        {
            Uri = Text(contact.Uri, cache),
            Host = host,
            Port = port,
            Expires = contact.TryGetExpires(out var seconds) ? seconds : null,
            Q = Shared(contact.Q, cache),
            InstanceId = Shared(contact.InstanceId, cache),
            RegId = contact.TryGetRegId(out var regId) ? regId.ToString(CultureInfo.InvariantCulture) : null,
            Ob = ob,
            PubGruu = TextOrNull(contact.PubGruu),
            TempGruu = TextOrNull(contact.TempGruu),
        };
    }

    /// <summary>The URIs, or a shared empty list when there are none (most messages carry no Path or Route).</summary>
    private static IReadOnlyList<string> Uris(SipNameAddressEnumerator addresses, FactTextCache? cache)
    {
        List<string>? list = null;
        foreach (var address in addresses)
        {
            (list ??= []).Add(Text(address.Uri, cache));
        }

        return (IReadOnlyList<string>?)list ?? [];
    }

    private static IReadOnlyList<string> Tags(SipHeaderValueEnumerator tags, FactTextCache? cache)
    {
        List<string>? list = null;
        foreach (var tag in tags)
        {
            if (!tag.IsEmpty)
            {
                (list ??= []).Add(Text(tag, cache));
            }
        }

        return (IReadOnlyList<string>?)list ?? [];
    }

    private static string HeaderText(SipHeaderName header) => header switch
    {
        SipHeaderName.ProxyAuthenticate => "Proxy-Authenticate",
        SipHeaderName.WwwAuthenticate => "WWW-Authenticate",
        SipHeaderName.ProxyAuthorization => "Proxy-Authorization",
        _ => "Authorization",
    };

    private static string? TextOrNull(ReadOnlySpan<byte> value) => value.IsEmpty ? null : SipText.GetString(value);

    private static string Text(ReadOnlySpan<byte> value, FactTextCache? cache) => cache?.Text(value) ?? SipText.GetString(value);

    private static string? Shared(ReadOnlySpan<byte> value, FactTextCache? cache) => value.IsEmpty ? null : Text(value, cache);
}
