using System.Buffers;
using System.Net;
using SipReg.Generator.Dns;
using SipReg.Generator.Output;
using SipReg.Generator.Packets;
using SipReg.Generator.Sip;

namespace SipReg.Generator.Fleet;

/// <summary>What a fleet user agent does.</summary>
internal enum UaKind
{
    Healthy,
    PreRegistered,
    MinExpires,
    AuthLoop,
    Failure,
    NoResponse,
    Deregister,
}

/// <summary>One fleet user agent: identity fixed at creation, a reused request, and where it is in its life.</summary>
internal sealed class FleetUa
{
    public required int Index { get; init; }

    public required UaKind Kind { get; init; }

    public required SipRequest Request { get; init; }

    public required ContactBinding Contact { get; init; }

    public required ContactBinding GrantedContact { get; init; }

    public required DigestCredentials Credentials { get; init; }

    public required NetEndpoint Source { get; init; }

    public required bool BehindNat { get; init; }

    public required bool ResolvesDns { get; init; }

    public required bool DnsFails { get; init; }

    public required long RoundTripNanoseconds { get; init; }

    public required ulong ToTag { get; init; }

    public int FailureStatus { get; init; }

    /// <summary>Signals over one TCP connection (opened by its first message, never closed) instead of UDP.</summary>
    public bool Tcp { get; init; }

    public bool Connected { get; set; }

    public uint ClientSequence { get; set; }

    public uint ServerSequence { get; set; }

    /// <summary>
    /// The time after the last segment queued on the connection. Exchanges are queued ahead of time, so a keep-alive
    /// that falls due during one is moved after it: in a real capture a connection's segments follow each other in time
    /// as they do in sequence space, and an ACK covers only bytes already sent (RFC 9293 §3.4).
    /// </summary>
    public long TcpQuietFrom { get; set; }

    /// <summary>Registers with RFC 5626 outbound (reg-id, +sip.instance, ;ob); the registrar confirms it.</summary>
    public bool Outbound { get; init; }

    public bool Started { get; set; }

    public bool Stopped { get; set; }

    public int Refreshes { get; set; }

    public string AddressOfRecord => "sip:" + Request.FromUser + "@" + Request.Domain;
}

/// <summary>
/// Streams a fleet capture. UAs act in bursts (a whole exchange: REGISTER, challenge, REGISTER, final response) whose
/// packets are queued by time; the queue is drained up to the time of the next burst before it is made, so the file
/// is in time order while only the packets of exchanges under way are held in memory.
/// </summary>
internal sealed class FleetGenerator
{
    private const string Domain = "sipreg.test";
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000_000_000;

    private static readonly string[] s_userAgents =
    [
        "Yealink SIP-T46S 66.86.0.15",
        "Polycom/6.4.3.5018 PolycomVVX-VVX_450-UA/6.4.3.5018",
        "Grandstream GXP2170 1.0.11.23",
        "Cisco/SPA504G-7.6.2e",
        "Linphone/5.2.0 (belle-sip/5.2.0)",
        "MicroSIP/3.21.3",
        "Zoiper rv2.10.19.4",
        "snom D785/10.1.141.13",
        "Fanvil X6U 2.12.1.6 0c383e1a2b3c",
        "Obihai-OBi200-3.2.2 (Build: 5921EX)",
    ];

    private static readonly int[] s_failureStatuses = [403, 404, 503];

    private static readonly string[] s_firstNames =
    [
        "Alice Martin", "Bruno Keller", "Chloe Dubois", "Dmitri Volkov", "Elena Rossi", "Farid Haddad", "Greta Nilsson", "Hiro Tanaka",
    ];

    private readonly FleetSpec _spec;
    private readonly IPacketSink _sink;
    private readonly GenerationCounts _counts = new();
    private readonly PacketBuilder _packets = new();
    private readonly ByteWriter _text = new();
    private readonly SipResponse _response = new();
    private readonly PriorityQueue<int, (long Time, long Sequence)> _events = new();
    private readonly PriorityQueue<(byte[] Frame, int Length), (long Time, long Sequence)> _pending = new();
    private readonly NetEndpoint _registrar = NetEndpoint.Parse("198.51.100.10", 5060);
    private readonly NetEndpoint _resolver = NetEndpoint.Parse("198.51.100.53", 53);
    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly FleetUa[] _uas;
    private SplitMix64 _random;
    private long _sequence;
    private long _approximateBytes;
    private long _lastWritten;
    private long _lastEmitted;
    private ushort _dnsId;
    private bool _draining;

