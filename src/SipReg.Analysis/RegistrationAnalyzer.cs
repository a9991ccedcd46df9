using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;
using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Rules;

namespace SipReg.Analysis;

/// <summary>
/// Streaming registration analysis: feed every fact in capture order with <see cref="Add"/>, call
/// <see cref="Complete"/> at the end of the capture, then read <see cref="Model"/>, <see cref="Findings"/> or
/// <see cref="CreateReport"/>.
/// </summary>
/// <remarks>
/// Single pass; per-fact work is a few dictionary look-ups. Memory is bounded by the live registrations: finished
/// transactions are retired after <see cref="AnalysisOptions.TransactionLingerSeconds"/>, and every list that input
/// can grow has a cap in <see cref="AnalysisOptions"/>. The analyzer never throws for odd facts; it throws only for
/// misuse (a null fact, <see cref="Add"/> after <see cref="Complete"/>).
/// </remarks>
public sealed class RegistrationAnalyzer
{
    private const long NsPerSecond = 1_000_000_000L;
    private const long DefaultExpires = 3600; // RFC 3261 §10.2.1.1: 3600 s when neither Contact nor Expires says.
    private const int ContactScanLimit = 8;
    private const int MaxSpareTransactions = 4096;

    /// <summary>The fewest transactions a flow keeps however many flows share <see cref="AnalysisOptions.MaxKeptTransactions"/>.</summary>
    private const int MinTransactionsPerFlow = 4;

    private readonly AnalysisOptions _options;
    private readonly RegistrationModel _model;
    private readonly Dictionary<TransactionId, SipTransaction> _active = [];
    private readonly Dictionary<(string Branch, string CallId), SipTransaction> _byBranch = [];
    private readonly PriorityQueue<(SipTransaction Transaction, int Generation), long> _retire = new();
    private readonly Stack<SipTransaction> _spareTransactions = new();
    private readonly Dictionary<(string Aor, string InstanceOrCallId, string Host), RegistrationFlow> _flows = [];
    private readonly Dictionary<(string Aor, string CallId, string Host), RegistrationFlow> _flowByCallId = [];
    private readonly Dictionary<(string Source, string Destination), RegistrationFlow> _flowByPath = [];
    private readonly Dictionary<string, RegistrationFlow> _flowBySource = new(StringComparer.Ordinal);
    private readonly UriKeyMemo _keys = new();
    private readonly List<(string, long, string?, string?, string?)> _listed = [];
    private readonly Dictionary<string, DnsClue> _pendingDns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _burstUas = new(StringComparer.Ordinal);
    private readonly List<long> _burstFrames = [];
    private readonly long _lingerNs;
    private readonly long _timeoutNs;
    private readonly long _burstWindowNs;
    private long _burstStartNs = long.MinValue;
    private long _nowNs;
    private long _indexWrites;
    private bool _hasTime;
    private List<Finding>? _findings;
    private EndpointTextCache? _endpointTexts;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">The options, or null for the defaults.</param>
    public RegistrationAnalyzer(AnalysisOptions? options = null)
    {
        _options = options ?? new AnalysisOptions();
        _model = new RegistrationModel(_options.MaxBindingHistory, _keys, _options.MaxBindingsPerAor);
        _lingerNs = (long)(_options.TransactionLingerSeconds * NsPerSecond);

        // RFC 3261 §17.1.2.2: Timer F = 64*T1 = 32 s for a non-INVITE client transaction.
        _timeoutNs = (long)(_options.GetThreshold("no-response.timeoutSeconds", 32) * NsPerSecond);
        _burstWindowNs = (long)(_options.GetThreshold("refresh-storm.windowSeconds", 1) * NsPerSecond);
    }

    /// <summary>The model built so far (complete after <see cref="Complete"/>).</summary>
    public RegistrationModel Model => _model;

    /// <summary>Transactions still matchable for responses and retransmissions (bounded by live registrations).</summary>
    internal int ActiveTransactionCount => _active.Count;

    /// <summary>Whether <see cref="Complete"/> was called.</summary>
    public bool IsCompleted => _findings is not null;

    /// <summary>The findings, available after <see cref="Complete"/>.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Complete"/>.</exception>
    public IReadOnlyList<Finding> Findings => _findings ?? throw new InvalidOperationException("Call Complete() first.");

    /// <summary>Analyses every fact of a sequence and completes.</summary>
    /// <param name="facts">The facts in capture order.</param>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <returns>The report.</returns>
    public static AnalysisReport Analyze(IEnumerable<CaptureFact> facts, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var analyzer = new RegistrationAnalyzer(options);
        foreach (var f in facts)
        {
            analyzer.Add(f);
        }

        analyzer.Complete();
        return analyzer.CreateReport();
    }

    /// <summary>Adds the next fact of the capture.</summary>
    /// <param name="fact">The fact.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is null.</exception>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public void Add(CaptureFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (_findings is not null)
        {
            throw new InvalidOperationException("The analysis is complete.");
        }

        if (fact.HasTime)
        {
            if (!_hasTime)
            {
                _model.FirstTimeNs = fact.TimeNs;
                _hasTime = true;
            }

            _nowNs = Math.Max(_nowNs, fact.TimeNs);
            _model.LastTimeNs = _nowNs;
            RetireTransactions();
        }
        else
        {
            // No timestamp (pcapng Simple Packet Block): order is known, time is not; reason with the latest time seen.
            fact = fact with { TimeNs = _nowNs };
        }

