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

        // Header values a UA repeats on every refresh (Contact, From, Path...) are read into facts once per distinct value.
        var contactValue = RepeatedValue.Of(message, SipHeaderName.Contact, cache);
        var contactPart = contactValue.Fields == 1
            ? cache!.Part((byte)'m', contactValue.Value, static (m, c) => ReadContacts(m, c), message)
            : contactValue.Fields == 0 && cache is not null ? ContactsPart.None : ReadContacts(message, cache);

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

        var fromValue = RepeatedValue.Of(message, SipHeaderName.From, cache);
        var fromPart = fromValue.Fields == 1
            ? cache!.Part((byte)'f', fromValue.Value, static (m, c) => ReadFrom(m, c), message)
            : ReadFrom(message, cache);
        // A registrar's To tag is stable per registration, so the To part repeats like From.
        var toValue = RepeatedValue.Of(message, SipHeaderName.To, cache);
        var toPart = toValue.Fields == 1
            ? cache!.Part((byte)'t', toValue.Value, static (m, c) => ReadTo(m, c), message)
            : ReadTo(message, cache);

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
            FromUri = fromPart.Uri,
            FromTag = fromPart.Tag,
            ToUri = toPart.Uri,
            ToTag = toPart.Tag,
            ViaBranch = viaBranch,
            ViaSentBy = viaSentBy,
            ViaReceived = viaReceived,
            ViaRport = viaRport,
            ViaCount = Math.Max(1, viaCount),
            Contacts = contactPart.Contacts,
            ContactStar = contactPart.Star,
            Expires = message.TryGetExpires(out var expires) ? expires : null,
            MinExpires = message.TryGetMinExpires(out var minExpires) ? minExpires : null,
            Path = List(SipHeaderName.Path, (byte)'p', static (m, c) => Uris(m.Path, c), message, cache),
            ServiceRoute = List(SipHeaderName.ServiceRoute, (byte)'s', static (m, c) => Uris(m.ServiceRoute, c), message, cache),
            Route = List(SipHeaderName.Route, (byte)'r', static (m, c) => Uris(m.Route, c), message, cache),
            Supported = List(SipHeaderName.Supported, (byte)'k', static (m, c) => Tags(m.GetOptionTags(SipHeaderName.Supported), c), message, cache),
            Require = List(SipHeaderName.Require, (byte)'q', static (m, c) => Tags(m.GetOptionTags(SipHeaderName.Require), c), message, cache),
            Challenge = challenge,
            Authorization = authorization,
            NextNonce = message.TryGetAuthenticationInfo(out var info) ? TextOrNull(info.NextNonce) : null,
            RetryAfter = message.TryGetRetryAfter(out var retryAfter) ? retryAfter.DeltaSeconds : null,
            UserAgent = Shared(message.UserAgent, cache),
            Server = Shared(message.Server, cache),
        };
    }

    private static ContactsPart ReadContacts(SipMessage message, FactTextCache? cache)
    {
        List<SipContactFact>? contacts = null;
        var star = false;
        foreach (var contact in message.Contacts)
        {
            if (contact.IsStar)
            {
                star = true;
                continue;
            }

            (contacts ??= []).Add(ReadContact(contact, cache));
        }

        return new ContactsPart((IReadOnlyList<SipContactFact>?)contacts ?? [], star);
    }

    private static NameAddressPart ReadFrom(SipMessage message, FactTextCache? cache) =>
        message.TryGetFrom(out var from) ? new NameAddressPart(Shared(from.Uri, cache), Shared(from.Tag, cache)) : NameAddressPart.None;

    private static NameAddressPart ReadTo(SipMessage message, FactTextCache? cache) =>
        message.TryGetTo(out var to) ? new NameAddressPart(Shared(to.Uri, cache), Shared(to.Tag, cache)) : NameAddressPart.None;

    /// <summary>A list header's facts: none without the header, read once per distinct value when it is one field.</summary>
    private static IReadOnlyList<string> List(SipHeaderName header, byte kind, Func<SipMessage, FactTextCache?, IReadOnlyList<string>> read, SipMessage message, FactTextCache? cache)
    {
        if (cache is null)
        {
            return read(message, null);
        }

        var value = RepeatedValue.Of(message, header, cache);
        return value.Fields switch
        {
            0 => [],
            1 => cache.Part(kind, value.Value, read, message),
            _ => read(message, cache),
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

    /// <summary>The Contact facts of a message: every non-star Contact, and whether <c>Contact: *</c> was there.</summary>
    private sealed record ContactsPart(IReadOnlyList<SipContactFact> Contacts, bool Star)
    {
        public static readonly ContactsPart None = new([], false);
    }

    /// <summary>The URI and tag of a From or To header.</summary>
    private sealed record NameAddressPart(string? Uri, string? Tag)
    {
        public static readonly NameAddressPart None = new(null, null);
    }

    /// <summary>How many fields a header has in a message, and the value of the first.</summary>
    private readonly ref struct RepeatedValue(ReadOnlySpan<byte> value, int fields)
    {
        public ReadOnlySpan<byte> Value { get; } = value;

        public int Fields { get; } = fields;

        /// <summary>The header's first field and field count; nothing without a cache, which is what the counts are for.</summary>
        public static RepeatedValue Of(SipMessage message, SipHeaderName header, FactTextCache? cache) =>
            cache is not null && message.TryGetHeader(header, out var first) ? new RepeatedValue(first, message.GetHeaderCount(header)) : default;
    }
}
