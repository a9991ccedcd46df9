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
    public static SipMessageFact Read(SipMessage message, in CaptureMessage context)
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
                viaSentBy = TextOrNull(via.SentBy);
                viaReceived = TextOrNull(via.Received);
                viaRport = via.HasRPort && via.RPort > 0 ? via.RPort : null;
            }
        }

        var contacts = new List<SipContactFact>();
        var contactStar = false;
        foreach (var contact in message.Contacts)
        {
            if (contact.IsStar)
            {
                contactStar = true;
                continue;
            }

            contacts.Add(ReadContact(contact));
        }

        SipChallengeFact? challenge = null;
        foreach (var c in message.Challenges)
        {
            challenge = new SipChallengeFact
            {
                Header = HeaderText(c.Header),
                Realm = TextOrNull(c.Realm),
                Nonce = TextOrNull(c.Nonce),
                Stale = c.IsStale,
                Algorithm = TextOrNull(c.Algorithm),
                Qop = TextOrNull(c.Qop),
            };
            break;
        }

        SipAuthorizationFact? authorization = null;
        foreach (var credentials in message.Credentials)
        {
            authorization = new SipAuthorizationFact
            {
                Header = HeaderText(credentials.Header),
                Username = TextOrNull(credentials.Username),
                Realm = TextOrNull(credentials.Realm),
                Nonce = TextOrNull(credentials.Nonce),
                NonceCount = long.TryParse(credentials.NonceCount, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nc) ? nc : null,
                CNonce = TextOrNull(credentials.CNonce),
                Response = TextOrNull(credentials.Response),
                Uri = TextOrNull(credentials.Uri),
            };
            break;
        }

        string? fromUri = null, fromTag = null, toUri = null, toTag = null;
        if (message.TryGetFrom(out var from))
        {
            fromUri = TextOrNull(from.Uri);
            fromTag = TextOrNull(from.Tag);
        }

        if (message.TryGetTo(out var to))
        {
            toUri = TextOrNull(to.Uri);
            toTag = TextOrNull(to.Tag);
        }

        long? cseq = null;
        var cseqMethod = "";
        if (message.TryGetCSeq(out var cs))
        {
            cseq = cs.Number;
            cseqMethod = SipText.GetString(cs.Method);
        }

        return new SipMessageFact
        {
            FrameNumber = context.FrameNumber,
            TimeNs = context.TimestampNanoseconds,
            HasTime = context.HasTimestamp,
            Source = context.Source.ToString(),
            Destination = context.Destination.ToString(),
            Transport = context.Protocol == Pcap.TransportProtocol.Tcp ? "tcp" : "udp",
            SourceIsPrivate = context.Source.Address.IsPrivate,
            Length = context.Data.Length,
            IsRequest = message.IsRequest,
            Method = message.IsRequest ? SipText.GetString(message.Method) : null,
            RequestUri = message.IsRequest ? SipText.GetString(message.RequestUri) : null,
            StatusCode = message.IsResponse ? message.StatusCode : null,
            Reason = message.IsResponse ? SipText.GetString(message.ReasonPhrase) : null,
            CallId = SipText.GetString(message.CallId),
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
            Contacts = contacts,
            ContactStar = contactStar,
            Expires = message.TryGetExpires(out var expires) ? expires : null,
            MinExpires = message.TryGetMinExpires(out var minExpires) ? minExpires : null,
            Path = Uris(message.Path),
            ServiceRoute = Uris(message.ServiceRoute),
            Route = Uris(message.Route),
            Supported = Tags(message.GetOptionTags(SipHeaderName.Supported)),
            Require = Tags(message.GetOptionTags(SipHeaderName.Require)),
            Challenge = challenge,
            Authorization = authorization,
            NextNonce = message.TryGetAuthenticationInfo(out var info) ? TextOrNull(info.NextNonce) : null,
            RetryAfter = message.TryGetRetryAfter(out var retryAfter) ? retryAfter.DeltaSeconds : null,
            UserAgent = TextOrNull(message.UserAgent),
            Server = TextOrNull(message.Server),
        };
    }

    private static SipContactFact ReadContact(SipContact contact)
    {
        string? host = null;
        int? port = null;
        var ob = false;
        if (contact.Address.TryGetUri(out var uri))
        {
            host = TextOrNull(uri.Host);
            port = uri.Port > 0 ? uri.Port : null;
            ob = uri.HasOb;
        }

        return new SipContactFact
        {
            Uri = SipText.GetString(contact.Uri),
            Host = host,
            Port = port,
            Expires = contact.TryGetExpires(out var seconds) ? seconds : null,
            Q = TextOrNull(contact.Q),
            InstanceId = TextOrNull(contact.InstanceId),
            RegId = contact.TryGetRegId(out var regId) ? regId.ToString(CultureInfo.InvariantCulture) : null,
            Ob = ob,
            PubGruu = TextOrNull(contact.PubGruu),
            TempGruu = TextOrNull(contact.TempGruu),
        };
    }

    private static List<string> Uris(SipNameAddressEnumerator addresses)
    {
        var list = new List<string>();
        foreach (var address in addresses)
        {
            list.Add(SipText.GetString(address.Uri));
        }

        return list;
    }

    private static List<string> Tags(SipHeaderValueEnumerator tags)
    {
        var list = new List<string>();
        foreach (var tag in tags)
        {
            if (!tag.IsEmpty)
            {
                list.Add(SipText.GetString(tag));
            }
        }

        return list;
    }

    private static string HeaderText(SipHeaderName header) => header switch
    {
        SipHeaderName.ProxyAuthenticate => "Proxy-Authenticate",
        SipHeaderName.WwwAuthenticate => "WWW-Authenticate",
        SipHeaderName.ProxyAuthorization => "Proxy-Authorization",
        _ => "Authorization",
    };

    private static string? TextOrNull(ReadOnlySpan<byte> value) => value.IsEmpty ? null : SipText.GetString(value);
}
