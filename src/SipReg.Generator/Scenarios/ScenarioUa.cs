using SipReg.Generator.Output;
using SipReg.Generator.Packets;
using SipReg.Generator.Sip;

namespace SipReg.Generator.Scenarios;

/// <summary>
/// One user agent talking to one registrar inside a scenario: builds its REGISTERs (CSeq, branch, credentials) and
/// the registrar's answers, and sends both over UDP or a TCP connection.
/// </summary>
internal sealed class ScenarioUa
{
    public const string DefaultDomain = "sipreg.test";

    private readonly CaptureContext _context;

    public ScenarioUa(CaptureContext context, string user, NetEndpoint source, NetEndpoint registrar, string transport = "UDP",
        NetEndpoint? contact = null)
    {
        _context = context;
        Source = source;
        Registrar = registrar;
        Request = new SipRequest
        {
            RequestUri = "sip:" + DefaultDomain,
            Transport = transport,
            Local = contact ?? source,
            FromUser = user,
            ToUser = user,
            Domain = DefaultDomain,
            FromTag = context.NextRandom(),
            CallId = context.NextRandom().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "@" + (contact ?? source).Address,
            CSeq = 0,
        };
        context.UserAgents.Add(AddressOfRecord);
        Request.Contacts.Add(new ContactBinding { User = user, Endpoint = contact ?? source, Transport = transport.ToLowerInvariant() });
        ToTag = context.NextRandom();
    }

    public SipRequest Request { get; }

    /// <summary>Where the UA's packets come from on the wire (a NAT's public side when behind NAT).</summary>
    public NetEndpoint Source { get; set; }

    public NetEndpoint Registrar { get; }

    public string Realm { get; set; } = DefaultDomain;

    /// <summary>The realm the UA puts in its credentials (differs from <see cref="Realm"/> for the mismatch scenario).</summary>
    public string? CredentialsRealm { get; set; }

    public ulong Nonce { get; set; }

    public int NonceCount { get; set; }

    public ulong ToTag { get; }

    public TcpConnection? Connection { get; set; }

    public int SegmentSize { get; set; } = 1448;

    /// <summary>When set (TCP only), messages are collected here and sent together by the scenario (coalesced segments).</summary>
    public MemoryStream? Coalesce { get; set; }

    /// <summary>Set when the UA should answer a 407 with Proxy-Authorization.</summary>
    public bool ProxyAuth { get; set; }

    public string AddressOfRecord => "sip:" + Request.FromUser + "@" + Request.Domain;

    /// <summary>Sends a new REGISTER (next CSeq, new branch) with credentials when a nonce is known.</summary>
    /// <returns>The UDP frame written, or empty over TCP (valid until the next packet is built).</returns>
    public ReadOnlySpan<byte> Register(int? expires, bool credentials = true)
    {
        Request.Method = "REGISTER";
        Request.RequestUri = "sip:" + Request.Domain;
        Request.CSeq++;
        Request.Branch = _context.NextRandom();
        Request.Expires = expires;
        if (credentials && Nonce != 0)
        {
            NonceCount++;
            Request.Authorization = new DigestCredentials
            {
                Proxy = ProxyAuth,
                Username = Request.FromUser,
                Realm = CredentialsRealm ?? Realm,
                Nonce = Nonce,
                Uri = Request.RequestUri,
                ResponseHigh = _context.NextRandom(),
                ResponseLow = _context.NextRandom(),
                Cnonce = (uint)_context.NextRandom(),
                NonceCount = NonceCount,
            };
        }
        else
        {
            Request.Authorization = null;
        }

        return Send();
    }

    /// <summary>Sends the current request again, unchanged (a UDP retransmission, RFC 3261 §17.1.2.2).</summary>
    /// <returns>The frame written (valid until the next packet is built).</returns>
    public ReadOnlySpan<byte> Retransmit()
    {
        Request.WriteTo(_context.Text);
        _context.CountSip(_context.Text.WrittenSpan, retransmission: true);
        ReadOnlySpan<byte> frame = _context.Packets.Udp(Source, Registrar, _context.Text.WrittenSpan);
        _context.Frame(frame);
        return frame;
    }

    /// <summary>Writes and sends <see cref="Request"/> as it is.</summary>
    public ReadOnlySpan<byte> Send()
    {
        Request.WriteTo(_context.Text);
        _context.CountSip(_context.Text.WrittenSpan);
        return Deliver(fromUa: true);
    }