    public FleetGenerator(FleetSpec spec, IPacketSink sink)
    {
        _spec = spec;
        _sink = sink;
        _random = new SplitMix64((ulong)spec.Seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        _approximateBytes = spec.Format == CaptureFileFormat.PcapNg ? 28 + 32 : 24;
        _uas = new FleetUa[spec.UserAgents];
        for (int i = 0; i < _uas.Length; i++)
        {
            _uas[i] = CreateUa(i);
        }
    }

    public GenerationCounts Run()
    {
        long spread = Math.Max(1, _spec.StartSpread.Ticks * 100);
        foreach (FleetUa ua in _uas)
        {
            Schedule(ua.Index * 2, _spec.StartNanoseconds + _random.Next(0, spread));
        }

        while (_events.TryDequeue(out int handle, out (long Time, long Sequence) at))
        {
            Drain(at.Time);
            FleetUa ua = _uas[handle >> 1];
            if (ua.Stopped || (_draining && (handle & 1) == 0))
            {
                continue;
            }

            if ((handle & 1) == 1)
            {
                KeepAlive(ua, at.Time);
            }
            else
            {
                Burst(ua, at.Time);
            }

            if (!_draining && ((_spec.TargetSipMessages > 0 && _counts.SipMessages >= _spec.TargetSipMessages)
                || (_spec.TargetBytes > 0 && _approximateBytes >= _spec.TargetBytes)))
            {
                _draining = true;
            }
        }

        Drain(long.MaxValue);
        _sink.Flush();
        Finish();
        return _counts;
    }

    private FleetUa CreateUa(int index)
    {
        double pick = _random.NextDouble();
        UaKind kind = Pick(ref pick, _spec.AuthLoopFraction, UaKind.AuthLoop)
            ?? Pick(ref pick, _spec.FailureFraction, UaKind.Failure)
            ?? Pick(ref pick, _spec.NoResponseFraction, UaKind.NoResponse)
            ?? Pick(ref pick, _spec.MinExpiresFraction, UaKind.MinExpires)
            ?? Pick(ref pick, _spec.DeregisterFraction, UaKind.Deregister)
            ?? Pick(ref pick, _spec.PreRegisteredFraction, UaKind.PreRegistered)
            ?? UaKind.Healthy;
        bool registers = kind is UaKind.Healthy or UaKind.PreRegistered or UaKind.MinExpires or UaKind.Deregister;
        bool behindNat = registers && _random.NextDouble() < _spec.KeepAliveFraction;
        bool tcp = registers && _random.NextDouble() < _spec.TcpFraction;
        bool resolves = _random.NextDouble() < _spec.DnsLookupFraction;
        bool dnsFails = resolves && _random.NextDouble() < _spec.DnsFailureFraction;

        // 172.16.0.0/12 for directly reachable UAs, 100.64.0.0/10 for NAT public sides, 192.168.0.0/16 for private contacts.
        var source = new NetEndpoint(behindNat
                ? new IPAddress([100, (byte)(64 + (index >> 16)), (byte)(index >> 8), (byte)index])
                : new IPAddress([172, (byte)(16 + (index >> 16)), (byte)(index >> 8), (byte)index]),
            behindNat || tcp ? 20_000 + _random.Next(40_000) : 5060);
        NetEndpoint contactEndpoint = behindNat
            ? new NetEndpoint(new IPAddress([192, 168, (byte)(1 + index % 250), (byte)(2 + index % 200)]), 5060)
            : source;
        string user = "ua" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        bool withInstance = _random.Next(4) == 0;
        string? instance = withInstance
            ? "00000000-0000-1000-8000-" + (_random.NextUInt64() & 0xFFFF_FFFF_FFFF).ToString("x12", System.Globalization.CultureInfo.InvariantCulture)
            : null;
        bool outbound = withInstance && _random.Next(2) == 0;
        var contact = new ContactBinding
        {
            User = user,
            Endpoint = contactEndpoint,
            Transport = tcp ? "tcp" : "udp",
            InstanceId = instance,
            RegId = outbound ? 1 : null,
            Ob = outbound,
        };
        var request = new SipRequest
        {
            RequestUri = "sip:" + Domain,
            Transport = tcp ? "TCP" : "UDP",
            Local = contactEndpoint,
            FromUser = user,
            ToUser = user,
            Domain = Domain,
            DisplayName = s_firstNames[_random.Next(s_firstNames.Length)],
            FromTag = _random.NextUInt64(),
            CallId = _random.NextUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "@" + contactEndpoint.Address,
            CSeq = _random.Next(1, 100),
            UserAgent = s_userAgents[_random.Next(s_userAgents.Length)],
            Supported = outbound ? "path, outbound, gruu" : withInstance ? "replaces, path, gruu" : "replaces, timer",
        };
        request.Contacts.Add(contact);
        return new FleetUa
        {
            Index = index,
            Kind = kind,
            Request = request,
            Contact = contact,
            GrantedContact = new ContactBinding
            {
                User = user,
                Endpoint = contactEndpoint,
                Transport = tcp ? "tcp" : "udp",
                InstanceId = instance,
                RegId = contact.RegId,
                Ob = outbound,
            },
            Outbound = outbound,
            Tcp = tcp,
            ClientSequence = (uint)_random.NextUInt64(),
            ServerSequence = (uint)_random.NextUInt64(),
            Credentials = new DigestCredentials { Username = user, Realm = Domain, Uri = "sip:" + Domain },
            Source = source,
            BehindNat = behindNat,
            ResolvesDns = resolves,
            DnsFails = dnsFails,
            RoundTripNanoseconds = _random.Next(8 * Millisecond, 120 * Millisecond),
            ToTag = _random.NextUInt64(),
            FailureStatus = kind == UaKind.Failure ? s_failureStatuses[_random.Next(s_failureStatuses.Length)] : 0,
        };
    }

    private static UaKind? Pick(ref double pick, double fraction, UaKind kind)
    {
        if (pick < fraction)
        {
            return kind;
        }

        pick -= fraction;
        return null;
    }

    private void Schedule(int handle, long time)
    {
        bool keepAlive = (handle & 1) == 1;
        if (_draining)
        {
            // Keep-alives go on while the last exchanges finish, so no NAT UA looks silent at the end of the capture.
            if (keepAlive && time <= _lastEmitted)
            {
                _events.Enqueue(handle, (time, _sequence++));
            }

            return;
        }

        bool targeted = _spec.TargetSipMessages > 0 || _spec.TargetBytes > 0;
        long end = _spec.StartNanoseconds + _spec.Duration.Ticks * 100;
        // An exchange can last 32 s (an unanswered REGISTER); none starts so late that it would outlast the keep-alives.
        long lastBurst = _spec.Duration >= TimeSpan.FromMinutes(5) ? end - 35 * Second : end;
        if (!targeted && time >= (keepAlive ? end : lastBurst))
        {
            return;
        }

        _events.Enqueue(handle, (time, _sequence++));
    }

    private void Burst(FleetUa ua, long time)
    {
        long t = time;
        if (!ua.Started)
        {
            ua.Started = true;
            if (ua.ResolvesDns)
            {
                t = Resolve(ua, t);
            }

            if (ua.Tcp)
            {
                Connect(ua, ref t);
            }

            SetStatus(ua, ua.Kind switch
            {
                UaKind.PreRegistered => ExpectedStatuses.Registered,
                UaKind.AuthLoop => ExpectedStatuses.AuthLoop,
                UaKind.Failure => ExpectedStatuses.Failed,
                UaKind.NoResponse => ExpectedStatuses.NoResponse,
                _ => ExpectedStatuses.ChallengeThenRegistered,
            });
            FirstExchange(ua, ref t);
            return;
        }

        switch (ua.Kind)
        {
            case UaKind.AuthLoop:
                Register(ua, ref t, _spec.RequestedExpires, credentials: true);
                Challenge(ua, ref t);
                Register(ua, ref t, _spec.RequestedExpires, credentials: true);
                Challenge(ua, ref t);
                Schedule(ua.Index * 2, t + _random.Next(60 * Second, 120 * Second));
                break;
            case UaKind.Failure:
                FailureExchange(ua, ref t);
                break;
            case UaKind.NoResponse:
                Unanswered(ua, ref t);
                break;
            case UaKind.Deregister when ua.Refreshes == 0:
                // RFC 3261 §10.2.2: Contact: * with Expires: 0 removes every binding.
                ua.Request.Contacts.Clear();
                ua.Request.ContactStar = true;
                Register(ua, ref t, 0, credentials: true);
                Ok(ua, ref t, withContact: false);
                ua.Stopped = true;
                SetStatus(ua, ExpectedStatuses.Deregistered);
                _rules.Add(ExpectedRuleIds.Deregistration);
                break;
            default:
                ua.Refreshes++;
                Register(ua, ref t, _spec.RequestedExpires, credentials: true);
                Ok(ua, ref t, withContact: true);
                ScheduleRefresh(ua, t);
                break;
        }
    }

    private void FirstExchange(FleetUa ua, ref long t)
    {
        switch (ua.Kind)
        {
            case UaKind.PreRegistered:
                // Registered before the capture started: credentials for a nonce the registrar still accepts.
                ua.Credentials.Nonce = _random.NextUInt64();
                ua.Credentials.NonceCount = (int)_random.Next(2, 40);
                Register(ua, ref t, _spec.RequestedExpires, credentials: true);
                Ok(ua, ref t, withContact: true);
                StartKeepAlives(ua, t);
                ScheduleRefresh(ua, t);
                break;
            case UaKind.MinExpires:
                Register(ua, ref t, 30, credentials: false);
                Respond(ua, ref t, 423, "Interval Too Brief");
                _response.MinExpires = 60;
                Send(ua, t, fromUa: false);
                t += ua.RoundTripNanoseconds;
                _rules.Add(ExpectedRuleIds.MinExpiresHonoured);
                goto case UaKind.Healthy;
            case UaKind.Healthy:
            case UaKind.Deregister:
                Register(ua, ref t, _spec.RequestedExpires, credentials: false);
                Challenge(ua, ref t);
                Register(ua, ref t, _spec.RequestedExpires, credentials: true);
                Ok(ua, ref t, withContact: true);
                _rules.Add(ExpectedRuleIds.ChallengeThenRegistered);
                StartKeepAlives(ua, t);
                ScheduleRefresh(ua, t);
                break;
            case UaKind.AuthLoop:
                // Three credentialed REGISTERs challenged in a row: a loop from the first exchange on.
                Register(ua, ref t, _spec.RequestedExpires, credentials: false);
                Challenge(ua, ref t);
                for (int i = 0; i < 3; i++)
                {
                    Register(ua, ref t, _spec.RequestedExpires, credentials: true);
                    Challenge(ua, ref t);
                }

                _rules.Add(ExpectedRuleIds.AuthLoop);
                Schedule(ua.Index * 2, t + _random.Next(60 * Second, 120 * Second));
                break;
            case UaKind.Failure:
                FailureExchange(ua, ref t);
                break;
            case UaKind.NoResponse:
                Unanswered(ua, ref t);
                break;
        }
    }

    private void FailureExchange(FleetUa ua, ref long t)
    {
        Register(ua, ref t, _spec.RequestedExpires, credentials: false);
        int retryAfter = 0;
        if (ua.FailureStatus == 503)
        {
            Respond(ua, ref t, 503, "Service Unavailable");
            retryAfter = 180 + _random.Next(120);
            _response.RetryAfter = retryAfter;
            Send(ua, t, fromUa: false);
            t += ua.RoundTripNanoseconds;
        }
        else
        {
            Challenge(ua, ref t);
            Register(ua, ref t, _spec.RequestedExpires, credentials: true);
            Respond(ua, ref t, ua.FailureStatus, ua.FailureStatus == 403 ? "Forbidden" : "Not Found");
            Send(ua, t, fromUa: false);
            t += ua.RoundTripNanoseconds;
        }

        _rules.Add(ExpectedRuleIds.FinalFailure);
        Schedule(ua.Index * 2, t + (retryAfter > 0 ? retryAfter * Second : _random.Next(240 * Second, 360 * Second)));
    }

    private void Unanswered(FleetUa ua, ref long t)
    {
        // RFC 3261 §17.1.2.2: retransmit at T1 = 0.5 s doubling to T2 = 4 s; timer F gives up after 64*T1 = 32 s.
        Register(ua, ref t, _spec.RequestedExpires, credentials: false);
        long start = t - ua.RoundTripNanoseconds;
        long interval = 500 * Millisecond;
        long at = start;
        for (int i = 0; i < 10; i++)
        {
            at += interval;
            interval = Math.Min(interval * 2, 4 * Second);
            ua.Request.WriteTo(_text);
            _counts.CountSip(_text.WrittenSpan, retransmission: true);
            Emit(at, _packets.Udp(ua.Source, _registrar, _text.WrittenSpan));
        }

        _rules.Add(ExpectedRuleIds.NoResponse);
        Schedule(ua.Index * 2, start + 32 * Second + _random.Next(120 * Second, 600 * Second));
    }

    private void ScheduleRefresh(FleetUa ua, long t)
    {
        // Refresh at 0.5-0.9 of the granted lifetime, a fresh draw every time (jitter, no storms).
        long granted = _spec.GrantedExpires * Second;
        Schedule(ua.Index * 2, t + granted / 2 + (long)(_random.NextDouble() * 0.4 * granted));
    }

    private void StartKeepAlives(FleetUa ua, long t)
    {
        if (ua.BehindNat)
        {
            Schedule(ua.Index * 2 + 1, t + _spec.KeepAliveInterval.Ticks * 100);
        }
    }

    private void KeepAlive(FleetUa ua, long time)
    {
        // RFC 5626 §3.5.1: a double CRLF ping keeps the NAT binding open.
        _text.Clear();
        _text.Raw("\r\n\r\n"u8);
        _counts.KeepAlives++;
        if (ua.Tcp)
        {
            // RFC 5626 §4.4.1: over a stream the registrar answers a double-CRLF ping with a single CRLF pong.
            Segment(ua, time, fromUa: true, _text.WrittenSpan);
            _text.Clear();
            _text.Raw("\r\n"u8);
            Segment(ua, time + 300_000, fromUa: false, _text.WrittenSpan);
            _counts.KeepAlivePongs++;
        }
        else
        {
            Emit(time, _packets.Udp(ua.Source, _registrar, _text.WrittenSpan));
        }

        Schedule(ua.Index * 2 + 1, time + _spec.KeepAliveInterval.Ticks * 100 + _random.Next(0, 500 * Millisecond));
    }

    private long Resolve(FleetUa ua, long t)
    {
        NetEndpoint client = ua.Source.WithPort(1024 + _random.Next(60_000));
        if (ua.DnsFails)
        {
            DnsRcode failure = (ua.Index & 1) == 0 ? DnsRcode.ServFail : DnsRcode.NxDomain;
            t = DnsExchange(client, t, "_sip._udp." + Domain, DnsType.Srv, failure);
            t += 2 * Second + _random.Next(0, 3 * Second);
            _rules.Add(ExpectedRuleIds.DnsFailure);
        }

        t = DnsExchange(client, t, "_sip._udp." + Domain, DnsType.Srv, DnsRcode.NoError);
        t = DnsExchange(client, t, "registrar." + Domain, DnsType.A, DnsRcode.NoError);
        return t + Millisecond;
    }

    private long DnsExchange(NetEndpoint client, long t, string name, DnsType type, DnsRcode rcode)
    {
        ushort id = ++_dnsId;
        Emit(t, _packets.Udp(client, _resolver, DnsMessageBuilder.Query(id, name, type).ToArray()));
        _counts.DnsQueries++;
        t += _random.Next(500_000, 30 * Millisecond);
        DnsMessageBuilder response = DnsMessageBuilder.Response(id, name, type, rcode);
        if (rcode == DnsRcode.NoError)
        {
            if (type == DnsType.Srv)
            {
                response.AddSrv(10, 60, 5060, "registrar." + Domain).AddSrv(20, 40, 5060, "registrar2." + Domain);
            }
            else
            {
                response.AddA(_registrar.Address);
            }
        }

        Emit(t, _packets.Udp(_resolver, client, response.ToArray()));
        _counts.AddDnsResponse(CaptureContext.RcodeName(rcode));
        return t + 200_000;
    }

    /// <summary>Sends a new REGISTER transaction at <paramref name="t"/>; <paramref name="t"/> moves to when the answer is made.</summary>
    private void Register(FleetUa ua, ref long t, int expires, bool credentials)
    {
        SipRequest request = ua.Request;
        request.CSeq++;
        request.Branch = _random.NextUInt64();
        request.Expires = expires;
        if (credentials)
        {
            DigestCredentials auth = ua.Credentials;
            auth.NonceCount++;
            auth.ResponseHigh = _random.NextUInt64();
            auth.ResponseLow = _random.NextUInt64();
            auth.Cnonce = (uint)_random.NextUInt64();
            request.Authorization = auth;
        }
        else
        {
            request.Authorization = null;
        }

        Send(ua, t, fromUa: true);
        t += _random.Next(200_000, 3 * Millisecond);
    }

    private void Challenge(FleetUa ua, ref long t)
    {
        Respond(ua, ref t, 401, "Unauthorized");
        _response.ChallengeRealm = Domain;
        _response.ChallengeNonce = _random.NextUInt64();
        ua.Credentials.Nonce = _response.ChallengeNonce;
        ua.Credentials.NonceCount = 0;
        Send(ua, t, fromUa: false);
        t += ua.RoundTripNanoseconds + _random.Next(0, 5 * Millisecond);
    }

    private void Ok(FleetUa ua, ref long t, bool withContact)
    {
        Respond(ua, ref t, 200, "OK");
        if (withContact)
        {
            ua.GrantedContact.Expires = _spec.GrantedExpires;
            _response.Contacts.Add(ua.GrantedContact);
            if (ua.Outbound)
            {
                // RFC 5626 §6: the registrar that applied outbound says so with Require: outbound.
                _response.Require = "outbound";
                _response.Supported = "outbound";
            }
        }

        _response.ExtraHeaders.Add("Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE");
        Send(ua, t, fromUa: false);
        t += ua.RoundTripNanoseconds;
    }

    /// <summary>Resets the shared response for <paramref name="ua"/>'s current request.</summary>
    private void Respond(FleetUa ua, ref long t, int status, string reason)
    {
        _ = t;
        SipResponse response = _response;
        response.Status = status;
        response.Reason = reason;
        response.ToTag = ua.ToTag;
        response.ReceivedFrom = ua.BehindNat ? ua.Source : null;
        response.ChallengeRealm = null;
        response.Stale = false;
        response.Contacts.Clear();
        response.MinExpires = null;
        response.RetryAfter = null;
        response.DateNanoseconds = null;
        response.NextNonce = null;
        response.Require = null;
        response.Supported = null;
        response.ExtraHeaders.Clear();
        response.DateNanoseconds = t;
    }

    private void Send(FleetUa ua, long t, bool fromUa)
    {
        if (fromUa)
        {
            ua.Request.WriteTo(_text);
        }
        else
        {
            _response.WriteTo(_text, ua.Request);
        }

        _counts.CountSip(_text.WrittenSpan, retransmission: false);
        if (ua.Tcp)
        {
            Segment(ua, t, fromUa, _text.WrittenSpan);
            return;
        }

        Emit(t, fromUa ? _packets.Udp(ua.Source, _registrar, _text.WrittenSpan) : _packets.Udp(_registrar, ua.Source, _text.WrittenSpan));
    }

    /// <summary>The three-way handshake, as the registrar sees it: SYN, SYN-ACK at once, the ACK one round trip later.</summary>
    private void Connect(FleetUa ua, ref long t)
    {
        ua.Connected = true;
        Emit(t, _packets.Tcp(ua.Source, _registrar, ua.ClientSequence++, 0, TcpFlags.Syn, []));
        Emit(t + 50_000, _packets.Tcp(_registrar, ua.Source, ua.ServerSequence++, ua.ClientSequence, TcpFlags.Syn | TcpFlags.Ack, []));
        t += ua.RoundTripNanoseconds;
        Emit(t, _packets.Tcp(ua.Source, _registrar, ua.ClientSequence, ua.ServerSequence, TcpFlags.Ack, []));
        t += 10_000;
    }

    /// <summary>Sends data over the UA's TCP connection in MSS-sized segments, then the peer's ACK.</summary>
    private void Segment(FleetUa ua, long t, bool fromUa, ReadOnlySpan<byte> data)
    {
        t = Math.Max(t, ua.TcpQuietFrom);
        for (int offset = 0; offset < data.Length; offset += 1448)
        {
            ReadOnlySpan<byte> chunk = data.Slice(offset, Math.Min(1448, data.Length - offset));
            if (fromUa)
            {
                Emit(t, _packets.Tcp(ua.Source, _registrar, ua.ClientSequence, ua.ServerSequence, TcpFlags.Psh | TcpFlags.Ack, chunk));
                ua.ClientSequence += (uint)chunk.Length;
            }
            else
            {
                Emit(t, _packets.Tcp(_registrar, ua.Source, ua.ServerSequence, ua.ClientSequence, TcpFlags.Psh | TcpFlags.Ack, chunk));
                ua.ServerSequence += (uint)chunk.Length;
            }

            t += 20_000;
        }

        Emit(t + 100_000, fromUa
            ? _packets.Tcp(_registrar, ua.Source, ua.ServerSequence, ua.ClientSequence, TcpFlags.Ack, [])
            : _packets.Tcp(ua.Source, _registrar, ua.ClientSequence, ua.ServerSequence, TcpFlags.Ack, []));
        ua.TcpQuietFrom = t + 110_000;
    }

    private void Emit(long time, ReadOnlySpan<byte> frame)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent(frame.Length);
        frame.CopyTo(copy);
        _pending.Enqueue((copy, frame.Length), (time, _sequence++));
        _counts.Records++;
        _lastEmitted = Math.Max(_lastEmitted, time);
        _approximateBytes += frame.Length + (_spec.Format == CaptureFileFormat.PcapNg ? 32 + ((4 - (frame.Length & 3)) & 3) : 16);
    }