        switch (fact)
        {
            case SipMessageFact m:
                _model.SipMessages++;
                if (m.IsRequest)
                {
                    if (string.Equals(m.Method, "REGISTER", StringComparison.OrdinalIgnoreCase))
                    {
                        OnRegisterRequest(m);
                    }
                    else
                    {
                        OnOtherRequest(m);
                    }
                }
                else if (string.Equals(m.CSeqMethod, "REGISTER", StringComparison.OrdinalIgnoreCase) && m.StatusCode is not null)
                {
                    OnRegisterResponse(m);
                }

                break;
            case KeepAliveFact k:
                OnKeepAlive(k.Source, k.Destination);
                break;
            case CapturedKeepAliveFact c:
                _endpointTexts ??= new EndpointTextCache();
                OnKeepAlive(_endpointTexts.Get(c.SourceEndpoint), _endpointTexts.Get(c.DestinationEndpoint));
                break;
            case DnsFact d:
                OnDns(d);
                break;
            case IcmpUnreachableFact i:
                OnIcmp(i);
                break;
            case TlsSignallingFact t:
                _model.TlsRecords++;
                SipTransaction.AddCapped(_model.TlsFrameList, t.FrameNumber, _options.MaxEvidenceFrames);
                break;
            default:
                break;
        }
    }

    /// <summary>Ends the capture: unanswered transactions and queries are classified, statuses set and the rules run.</summary>
    /// <remarks>Calling it again does nothing.</remarks>
    public void Complete()
    {
        if (_findings is not null)
        {
            return;
        }

        CloseBurst();
        foreach (var t in _active.Values)
        {
            if (t.FinalStatus is null)
            {
                Classify(t, atEnd: true);
            }
        }

        _active.Clear();
        _byBranch.Clear();
        _retire.Clear();
        FinishDns();
        _model.Bindings.Complete(_nowNs);
        foreach (var flow in _model.FlowList)
        {
            flow.Status = FlowStatus(flow);
        }

        _model.Status = CaptureStatus();
        _findings = [];
        var context = new RuleContext(_model, _options, _findings);
        foreach (var rule in _options.Rules)
        {
            if (_options.Disabled.Contains(rule.Id))
            {
                continue;
            }

            context.Begin(rule);
            rule.Evaluate(context);
        }
    }

    /// <summary>The report of the completed analysis, ready to serialise.</summary>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidOperationException">Before <see cref="Complete"/>.</exception>
    public AnalysisReport CreateReport() => new(_model, Findings);

    private TransactionId TransactionKey(SipMessageFact m)
    {
        var branch = m.ViaBranch ?? "";
        var method = _keys.Upper(m.CSeqMethod);

        // RFC 3261 §17.2.3: a branch with the magic cookie identifies the transaction together with sent-by and the
        // CSeq method; without the cookie fall back to the RFC 2543 match (Call-ID, CSeq, From tag, top Via).
        return branch.StartsWith(TransactionId.MagicCookie, StringComparison.Ordinal)
            ? new TransactionId(branch, m.ViaSentBy ?? "", method, null, null, null)
            : new TransactionId(branch, m.ViaSentBy ?? "", method, m.CallId, m.CSeq, m.FromTag ?? "");
    }

    private static bool HasOption(IReadOnlyList<string> tags, string tag)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].AsSpan().Trim().Equals(tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static long RequestedLifetime(SipContactFact c, SipMessageFact m) => c.Expires ?? m.Expires ?? DefaultExpires;

    private RegistrationFlow? FindOrCreateFlow(string aor, string callId, string? instance, string sourceHost, SipMessageFact m)
    {
        var callKey = (aor, callId, sourceHost);
        if (instance is null && _flowByCallId.TryGetValue(callKey, out var byCall))
        {
            return byCall;
        }

        var flowId = (aor, instance ?? callId, sourceHost);
        if (!_flows.TryGetValue(flowId, out var flow))
        {
            if (_model.FlowList.Count >= _options.MaxFlows)
            {
                if (m.IsRequest)
                {
                    _model.UntrackedRegisterRequests++;
                }

                return null;
            }

            var key = string.Concat(aor, "|", instance ?? callId, "|", sourceHost);
            flow = new RegistrationFlow(key, aor, callId) { InstanceId = instance, FirstTimeNs = m.TimeNs };
            _flows[flowId] = flow;
            _model.FlowList.Add(flow);
        }

        IndexCallKey(flow, callKey);
        return flow;
    }

    /// <summary>Entries in the indexes from a Call-ID, a path and a source to their flow (for tests).</summary>
    internal int FlowIndexEntries => _flowByCallId.Count + _flowByPath.Count + _flowBySource.Count;

    /// <summary>
    /// Most entries an index from a Call-ID, a path or a source to its flow holds before it is rebuilt from each flow's
    /// latest entry. A UA adds entries only when it moves (a NAT rebinding, a new Call-ID), so a real capture stays far
    /// below; a capture whose UA hops ports or Call-IDs on every REGISTER cannot grow them without bound.
    /// </summary>
    private int FlowIndexCap => (4 * _model.FlowList.Count) + 1024;

    private void IndexCallKey(RegistrationFlow flow, (string Aor, string CallId, string Host) callKey)
    {
        _flowByCallId[callKey] = flow;
        flow.IndexedCallKey = callKey;
        flow.IndexedCallKeyOrder = ++_indexWrites;
        if (_flowByCallId.Count > FlowIndexCap)
        {
            RebuildFlowIndexes();
        }
    }

    private void IndexPath(RegistrationFlow flow, string source, string destination)
    {
        _flowByPath[(source, destination)] = flow;
        _flowBySource[source] = flow;
        flow.IndexedPath = (source, destination);
        flow.IndexedPathOrder = ++_indexWrites;
        // The source index never holds more entries than the path index.
        if (_flowByPath.Count > FlowIndexCap)
        {
            RebuildFlowIndexes();
        }
    }

    /// <summary>
    /// Rebuilds the Call-ID, path and source indexes from each flow's latest entries, written in the order they were
    /// last written, so that where two flows share a key the later one still wins. Older paths and Call-IDs of a flow
    /// are forgotten: a keep-alive on a path the UA has left, or a late response on a Call-ID it has dropped, is then
    /// counted as unmatched.
    /// </summary>
    private void RebuildFlowIndexes()
    {
        _flowByCallId.Clear();
        _flowByPath.Clear();
        _flowBySource.Clear();
        var flows = new List<RegistrationFlow>(_model.FlowList);
        flows.Sort(static (a, b) => a.IndexedCallKeyOrder.CompareTo(b.IndexedCallKeyOrder));
        foreach (var flow in flows)
        {
            if (flow.IndexedCallKey is { } callKey)
            {
                _flowByCallId[callKey] = flow;
            }
        }

        flows.Sort(static (a, b) => a.IndexedPathOrder.CompareTo(b.IndexedPathOrder));
        foreach (var flow in flows)
        {
            if (flow.IndexedPath is { } path)
            {
                _flowByPath[path] = flow;
                _flowBySource[path.Source] = flow;
            }
        }
    }

    private void OnRegisterRequest(SipMessageFact m)
    {
        var key = TransactionKey(m);
        if (_active.TryGetValue(key, out var existing))
        {
            // RFC 3261 §17.1.2.2: the same request again is a retransmission, not a new transaction.
            existing.Retransmissions++;
            existing.AddRequestFrame(m.FrameNumber, _options.MaxFramesPerTransaction);
            return;
        }

        _model.RegisterRequests++;
        string? instance = null;
        for (var ci = 0; ci < m.Contacts.Count; ci++)
        {
            var c = m.Contacts[ci];
            if (c.InstanceId is not null)
            {
                instance = c.InstanceId;
                break;
            }
        }

        var aor = _keys.AddressOfRecord(m.ToUri);
        var flow = FindOrCreateFlow(aor, m.CallId, instance, _keys.EndpointHost(m.Source), m);
        if (flow is null)
        {
            return;
        }

        var t = NewTransaction(key, flow);
        t.CSeq = m.CSeq;
        t.Source = m.Source;
        t.Destination = m.Destination;
        t.StartTimeNs = m.TimeNs;
        t.HasCredentials = m.Authorization is not null;
        t.RequestLength = m.Length;
        t.Request = m;
        t.AddRequestFrame(m.FrameNumber, _options.MaxFramesPerTransaction);
        var allZero = m.Contacts.Count > 0;
        for (var ci = 0; ci < m.Contacts.Count; ci++)
        {
            var c = m.Contacts[ci];
            if (RequestedLifetime(c, m) != 0)
            {
                allZero = false;
            }
        }

        // RFC 3261 §10.2.2: Contact: * with Expires: 0, or every Contact with a zero lifetime, removes bindings.
        t.IsDeregistration = m.ContactStar || allZero;
        t.IsQuery = !m.ContactStar && m.Contacts.Count == 0;
        t.RequestedExpires = m.ContactStar ? m.Expires ?? 0 : m.Contacts.Count > 0 ? RequestedLifetime(m.Contacts[0], m) : null;

        OnFlowRequest(flow, t, m);
        _active[key] = t;
        if (m.ViaBranch is not null)
        {
            var branchKey = (m.ViaBranch, m.CallId);
            t.BranchIndexCallId = m.CallId;
            _byBranch[branchKey] = t;
        }

        t.RetireAtNs = m.TimeNs + _timeoutNs + _lingerNs;
        _retire.Enqueue((t, t.Generation), t.RetireAtNs);
        RetireOverCap();
        NoteBurst(flow.Key, m);
    }

    private void OnFlowRequest(RegistrationFlow flow, SipTransaction t, SipMessageFact m)
    {
        var now = m.TimeNs;
        var previous = flow.LastTransaction;
        var newCycle = previous is null || previous.FinalStatus is >= 200 and < 300;
        if (newCycle)
        {
            var registering = !t.IsDeregistration && !t.IsQuery;
            if (previous is not null && registering && flow.HasRegistered && !flow.LastSuccessWasDeregistration)
            {
                // A refresh of a live registration: measure the interval and check the previous grant still held.
                flow.RefreshCycles++;
                flow.AddRefreshInterval(
                    new RefreshInterval(flow.CycleStartFrame, m.FrameNumber, (now - flow.CycleStartNs) / (double)NsPerSecond, flow.KeepAlivesInCycle, flow.GrantedExpires),
                    _options.MaxRefreshIntervalsPerFlow);
                if (flow.BoundUntilNs is { } until && until < now)
                {
                    AddEvent(flow, new RegistrationEvent(RegistrationEventKind.BindingLapsed, now, [flow.LastSuccessFrame, m.FrameNumber], (now - until) / NsPerSecond, flow.GrantedExpires));
                }

                flow.CycleIsRefresh = true;
            }
            else
            {
                flow.CycleIsRefresh = false;
            }

            flow.CycleStartNs = now;
            flow.CycleStartFrame = m.FrameNumber;
            flow.CycleChallenged = false;
            flow.KeepAlivesInCycle = 0;
        }

        // RFC 3261 §10.2.8 / §10.3 step 7: after a 423 the UA should ask for at least Min-Expires.
        if (flow.PendingMinExpires is { } min && !t.IsQuery)
        {
            var asked = MinRequested(m);
            var kind = asked >= min || t.IsDeregistration ? RegistrationEventKind.MinExpiresHonoured : RegistrationEventKind.MinExpiresIgnored;
            AddEvent(flow, new RegistrationEvent(kind, now, [flow.PendingMinExpiresFrame, m.FrameNumber], asked, min));
            flow.PendingMinExpires = null;
        }

        if (m.Authorization is { } auth)
        {
            // RFC 3261 §22.2/§22.3: Authorization answers WWW-Authenticate, Proxy-Authorization answers Proxy-Authenticate.
            if (flow.LastChallengeRealm is { } challengeRealm && auth.Realm is not null
                && IsProxyHeader(auth.Header) == flow.LastChallengeWasProxy
                && !string.Equals(auth.Realm, challengeRealm, StringComparison.Ordinal))
            {
                AddEvent(flow, new RegistrationEvent(RegistrationEventKind.RealmMismatch, now, [flow.LastChallengeFrame, m.FrameNumber], Text: auth.Realm + "|" + challengeRealm));
            }

            if (flow.LastNextNonce is not null && auth.Nonce is not null && auth.Nonce != flow.LastNextNonce && auth.Nonce == flow.LastUsedNonce)
            {
                AddEvent(flow, new RegistrationEvent(RegistrationEventKind.NonceReusedAfterNextNonce, now, [flow.LastNextNonceFrame, m.FrameNumber]));
            }

            // RFC 7616 §3.4: the nonce count must grow with each request that reuses a nonce.
            if (auth.Nonce is not null && auth.Nonce == flow.LastUsedNonce && auth.NonceCount is { } nc && flow.LastNonceCount is { } lastNc && nc <= lastNc)
            {
                AddEvent(flow, new RegistrationEvent(RegistrationEventKind.NonceCountNotIncremented, now, [m.FrameNumber], nc));
            }

            flow.LastUsedNonce = auth.Nonce;
            flow.LastNonceCount = auth.NonceCount;
            flow.LastNextNonce = null;
        }

        flow.Source = m.Source;
        flow.Registrar = m.Destination;
        flow.Transport = m.Transport;
        flow.Hops = Math.Max(flow.Hops, m.ViaCount);
        flow.UserAgent = m.UserAgent ?? flow.UserAgent;
        flow.LastTimeNs = now;
        if (!t.IsDeregistration && !t.IsQuery)
        {
            flow.RequestedExpires = t.RequestedExpires;
            var contacts = new FlowContactListBuilder(flow.RequestedContacts, m.Contacts.Count);
            var outbound = false;
            for (var ci = 0; ci < m.Contacts.Count; ci++)
            {
                var c = m.Contacts[ci];
                contacts.Add(c.Uri, RequestedLifetime(c, m), null, c.InstanceId, c.RegId, c.Ob, null, null);
                outbound |= c.RegId is not null && c.InstanceId is not null;

                // A private Contact sent from a public address has crossed a NAT.
                if (!m.SourceIsPrivate && _keys.IsPrivateAddress(c.Host) && !_keys.IsPrivateAddress(_keys.EndpointHost(m.Source)))
                {
                    flow.NatEvident = true;
                }
            }

            flow.SetContacts(contacts.Result, granted: false);

            // RFC 5626 §4.2: outbound is asked for with reg-id and +sip.instance plus Supported: outbound.
            flow.OutboundRequested = outbound && HasOption(m.Supported, "outbound");
        }

        if (m.Path.Count > 0)
        {
            flow.Path = m.Path;
        }

        IndexPath(flow, m.Source, m.Destination);
        AddToFlow(flow, t);
        flow.LastTransaction = t;
    }

    private static bool IsProxyHeader(string header) => header.StartsWith("Proxy", StringComparison.OrdinalIgnoreCase);

    private static bool EndpointMatches(string quoted, string actual) =>
        quoted == actual || (SipUriText.EndpointPort(quoted) is null && quoted.Trim('[', ']') == SipUriText.EndpointHost(actual));

    private static long MinRequested(SipMessageFact m)
    {
        if (m.Contacts.Count == 0)
        {
            return m.Expires ?? DefaultExpires;
        }

        var min = long.MaxValue;
        for (var ci = 0; ci < m.Contacts.Count; ci++)
        {
            var c = m.Contacts[ci];
            min = Math.Min(min, RequestedLifetime(c, m));
        }

        return min;
    }

    private void OnRegisterResponse(SipMessageFact m)
    {
        var key = TransactionKey(m);
        if (!_active.TryGetValue(key, out var t))
        {
            // The request was not captured (capture started late, or the transaction was retired): adopt the response.
            var aor = _keys.AddressOfRecord(m.ToUri);
            var flow0 = FindOrCreateFlow(aor, m.CallId, null, _keys.EndpointHost(m.Destination), m);
            if (flow0 is null)
            {
                return;
            }

            if (flow0.LastTransaction is { } last && last.Id == key && last.FinalStatus is not null)
            {
                last.ResponseRetransmissions++;
                return;
            }

            t = NewTransaction(key, flow0);
            t.CSeq = m.CSeq;
            t.Source = m.Destination;
            t.Destination = m.Source;
            t.StartTimeNs = m.TimeNs;
            flow0.Source = m.Destination;
            flow0.Registrar = m.Source;
            flow0.Transport = m.Transport;
            AddToFlow(flow0, t);
            flow0.LastTransaction = t;
            _active[key] = t;

            // Retired like a request's transaction unless a final response comes (which sets a new retire time).
            t.RetireAtNs = m.TimeNs + _timeoutNs + _lingerNs;
            _retire.Enqueue((t, t.Generation), t.RetireAtNs);
            RetireOverCap();
        }

        var status = m.StatusCode ?? 0;
        t.AddResponse(m.FrameNumber, status, m.TimeNs, _options.MaxFramesPerTransaction);
        if (status < 200)
        {
            return;
        }

        if (t.FinalStatus is not null)
        {
            t.ResponseRetransmissions++;
            return;
        }

        t.FinalStatus = status;
        t.FinalReason = m.Reason;
        t.FinalFrame = m.FrameNumber;
        t.ResponseTimeSeconds = (m.TimeNs - t.StartTimeNs) / (double)NsPerSecond;
        t.Outcome = TransactionOutcome.Final;
        t.RetryAfter = m.RetryAfter;
        t.ResponseLength = m.Length;
        t.RetireAtNs = m.TimeNs + _lingerNs;
        _retire.Enqueue((t, t.Generation), t.RetireAtNs);
        OnFlowFinal(t.Flow, t, m);

        // Nothing reads the request after its final response: letting it go now keeps facts short-lived (gen0).
        t.Request = null;
    }

    private void OnFlowFinal(RegistrationFlow flow, SipTransaction t, SipMessageFact m)
    {
        var now = m.TimeNs;
        var status = m.StatusCode ?? 0;
        flow.LastTimeNs = now;
        flow.Server = m.Server ?? flow.Server;
        NoteNat(flow, m);
        var requestFrame = t.FirstRequestFrame;
        if (status is 401 or 407)
        {
            flow.Challenges++;
            if (status == 407)
            {
                flow.ProxyChallenges++;
            }

            flow.LastChallengeRealm = m.Challenge?.Realm;
            flow.LastChallengeWasProxy = m.Challenge is { } challenge && IsProxyHeader(challenge.Header);
            flow.LastChallengeFrame = m.FrameNumber;

            // A fresh challenge (even with the same nonce) lets the UA start counting again at nc=1.
            flow.LastNonceCount = null;
            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.Challenged, now, [requestFrame, m.FrameNumber], status, Text: m.Challenge?.Realm));
            if (flow.CycleIsRefresh && !flow.CycleChallenged)
            {
                flow.ChallengedRefreshCycles++;
                SipTransaction.AddCapped(flow.ChallengedRefreshFrameList, m.FrameNumber, _options.MaxEventsPerFlow);
            }

            flow.CycleChallenged = true;
            if (t.HasCredentials)
            {
                flow.CredentialedChallengeRun++;
                SipTransaction.AddCapped(flow.RunFrameList, requestFrame, _options.MaxEventsPerFlow);
                SipTransaction.AddCapped(flow.RunFrameList, m.FrameNumber, _options.MaxEventsPerFlow);
            }

            if (m.Challenge is { Stale: true })
            {
                AddEvent(flow, new RegistrationEvent(RegistrationEventKind.StaleNonce, now, [m.FrameNumber]));
            }

            return;
        }

        if (status == 423)
        {
            t.MinExpires = m.MinExpires;
            flow.PendingMinExpires = m.MinExpires ?? (t.RequestedExpires is { } r ? r + 1 : 1);
            flow.PendingMinExpiresFrame = m.FrameNumber;
            return;
        }

        if (status >= 300)
        {
            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.FinalFailure, now, [requestFrame, m.FrameNumber], status, m.RetryAfter, m.Reason));
            return;
        }

        OnSuccess(flow, t, m, requestFrame);
    }

    private void OnSuccess(RegistrationFlow flow, SipTransaction t, SipMessageFact m, long requestFrame)
    {
        var now = m.TimeNs;
        var request = t.Request;
        flow.Successes++;
        flow.CredentialedChallengeRun = 0;
        flow.RunFrameList.Clear();
        if (m.NextNonce is not null)
        {
            flow.NextNonces++;
            flow.LastNextNonce = m.NextNonce;
            flow.LastNextNonceFrame = m.FrameNumber;
        }

        if (m.Path.Count > 0)
        {
            flow.Path = m.Path;
        }

        if (m.ServiceRoute.Count > 0)
        {
            flow.ServiceRoute = m.ServiceRoute;
            flow.ServiceRouteFrame = m.FrameNumber;
        }

        var aor = flow.AddressOfRecord;
        if (t.IsQuery || request is null)
        {
            ApplyBindings(aor, m, t, null, flow);
            return;
        }

        if (t.IsDeregistration)
        {
            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.Deregistered, now, [requestFrame, m.FrameNumber]));
            flow.BoundUntilNs = null;
            flow.LastSuccessWasDeregistration = true;
            ApplyBindings(aor, m, t, request, flow);
            return;
        }

        // RFC 3261 §10.3 step 8 / §10.2.4: the 200 OK lists each binding with its expires; match ours by URI (§19.1.4).
        var contacts = new FlowContactListBuilder(flow.GrantedContacts, request.Contacts.Count);
        long? firstGranted = null;
        var minGranted = long.MaxValue;
        var regIdEchoed = false;
        // Matched by scanning when few (the rule); indexed once when many, so matching stays linear.
        Dictionary<string, SipContactFact>? granted200 = null;
        for (var ci = 0; ci < request.Contacts.Count; ci++)
        {
            var c = request.Contacts[ci];
            var requested = RequestedLifetime(c, request);
            var match = FindContact(m.Contacts, _keys.ContactKey(c.Uri), ref granted200);

            long? granted = match?.Expires ?? m.Expires;
            if (match is null && m.Contacts.Count == 0 && granted is null)
            {
                granted = null;
            }

            regIdEchoed |= match?.RegId is not null;
            firstGranted ??= granted;
            minGranted = Math.Min(minGranted, granted ?? requested);
            contacts.Add(c.Uri, requested, granted, c.InstanceId, c.RegId, c.Ob, match?.PubGruu, match?.TempGruu);
            if (granted is { } g && g < requested && g > 0)
            {
                AddEvent(flow, new RegistrationEvent(RegistrationEventKind.GrantReduced, now, [requestFrame, m.FrameNumber], g, requested, c.Uri));
            }
        }

        flow.SetContacts(contacts.Result, granted: true);
        t.GrantedExpires = firstGranted;
        flow.GrantedExpires = firstGranted;
        if (!flow.HasRegistered)
        {
            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.Registered, now, [requestFrame, m.FrameNumber], firstGranted, t.RequestedExpires));
        }

        if (flow.Challenges > 0)
        {
            flow.ChallengedThenRegistered = true;
        }

        flow.HasRegistered = true;
        flow.LastSuccessWasDeregistration = false;
        flow.LastSuccessFrame = m.FrameNumber;
        flow.LastSuccessTimeNs = now;
        flow.KeepAlivesSinceSuccess = 0;
        flow.BoundUntilNs = minGranted == long.MaxValue ? null : now + (minGranted * NsPerSecond);
        if (flow.CycleIsRefresh)
        {
            flow.RefreshBytes += t.RequestLength + t.ResponseLength;
        }

        // RFC 5626 §6: a registrar that does outbound answers with Require: outbound; without it the flow is not kept.
        if (flow.OutboundRequested)
        {
            if (HasOption(m.Require, "outbound"))
            {
                flow.OutboundConfirmed = true;
            }
            else
            {
                AddEvent(flow, new RegistrationEvent(RegistrationEventKind.OutboundNotConfirmed, now, [requestFrame, m.FrameNumber], Text: regIdEchoed ? "reg-id echoed" : "reg-id not echoed"));
            }
        }

        ApplyBindings(aor, m, t, request, flow);
        CheckGhosts(flow, m);
    }

    private void ApplyBindings(string aor, SipMessageFact response, SipTransaction t, SipMessageFact? request, RegistrationFlow flow)
    {
        var listed = _listed;
        listed.Clear();
        Dictionary<string, SipContactFact>? requestIndex = null;
        if (response.Contacts.Count > 0)
        {
            for (var ci = 0; ci < response.Contacts.Count; ci++)
            {
                var c = response.Contacts[ci];
                var owner = request is not null && FindContact(request.Contacts, _keys.ContactKey(c.Uri), ref requestIndex) is not null ? flow.Key : null;
                listed.Add((c.Uri, c.Expires ?? response.Expires ?? DefaultExpires, c.InstanceId, c.RegId, owner));
            }

            _model.Bindings.Apply(aor, response.TimeNs, response.FrameNumber, listed, authoritative: true, removeAll: false);
            return;
        }

        if (request is null)
        {
            // A query answered with no Contact: the AOR has no binding.
            _model.Bindings.Apply(aor, response.TimeNs, response.FrameNumber, listed, authoritative: true, removeAll: false);
            return;
        }

        if (request.ContactStar || t.IsDeregistration)
        {
            if (request.ContactStar)
            {
                _model.Bindings.Apply(aor, response.TimeNs, response.FrameNumber, listed, authoritative: false, removeAll: true);
                return;
            }
        }

        // A 200 without Contacts for a registration (registrar not listing bindings): fall back to what was asked.
        for (var ci = 0; ci < request.Contacts.Count; ci++)
        {
            var c = request.Contacts[ci];
            listed.Add((c.Uri, response.Expires ?? RequestedLifetime(c, request), c.InstanceId, c.RegId, flow.Key));
        }

        _model.Bindings.Apply(aor, response.TimeNs, response.FrameNumber, listed, authoritative: t.IsDeregistration, removeAll: false);
    }

    /// <summary>The first Contact of a list whose key is <paramref name="key"/>; a long list is indexed on first use.</summary>
    private SipContactFact? FindContact(IReadOnlyList<SipContactFact> contacts, string key, ref Dictionary<string, SipContactFact>? index)
    {
        if (contacts.Count <= ContactScanLimit)
        {
            for (var ci = 0; ci < contacts.Count; ci++)
            {
                var c = contacts[ci];
                if (_keys.ContactKey(c.Uri) == key)
                {
                    return c;
                }
            }

            return null;
        }

        if (index is null)
        {
            index = new Dictionary<string, SipContactFact>(contacts.Count, StringComparer.Ordinal);
            for (var ci = 0; ci < contacts.Count; ci++)
            {
                var c = contacts[ci];
                index.TryAdd(_keys.ContactKey(c.Uri), c);
            }
        }

        return index.GetValueOrDefault(key);
    }

    private void CheckGhosts(RegistrationFlow flow, SipMessageFact m)
    {
        var active = _model.Bindings.ActiveSpans(flow.AddressOfRecord, m.TimeNs);
        if (active.Count < 2)
        {
            return;
        }

        Dictionary<string, List<BindingSpan>>? groups = null;
        foreach (var span in active)
        {
            groups ??= new Dictionary<string, List<BindingSpan>>(StringComparer.Ordinal);
            var k = _keys.ContactKeyWithoutHostPort(span.ContactUri);
            if (!groups.TryGetValue(k, out var g))
            {
                g = [];
                groups[k] = g;
            }

            g.Add(span);
        }

        foreach (var g in groups!.Values)
        {
            if (g.Count < 2)
            {
                continue;
            }

            // Bindings from one REGISTER (several Contacts on purpose) or one outbound instance with distinct reg-ids
            // (RFC 5626 §4.2) are not ghosts; bindings left behind by earlier flows of the same UA are.
            var owners = new HashSet<string>(StringComparer.Ordinal);
            var instances = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in g)
            {
                owners.Add(s.FlowKey ?? "?" + s.ContactKey);
                if (s.InstanceId is not null && s.RegId is not null)
                {
                    instances.Add(s.InstanceId + "|" + s.RegId);
                }
            }

            if (owners.Count < 2 || instances.Count == g.Count)
            {
                continue;
            }

            var uris = new List<string>(g.Count);
            foreach (var s in g)
            {
                uris.Add(s.ContactUri);
            }

            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.GhostBindings, m.TimeNs, [m.FrameNumber], g.Count, Text: string.Join(" ", uris)));
        }
    }

    private void NoteNat(RegistrationFlow flow, SipMessageFact response)
    {
        // RFC 3261 §18.2.1 / RFC 3581: received and rport differing from sent-by show an address translation.
        if (response.ViaSentBy is null)
        {
            return;
        }

        var sentHost = _keys.EndpointHost(response.ViaSentBy);
        var sentPort = SipUriText.EndpointPort(response.ViaSentBy) ?? 5060;
        if ((response.ViaReceived is { } received && !string.Equals(received.Trim('[', ']'), sentHost, StringComparison.OrdinalIgnoreCase))
            || (response.ViaRport is { } rport && rport != sentPort))
        {
            flow.NatEvident = true;
        }
    }

    private void OnOtherRequest(SipMessageFact m)
    {
        // RFC 3608 §6: initial requests outside a dialog use the Service-Route as a preloaded route set.
        if (m.ToTag is not null || m.Method is null || m.Method is "ACK" or "CANCEL" || !_flowBySource.TryGetValue(m.Source, out var flow))
        {
            return;
        }

        if (flow.ServiceRoute.Count == 0 || flow.LastSuccessWasDeregistration || !flow.HasRegistered)
        {
            return;
        }

        if (m.FromUri is not null && _keys.AddressOfRecord(m.FromUri) != flow.AddressOfRecord)
        {
            return;
        }

        var next = 0;
        for (var ri = 0; ri < m.Route.Count; ri++)
        {
            var route = m.Route[ri];
            if (next < flow.ServiceRoute.Count && _keys.ContactKey(route) == _keys.ContactKey(flow.ServiceRoute[next]))
            {
                next++;
            }
        }

        if (next < flow.ServiceRoute.Count)
        {
            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.ServiceRouteIgnored, m.TimeNs, [flow.ServiceRouteFrame, m.FrameNumber], Text: m.Method));
        }
    }

    private void OnKeepAlive(string source, string destination)
    {
        _model.KeepAlives++;
        if (_flowByPath.TryGetValue((source, destination), out var flow) || _flowByPath.TryGetValue((destination, source), out flow))
        {
            flow.KeepAlives++;
            flow.KeepAlivesInCycle++;
            flow.KeepAlivesSinceSuccess++;
        }
        else
        {
            _model.UnmatchedKeepAlives++;
        }
    }

    private void OnIcmp(IcmpUnreachableFact i)
    {
        _model.IcmpUnreachables++;
        if (!i.QuotesSipRegister)
        {
            return;
        }

        SipTransaction? t = null;
        if (i.Branch is not null && i.CallId is not null)
        {
            _byBranch.TryGetValue((i.Branch, i.CallId), out t);
        }

        if (t is null)
        {
            foreach (var candidate in _active.Values)
            {
                // Fall back to the quoted addresses (the port may be missing) and, when quoted, the Call-ID.
                if (candidate.FinalStatus is null && EndpointMatches(i.QuotedSource, candidate.Source) && EndpointMatches(i.QuotedDestination, candidate.Destination)
                    && (i.CallId is null || candidate.Request?.CallId is null || candidate.Request.CallId == i.CallId))
                {
                    t = candidate;
                    break;
                }
            }
        }

        t?.AddIcmpFrame(i.FrameNumber, _options.MaxFramesPerTransaction);
    }

    private void OnDns(DnsFact d)
    {
        _model.DnsMessages++;
        if (!d.SipRelated)
        {
            return;
        }

        var id = d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!d.IsResponse)
        {
            // Matched by client, server, transport and ID (RFC 1035 §7.3); the question may be missing from an error response.
            var key = string.Concat(d.Source, "|", d.Destination, "|", d.Transport, "|", id);
            if (_pendingDns.TryGetValue(key, out var pending)
                && string.Equals(pending.Name, d.QuestionName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
                && string.Equals(pending.Type, d.QuestionType, StringComparison.OrdinalIgnoreCase))
            {
                pending.Retransmissions++;
                return;
            }

            var clue = NewClue(d, d.Source, d.Destination);
            if (clue is not null)
            {
                clue.QueryFrame = d.FrameNumber;
                _pendingDns[key] = clue;
            }

            return;
        }

        var responseKey = string.Concat(d.Destination, "|", d.Source, "|", d.Transport, "|", id);
        if (!_pendingDns.Remove(responseKey, out var answered))
        {
            answered = NewClue(d, d.Destination, d.Source);
            if (answered is null)
            {
                return;
            }
        }

        answered.ResponseFrame = d.FrameNumber;
        answered.Rcode = d.Rcode ?? "NOERROR";
        answered.AnswerCount = d.AnswerCount;
        answered.Answers = d.Answers;
        answered.Truncated = d.Truncated;
        answered.Outcome = !string.Equals(answered.Rcode, "NOERROR", StringComparison.OrdinalIgnoreCase) ? DnsOutcome.Error
            : d.AnswerCount == 0 && d.Answers.Count == 0 ? DnsOutcome.Empty
            : DnsOutcome.Answered;
    }

    private DnsClue? NewClue(DnsFact d, string client, string server)
    {
        if (_model.DnsClueList.Count >= _options.MaxDnsClues)
        {
            _model.DroppedDnsClues++;
            return null;
        }

        var clue = new DnsClue { Name = d.QuestionName.TrimEnd('.'), Type = d.QuestionType.ToUpperInvariant(), Client = client, Server = server, Transport = d.Transport, Id = d.Id, TimeNs = d.TimeNs };
        _model.DnsClueList.Add(clue);
        return clue;
    }

    private void FinishDns()
    {
        _pendingDns.Clear();
        var addressed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in _model.DnsClueList)
        {
            if (c.Outcome == DnsOutcome.Answered && c.Type is "A" or "AAAA")
            {
                addressed.Add(c.Name);
            }
        }

        foreach (var c in _model.DnsClueList)
        {
            // An empty AAAA beside a good A for the same name (or the reverse) is normal dual-stack resolution.
            c.IsFailure = c.Outcome switch
            {
                DnsOutcome.Error or DnsOutcome.NoResponse => true,
                DnsOutcome.Empty => !(c.Type is "A" or "AAAA" && addressed.Contains(c.Name)),
                _ => false,
            };
        }
    }

    private void NoteBurst(string flowKey, SipMessageFact m)
    {
        if (_burstStartNs == long.MinValue || m.TimeNs - _burstStartNs >= _burstWindowNs || m.TimeNs < _burstStartNs)
        {
            CloseBurst();
            _burstStartNs = m.TimeNs;
        }

        if (_burstUas.Add(flowKey))
        {
            SipTransaction.AddCapped(_burstFrames, m.FrameNumber, _options.MaxEvidenceFrames);
        }
    }

    private void CloseBurst()
    {
        if (_burstUas.Count >= 2 && _model.BurstList.Count < _options.MaxRegisterBursts)
        {
            _model.BurstList.Add(new RegisterBurst(_burstStartNs, _burstUas.Count, [.. _burstFrames]));
        }

        _burstUas.Clear();
        _burstFrames.Clear();
    }

    private void RetireTransactions()
    {
        while (_retire.TryPeek(out _, out var at) && at <= _nowNs)
        {
            RetireFirst();
        }
    }

    /// <summary>
    /// Keeps the matchable transactions within <see cref="AnalysisOptions.MaxActiveTransactions"/>: each stays
    /// matchable for the no-response timeout plus the linger (64 s by default), so a REGISTER storm of distinct
    /// transactions would otherwise hold them all. Past the cap the ones due soonest retire now (a pending one is then
    /// classified as it would be at its timeout), counted in <see cref="RegistrationModel.TransactionsRetiredEarly"/>.
    /// </summary>
    private void RetireOverCap()
    {
        while (_active.Count > _options.MaxActiveTransactions && _retire.Count > 0)
        {
            if (RetireFirst())
            {
                _model.TransactionsRetiredEarly++;
            }
        }
    }

    /// <summary>Retires the transaction due first; false when its entry was superseded.</summary>
    private bool RetireFirst()
    {
        if (!_retire.TryDequeue(out var entry, out var at))
        {
            return false;
        }

        var t = entry.Transaction;
        if (t.Generation != entry.Generation || t.RetireAtNs != at)
        {
            return false; // superseded entry: a new retire time after the final response, or the object was reused
        }

        if (t.FinalStatus is null)
        {
            Classify(t, atEnd: false);
        }

        if (_active.TryGetValue(t.Id, out var current) && ReferenceEquals(current, t))
        {
            _active.Remove(t.Id);
        }

        if (t.BranchIndexCallId is { } indexCallId && _byBranch.TryGetValue((t.Branch!, indexCallId), out var b) && ReferenceEquals(b, t))
        {
            _byBranch.Remove((t.Branch!, indexCallId));
        }

        t.Request = null;
        t.Retired = true;
        return true;
    }

    /// <summary>Records an event on a flow within the per-flow and per-kind caps of the options.</summary>
    private void AddEvent(RegistrationFlow flow, RegistrationEvent e) => flow.AddEvent(e, _options.MaxEventsPerFlow, _options.MaxEventsPerKind);

    /// <summary>A transaction object: a retired one that fell out of a flow's window if there is one, else a new one.</summary>
    private SipTransaction NewTransaction(TransactionId id, RegistrationFlow flow)
    {
        if (_spareTransactions.TryPop(out var t))
        {
            t.Reuse(id, flow);
            return t;
        }

        return new SipTransaction(id, flow);
    }

    /// <summary>
    /// Adds a transaction to its flow's window. Those that fall out are kept for reuse once no index refers to them: a
    /// registrar capture makes millions of transactions, and reusing them keeps the old generation of the heap from
    /// filling with dead ones.
    /// </summary>
    private void AddToFlow(RegistrationFlow flow, SipTransaction t)
    {
        flow.AddTransaction(t);
        // The flows share MaxKeptTransactions; each keeps at least MinTransactionsPerFlow, at most MaxTransactionsPerFlow.
        var share = _options.MaxKeptTransactions / Math.Max(1, _model.FlowList.Count);
        var cap = Math.Min(_options.MaxTransactionsPerFlow, Math.Max(MinTransactionsPerFlow, share));
        while (flow.DropTransaction(cap) is { } dropped)
        {
            if (dropped.Retired && !ReferenceEquals(dropped, flow.LastTransaction) && _spareTransactions.Count < MaxSpareTransactions)
            {
                _spareTransactions.Push(dropped);
            }
        }
    }

    private void Classify(SipTransaction t, bool atEnd)
    {
        if (t.Outcome != TransactionOutcome.Pending)
        {
            return;
        }

        var flow = t.Flow;
        var movedOn = flow.LastTransaction is { } last && !ReferenceEquals(last, t);
        var minRetransmissions = _options.GetThreshold("no-response.minRetransmissions", 3);
        var noResponse = !atEnd || movedOn || t.IcmpFrames.Count > 0 || t.Retransmissions >= minRetransmissions || _nowNs - t.StartTimeNs >= _timeoutNs;
        t.Outcome = noResponse ? TransactionOutcome.NoResponse : TransactionOutcome.Incomplete;
        if (noResponse)
        {
            var frames = new List<long>(t.RequestFrames);
            frames.AddRange(t.IcmpFrames);
            AddEvent(flow, new RegistrationEvent(RegistrationEventKind.NoResponse, t.StartTimeNs, frames, t.Retransmissions, t.IcmpFrames.Count));
        }
    }

    private RegistrationStatus FlowStatus(RegistrationFlow flow)
    {
        if (flow.CredentialedChallengeRun >= _options.GetThreshold("auth-loop.minChallenges", 3))
        {
            return RegistrationStatus.AuthLoop;
        }

        // The latest REGISTER that registered or de-registered decides; a query (no Contact) only when nothing else exists.
        SipTransaction? last = null;
        for (var i = flow.Transactions.Count - 1; i >= 0 && (last is null || last.IsQuery); i--)
        {
            if (last is null || !flow.Transactions[i].IsQuery)
            {
                last = flow.Transactions[i];
            }
        }

        if (last is null)
        {
            return RegistrationStatus.Incomplete;
        }

        return last.FinalStatus switch
        {
            null => last.Outcome == TransactionOutcome.NoResponse ? RegistrationStatus.NoResponse : RegistrationStatus.Incomplete,
            >= 200 and < 300 when last.IsDeregistration => RegistrationStatus.Deregistered,
            >= 200 and < 300 => flow.ChallengedThenRegistered ? RegistrationStatus.ChallengeThenRegistered : RegistrationStatus.Registered,

            // A credentialed REGISTER challenged again means the credentials were refused; an uncredentialed one that
            // the UA never retried leaves the procedure unfinished.
            401 or 407 => last.HasCredentials ? RegistrationStatus.Failed : RegistrationStatus.Incomplete,
            _ => RegistrationStatus.Failed,
        };
    }

    private RegistrationStatus CaptureStatus()
    {
        if (_model.FlowList.Count == 0)
        {
            // REGISTERs seen but none tracked (flow cap): say so rather than claim there was none.
            return _model.RegisterRequests == 0 ? RegistrationStatus.NoRegister : RegistrationStatus.Incomplete;
        }

        var best = RegistrationStatus.NoRegister;
        foreach (var f in _model.FlowList)
        {
            if (f.Status < best)
            {
                best = f.Status;
            }
        }

        return best;
    }
}
