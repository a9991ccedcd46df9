using System.Globalization;
using SipReg.Analysis.Facts;

namespace SipReg.Analysis.Tests;

/// <summary>
/// A small fluent builder of fact sequences: "UA registers, gets 401, retries with auth, gets 200 expires=300,
/// refreshes at t=...". Times are seconds from a fixed base; frames count up from <c>frameBase</c>.
/// </summary>
internal sealed class Scenario
{
    public const long BaseNs = 1_700_000_000L * 1_000_000_000L;

    private readonly List<CaptureFact> _facts = [];
    private readonly string _user;
    private readonly string _domain;
    private long _frame;
    private long _cseq;
    private int _branch;
    private double _t;
    private SipMessageFact? _last;
    private string _nonce = "nonce-1";
    private long _nc;

    public Scenario(string aor = "sip:alice@example.com", string ua = "192.0.2.10:5060", string registrar = "198.51.100.1:5060", string? callId = null, string transport = "udp", long frameBase = 0)
    {
        Aor = aor;
        Ua = ua;
        Registrar = registrar;
        CallId = callId ?? "call-" + aor.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture) + "-" + ua;
        Transport = transport;
        _frame = frameBase;
        var at = aor.IndexOf('@', StringComparison.Ordinal);
        _user = aor[(aor.IndexOf(':', StringComparison.Ordinal) + 1)..at];
        _domain = aor[(at + 1)..];
    }

    public string Aor { get; }

    public string Ua { get; set; }

    public string Registrar { get; }

    public string CallId { get; set; }

    public string Transport { get; }

    public string? InstanceId { get; set; }

    public IReadOnlyList<CaptureFact> Facts => _facts;

    public SipMessageFact LastRequest => _last ?? throw new InvalidOperationException("no request yet");

    public long LastFrame => _frame;

    public string DefaultContact => "sip:" + _user + "@" + Ua;

    public static long Ns(double seconds) => BaseNs + (long)Math.Round(seconds * 1e9);

    public Scenario At(double seconds)
    {
        _t = seconds;
        return this;
    }

    public Scenario After(double seconds)
    {
        _t += seconds;
        return this;
    }

    /// <summary>A REGISTER with one Contact (the UA's address) unless <paramref name="contacts"/> says otherwise.</summary>
    public Scenario Register(
        long? expires = 300,
        long? contactExpires = null,
        bool auth = false,
        string? realm = null,
        bool star = false,
        IReadOnlyList<SipContactFact>? contacts = null,
        string? regId = null,
        IReadOnlyList<string>? supported = null,
        string? nonce = null,
        long? nc = null,
        bool proxyAuth = false,
        int length = 500,
        bool sourceIsPrivate = false)
    {
        _cseq++;
        _branch++;
        var contactList = star ? [] : contacts ?? [new SipContactFact
        {
            Uri = DefaultContact + (regId is not null ? ";ob" : ""),
            Host = Host(Ua),
            Port = Port(Ua),
            Expires = contactExpires,
            InstanceId = InstanceId,
            RegId = regId,
            Ob = regId is not null,
        }];
        SipAuthorizationFact? authorization = null;
        if (auth)
        {
            _nc = nonce is null || nonce == _nonce ? _nc + 1 : 1;
            authorization = new SipAuthorizationFact
            {
                Header = proxyAuth ? "Proxy-Authorization" : "Authorization",
                Username = _user,
                Realm = realm ?? _domain,
                Nonce = nonce ?? _nonce,
                NonceCount = nc ?? _nc,
                CNonce = "c" + _cseq,
                Response = "0123456789abcdef",
                Uri = "sip:" + _domain,
            };
        }

        _last = new SipMessageFact
        {
            FrameNumber = ++_frame,
            TimeNs = Ns(_t),
            Source = Ua,
            Destination = Registrar,
            Transport = Transport,
            IsRequest = true,
            SourceIsPrivate = sourceIsPrivate,
            Length = length,
            Method = "REGISTER",
            RequestUri = "sip:" + _domain,
            CallId = CallId,
            CSeq = _cseq,
            CSeqMethod = "REGISTER",
            FromUri = Aor,
            FromTag = "ft-" + CallId,
            ToUri = Aor,
            ViaBranch = "z9hG4bK-" + CallId + "-" + _branch,
            ViaSentBy = Ua,
            Contacts = contactList,
            ContactStar = star,
            Expires = expires,
            Supported = supported ?? [],
            Authorization = authorization,
            UserAgent = "TestPhone/1.0",
        };
        _facts.Add(_last);
        return this;
    }

    /// <summary>The last request sent again (a retransmission).</summary>
    public Scenario Retransmit()
    {
        _facts.Add(LastRequest with { FrameNumber = ++_frame, TimeNs = Ns(_t) });
        return this;
    }

    /// <summary>A 401 (or 407) challenge to the last request.</summary>
    public Scenario Challenge(int status = 401, string? realm = null, string? nonce = null, bool stale = false)
    {
        _nonce = nonce ?? _nonce;
        _nc = 0;
        return Respond(status, status == 401 ? "Unauthorized" : "Proxy Authentication Required", m => m with
        {
            Challenge = new SipChallengeFact
            {
                Header = status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate",
                Realm = realm ?? _domain,
                Nonce = _nonce,
                Stale = stale,
                Algorithm = "MD5",
                Qop = "auth",
            },
        });
    }

    /// <summary>A 200 OK listing the request's Contacts with <paramref name="grant"/> (null: as requested), or <paramref name="contacts"/>.</summary>
    public Scenario Ok(
        long? grant = null,
        IReadOnlyList<SipContactFact>? contacts = null,
        IReadOnlyList<string>? serviceRoute = null,
        IReadOnlyList<string>? require = null,
        IReadOnlyList<string>? path = null,
        string? nextNonce = null,
        long? expiresHeader = null,
        bool noContacts = false,
        string? viaReceived = null,
        int? viaRport = null,
        int length = 400)
    {
        var request = LastRequest;
        var listed = contacts;
        if (listed is null)
        {
            var l = new List<SipContactFact>();
            if (!noContacts && !request.ContactStar)
            {
                foreach (var c in request.Contacts)
                {
                    var exp = grant ?? c.Expires ?? request.Expires ?? 3600;
                    if (exp > 0)
                    {
                        l.Add(c with { Expires = exp });
                    }
                }
            }

            listed = l;
        }

        return Respond(200, "OK", m => m with
        {
            Contacts = listed,
            ServiceRoute = serviceRoute ?? [],
            Require = require ?? [],
            Path = path ?? [],
            NextNonce = nextNonce,
            Expires = expiresHeader,
            ViaReceived = viaReceived,
            ViaRport = viaRport,
            Length = length,
        });
    }

    /// <summary>A final failure (or 423 with Min-Expires).</summary>
    public Scenario Fail(int status, string reason = "Failed", long? retryAfter = null, long? minExpires = null) =>
        Respond(status, reason, m => m with { RetryAfter = retryAfter, MinExpires = minExpires });

    public Scenario Provisional(int status = 100) => Respond(status, "Trying", m => m);

    /// <summary>Any response to the last request.</summary>
    public Scenario Respond(int status, string reason, Func<SipMessageFact, SipMessageFact> shape)
    {
        var request = LastRequest;
        var response = new SipMessageFact
        {
            FrameNumber = ++_frame,
            TimeNs = Ns(_t),
            Source = request.Destination,
            Destination = request.Source,
            Transport = Transport,
            IsRequest = false,
            StatusCode = status,
            Reason = reason,
            CallId = request.CallId,
            CSeq = request.CSeq,
            CSeqMethod = request.CSeqMethod,
            FromUri = request.FromUri,
            FromTag = request.FromTag,
            ToUri = request.ToUri,
            ToTag = "tt-1",
            ViaBranch = request.ViaBranch,
            ViaSentBy = request.ViaSentBy,
            Server = "TestRegistrar/1.0",
            Length = 400,
        };
        _facts.Add(shape(response));
        return this;
    }

    /// <summary>An ICMP port unreachable quoting the last request.</summary>
    public Scenario Icmp()
    {
        var request = LastRequest;
        _facts.Add(new IcmpUnreachableFact
        {
            FrameNumber = ++_frame,
            TimeNs = Ns(_t),
            Source = request.Destination,
            Destination = request.Source,
            QuotedSource = request.Source,
            QuotedDestination = request.Destination,
            Type = 3,
            Code = 3,
            QuotesSipRegister = true,
            CallId = request.CallId,
            CSeq = request.CSeq,
            Branch = request.ViaBranch,
        });
        return this;
    }

    /// <summary>A keep-alive from the UA to the registrar (or back for a pong).</summary>
    public Scenario KeepAlive(KeepAliveKind kind = KeepAliveKind.Ping)
    {
        var pong = kind == KeepAliveKind.Pong;
        _facts.Add(new KeepAliveFact
        {
            FrameNumber = ++_frame,
            TimeNs = Ns(_t),
            Source = pong ? Registrar : Ua,
            Destination = pong ? Ua : Registrar,
            Transport = Transport,
            Kind = kind,
            Length = pong ? 2 : 4,
        });
        return this;
    }

    /// <summary>An out-of-dialog request (e.g. INVITE) from the UA with the given Route set.</summary>
    public Scenario Request(string method, IReadOnlyList<string>? route = null, string to = "sip:bob@example.com")
    {
        _branch++;
        _facts.Add(new SipMessageFact
        {
            FrameNumber = ++_frame,
            TimeNs = Ns(_t),
            Source = Ua,
            Destination = Registrar,
            Transport = Transport,
            IsRequest = true,
            Method = method,
            RequestUri = to,
            CallId = "other-" + _branch + "-" + CallId,
            CSeq = 1,
            CSeqMethod = method,
            FromUri = Aor,
            FromTag = "f" + _branch,
            ToUri = to,
            ViaBranch = "z9hG4bK-o" + _branch,
            ViaSentBy = Ua,
            Route = route ?? [],
        });
        return this;
    }

    /// <summary>A DNS query and (unless <paramref name="rcode"/> is null) its response.</summary>
    public Scenario Dns(string name, string type, string? rcode, int answers = 0, string resolver = "198.51.100.53:53", int id = 0)
    {
        var client = Host(Ua) + ":40000";
        id = id == 0 ? (int)(_frame % 60000) + 1 : id;
        _facts.Add(new DnsFact { FrameNumber = ++_frame, TimeNs = Ns(_t), Source = client, Destination = resolver, Id = id, QuestionName = name, QuestionType = type, SipRelated = true });
        if (rcode is not null)
        {
            var list = new List<DnsAnswerFact>();
            for (var i = 0; i < answers; i++)
            {
                list.Add(new DnsAnswerFact(type, "192.0.2." + (i + 1)));
            }

            _facts.Add(new DnsFact
            {
                FrameNumber = ++_frame,
                TimeNs = Ns(_t + 0.001),
                Source = resolver,
                Destination = client,
                Id = id,
                IsResponse = true,
                Rcode = rcode,
                QuestionName = name,
                QuestionType = type,
                AnswerCount = answers,
                Answers = list,
                SipRelated = true,
            });
        }

        return this;
    }

    public Scenario Tls()
    {
        _facts.Add(new TlsSignallingFact { FrameNumber = ++_frame, TimeNs = Ns(_t), Source = Ua, Destination = Registrar, Transport = "tls" });
        return this;
    }

    public AnalysisReport Analyze(AnalysisOptions? options = null) => RegistrationAnalyzer.Analyze(_facts, options);

    public static AnalysisReport Analyze(IEnumerable<CaptureFact> facts, AnalysisOptions? options = null) => RegistrationAnalyzer.Analyze(facts, options);

    private static string Host(string endpoint) => endpoint.StartsWith('[') ? endpoint[1..endpoint.IndexOf(']', StringComparison.Ordinal)] : endpoint[..endpoint.LastIndexOf(':')];

    private static int Port(string endpoint) => int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
}