    private void Drain(long until)
    {
        while (_pending.TryPeek(out (byte[] Frame, int Length) packet, out (long Time, long Sequence) at) && at.Time <= until)
        {
            _pending.Dequeue();
            // Bursts made later never start before the queue head, so time never goes back; the guard keeps it so.
            _lastWritten = Math.Max(_lastWritten, at.Time);
            _sink.Write(_lastWritten, packet.Frame.AsSpan(0, packet.Length));
            ArrayPool<byte>.Shared.Return(packet.Frame);
        }
    }

    private void SetStatus(FleetUa ua, string status) => _counts.SetUserAgentStatus(ua.AddressOfRecord, status);

    private void Finish()
    {
        _counts.Seed = _spec.Seed;
        _counts.CaptureBytes = _approximateBytes;
        if (_spec.GrantedExpires < _spec.RequestedExpires && _counts.ResponsesByStatus.ContainsKey(200))
        {
            _rules.Add(ExpectedRuleIds.GrantedExpiresReduced);
        }

        foreach (string rule in _rules)
        {
            _counts.AddRule(rule);
        }

        // As the analyzer does: the capture's status is the most telling UA status, in this order.
        string[] order =
        [
            ExpectedStatuses.AuthLoop, ExpectedStatuses.Failed, ExpectedStatuses.NoResponse, ExpectedStatuses.Incomplete,
            ExpectedStatuses.Deregistered, ExpectedStatuses.ChallengeThenRegistered, ExpectedStatuses.Registered,
        ];
        IReadOnlyDictionary<string, int> statusCounts = _counts.StatusCounts;
        string best = ExpectedStatuses.NoRegister;
        foreach (string status in order)
        {
            if (statusCounts.ContainsKey(status))
            {
                best = status;
                break;
            }
        }

        _counts.ExpectedCaptureStatus = best;
    }
}