    /// <summary>A fresh response to the current request, to configure and pass to <see cref="Reply"/>.</summary>
    public SipResponse Response(int status, string reason)
    {
        var response = new SipResponse { Status = status, Reason = reason, ToTag = ToTag, DateNanoseconds = _context.Now };
        if (Source != Request.Local)
        {
            response.ReceivedFrom = Source;
        }

        return response;
    }

    /// <summary>Answers within a millisecond and lets the UA go on at once (for many UAs inside one second).</summary>
    public bool FastReplies { get; set; }

    /// <summary>Sends <paramref name="response"/> to <paramref name="request"/> (the current REGISTER by default) a few milliseconds later.</summary>
    public void Reply(SipResponse response, SipRequest? request = null)
    {
        _context.AdvanceMilliseconds(FastReplies ? 0.4 : 1.5 + _context.NextInt(3000) / 1000.0);
        response.WriteTo(_context.Text, request ?? Request);
        _context.CountSip(_context.Text.WrittenSpan);
        Deliver(fromUa: false);
        _context.AdvanceMilliseconds(FastReplies ? 0.2 : 3 + _context.NextInt(5000) / 1000.0);
    }

    /// <summary>An out-of-dialog OPTIONS from the UA (with <paramref name="route"/> as its Route when given), answered 200.</summary>
    public void Options(string? route)
    {
        var options = new SipRequest
        {
            Method = "OPTIONS",
            RequestUri = "sip:bob@" + Request.Domain,
            Transport = Request.Transport,
            Local = Request.Local,
            FromUser = Request.FromUser,
            ToUser = "bob",
            Domain = Request.Domain,
            FromTag = _context.NextRandom(),
            CallId = _context.NextRandom().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "@" + Request.Local.Address,
            CSeq = 1,
            Branch = _context.NextRandom(),
            UserAgent = Request.UserAgent,
            Expires = null,
        };
        options.Contacts.Add(Request.Contacts[0]);
        if (route is not null)
        {
            options.Routes.Add(route);
        }

        options.ExtraHeaders.Add("Accept: application/sdp");
        options.WriteTo(_context.Text);
        _context.CountSip(_context.Text.WrittenSpan);
        Deliver(fromUa: true);
        Reply(Response(200, "OK"), options);
    }

    /// <summary>Challenges the current request with a new nonce (401, or 407 when <paramref name="status"/> says so).</summary>
    public SipResponse Challenge(int status = 401, bool stale = false, bool reply = true)
    {
        SipResponse response = Response(status, status == 407 ? "Proxy Authentication Required" : "Unauthorized");
        response.ChallengeRealm = Realm;
        response.ChallengeNonce = _context.NextRandom();
        response.Stale = stale;
        Nonce = response.ChallengeNonce;
        NonceCount = 0;
        if (reply)
        {
            Reply(response);
        }

        return response;
    }

    /// <summary>A 200 OK echoing the request's contacts with <c>expires=<paramref name="granted"/></c>.</summary>
    public SipResponse Ok(int granted, bool reply = true)
    {
        SipResponse response = Response(200, "OK");
        if (!Request.ContactStar)
        {
            foreach (ContactBinding contact in Request.Contacts)
            {
                response.Contacts.Add(new ContactBinding
                {
                    User = contact.User,
                    Endpoint = contact.Endpoint,
                    Transport = contact.Transport,
                    Ob = contact.Ob,
                    InstanceId = contact.InstanceId,
                    RegId = contact.RegId,
                    Expires = granted,
                });
            }
        }

        if (reply)
        {
            Reply(response);
        }

        return response;
    }

    /// <summary>A CRLF keep-alive (RFC 5626 §3.5.1) from the UA.</summary>
    public void KeepAlive()
    {
        _context.Text.Clear();
        _context.Text.Raw("\r\n\r\n"u8);
        _context.Counts.KeepAlives++;
        Deliver(fromUa: true);
    }

    /// <summary>Sends the bytes in the context's text buffer from or to the UA.</summary>
    public ReadOnlySpan<byte> Deliver(bool fromUa)
    {
        ReadOnlySpan<byte> payload = _context.Text.WrittenSpan;
        if (Connection is { } connection)
        {
            if (Coalesce is { } pending)
            {
                pending.Write(payload);
                return [];
            }

            connection.Send(fromUa, payload, SegmentSize);
            return [];
        }

        return fromUa ? _context.Udp(Source, Registrar, payload) : _context.Udp(Registrar, Source, payload);
    }
}
