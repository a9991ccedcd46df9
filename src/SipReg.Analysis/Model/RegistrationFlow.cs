namespace SipReg.Analysis.Model;

/// <summary>
/// The registration of one UA for one address-of-record, across its refreshes: every REGISTER transaction,
/// challenges, lifetimes, Path/Service-Route, outbound and GRUU details, keep-alives and a timeline of events.
/// </summary>
/// <remarks>
/// A flow is keyed by the normalised AOR (To URI), the UA (its <c>+sip.instance</c> when present, else the Call-ID)
/// and the sending host, so a proxy's forwarded leg of the same registration is a flow of its own.
/// Transactions and events are capped (<see cref="AnalysisOptions"/>); counters keep counting past the caps.
/// </remarks>
public sealed class RegistrationFlow
{
    private readonly List<SipTransaction> _transactions = [];
    private readonly List<RegistrationEvent> _events = [];
    private static readonly int s_kindCount = Enum.GetValues<RegistrationEventKind>().Length;
    private RegistrationEventTally[]? _tallies;
    private int[]? _dropped;
    private readonly List<RefreshInterval> _refreshIntervals = [];
    private readonly List<long> _runFrames = [];
    private readonly List<long> _challengedRefreshFrames = [];

    internal RegistrationFlow(string key, string aor, string callId)
    {
        Key = key;
        AddressOfRecord = aor;
        CallId = callId;
    }

    /// <summary>The flow key: AOR, UA and sending host.</summary>
    public string Key { get; }

    /// <summary>The normalised address-of-record (scheme, user, lower-cased host).</summary>
    public string AddressOfRecord { get; }

    /// <summary>The Call-ID of the first REGISTER.</summary>
    public string CallId { get; }

    /// <summary>The <c>+sip.instance</c> of the UA (RFC 5626 §4.1), or null.</summary>
    public string? InstanceId { get; internal set; }

    /// <summary>The User-Agent header, or null.</summary>
    public string? UserAgent { get; internal set; }

    /// <summary>The Server header of the registrar's answers, or null.</summary>
    public string? Server { get; internal set; }

    /// <summary>The UA's endpoint (source of the latest REGISTER).</summary>
    public string Source { get; internal set; } = "";

    /// <summary>The registrar's endpoint (destination of the latest REGISTER).</summary>
    public string Registrar { get; internal set; } = "";

    /// <summary>
    /// The most Via headers seen on the flow's REGISTERs: 1 when the capture saw the UA's own request, more when it saw
    /// a copy forwarded by proxies (a forwarded leg of another flow with the same AOR and Call-ID).
    /// </summary>
    public int Hops { get; internal set; }

    /// <summary>The transport of the latest REGISTER.</summary>
    public string Transport { get; internal set; } = "udp";

    /// <summary>The flow's status (set when the analysis completes).</summary>
    public RegistrationStatus Status { get; internal set; } = RegistrationStatus.Incomplete;

    /// <summary>How many 401/407 challenges the flow received.</summary>
    public int Challenges { get; internal set; }

    /// <summary>How many of those challenges were 407 Proxy Authentication Required (RFC 3261 §22.3).</summary>
    public int ProxyChallenges { get; internal set; }

    /// <summary>How many REGISTER transactions the flow had (including those dropped by the cap).</summary>
    public int TransactionCount { get; internal set; }

    /// <summary>How many 2xx answers the flow received.</summary>
    public int Successes { get; internal set; }

    /// <summary>The lifetime asked for by the latest REGISTER that asked for one (first Contact), or null.</summary>
    public long? RequestedExpires { get; internal set; }

    /// <summary>The lifetime granted by the latest 200 OK (first requested Contact), or null.</summary>
    public long? GrantedExpires { get; internal set; }

    /// <summary>The Contacts of the latest registering REGISTER with their requested and granted lifetimes.</summary>
    public IReadOnlyList<FlowContact> Contacts { get; private set; } = [];

    /// <summary>The Contact list the latest registering REGISTER gave (no grants yet).</summary>
    internal IReadOnlyList<FlowContact> RequestedContacts { get; private set; } = [];

    /// <summary>The Contact list the latest 200 OK gave (with grants).</summary>
    internal IReadOnlyList<FlowContact> GrantedContacts { get; private set; } = [];

    /// <summary>
    /// Sets <see cref="Contacts"/> from a REGISTER or a 200 OK. Each kind's list is kept apart, so a refresh cycle
    /// (REGISTER, then 200 OK) that repeats the last one finds both lists unchanged and keeps them.
    /// </summary>
    internal void SetContacts(IReadOnlyList<FlowContact> contacts, bool granted)
    {
        if (granted)
        {
            GrantedContacts = contacts;
        }
        else
        {
            RequestedContacts = contacts;
        }

        Contacts = contacts;
    }

    /// <summary>The Path of the latest 200 OK (RFC 3327), or of the latest REGISTER when the answer had none.</summary>
    public IReadOnlyList<string> Path { get; internal set; } = [];

    /// <summary>The Service-Route of the latest 200 OK (RFC 3608).</summary>
    public IReadOnlyList<string> ServiceRoute { get; internal set; } = [];

    /// <summary>Whether the UA asked for outbound (RFC 5626 §4.2: reg-id, +sip.instance and <c>Supported: outbound</c>).</summary>
    public bool OutboundRequested { get; internal set; }

    /// <summary>Whether a 200 OK confirmed outbound with <c>Require: outbound</c> (RFC 5626 §6).</summary>
    public bool OutboundConfirmed { get; internal set; }

    /// <summary>Whether NAT is evident: Via received/rport differing from sent-by, or a private Contact sent from a public address.</summary>
    public bool NatEvident { get; internal set; }

    /// <summary>Keep-alives (CRLFCRLF, CRLF, STUN) seen on the flow's path.</summary>
    public int KeepAlives { get; internal set; }

    /// <summary>Time of the first message, ns since the Unix epoch.</summary>
    public long FirstTimeNs { get; internal set; }

    /// <summary>Time of the latest message, ns since the Unix epoch.</summary>
    public long LastTimeNs { get; internal set; }

    /// <summary>Until when the latest successful registration holds (grant time plus lifetime), or null when not registered.</summary>
    public long? BoundUntilNs { get; internal set; }

    /// <summary>Whether a challenge was followed by a successful registration.</summary>
    public bool ChallengedThenRegistered { get; internal set; }

    /// <summary>Registration cycles that refreshed an existing registration (not the first, not de-registrations).</summary>
    public int RefreshCycles { get; internal set; }

    /// <summary>Refresh cycles whose first REGISTER was challenged.</summary>
    public int ChallengedRefreshCycles { get; internal set; }

    /// <summary>How many 200 OKs carried a <c>nextnonce</c> (RFC 3261 §20.6).</summary>
    public int NextNonces { get; internal set; }

    /// <summary>The current run of challenges to credentialed REGISTERs with no 2xx in between.</summary>
    public int CredentialedChallengeRun { get; internal set; }

    /// <summary>Frames of the current credentialed-challenge run (capped).</summary>
    public IReadOnlyList<long> CredentialedChallengeRunFrames => _runFrames;

    /// <summary>Frames of challenged refresh cycles (capped).</summary>
    public IReadOnlyList<long> ChallengedRefreshFrames => _challengedRefreshFrames;

    /// <summary>The REGISTER transactions kept (the most recent ones when capped).</summary>
    public IReadOnlyList<SipTransaction> Transactions => _transactions;

    /// <summary>Transactions dropped by the cap.</summary>
    public int DroppedTransactions { get; private set; }

    /// <summary>The flow's timeline of noteworthy events (the first ones when capped).</summary>
    public IReadOnlyList<RegistrationEvent> Events => _events;

    /// <summary>Events dropped by the cap.</summary>
    public int DroppedEvents { get; private set; }

    /// <summary>Intervals between successful cycles and the following refresh (the first ones when capped).</summary>
    public IReadOnlyList<RefreshInterval> RefreshIntervals => _refreshIntervals;

    /// <summary>How many refresh intervals were measured (including those dropped by the cap).</summary>
    public int RefreshIntervalCount { get; internal set; }

    /// <summary>Sum of all measured refresh intervals in seconds.</summary>
    public double RefreshIntervalTotalSeconds { get; internal set; }

    /// <summary>Sum of the REGISTER and final-response bytes of refresh cycles (for bandwidth estimates).</summary>
    public long RefreshBytes { get; internal set; }

    /// <summary>Keep-alives since the latest successful registration.</summary>
    public int KeepAlivesSinceSuccess { get; internal set; }

    /// <summary>Time of the latest successful registration, or null.</summary>
    public long? LastSuccessTimeNs { get; internal set; }

    /// <summary>The events of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Those events, in order.</returns>
    public IEnumerable<RegistrationEvent> EventsOf(RegistrationEventKind kind)
    {
        foreach (var e in _events)
        {
            if (e.Kind == kind)
            {
                yield return e;
            }
        }
    }


    internal SipTransaction? LastTransaction { get; set; }

    internal long CycleStartNs { get; set; }

    internal long CycleStartFrame { get; set; }

    internal bool CycleIsRefresh { get; set; }

    internal bool CycleChallenged { get; set; }

    internal int KeepAlivesInCycle { get; set; }

    internal long? PendingMinExpires { get; set; }

    internal long PendingMinExpiresFrame { get; set; }

    internal string? LastChallengeRealm { get; set; }

    internal bool LastChallengeWasProxy { get; set; }

    internal long LastChallengeFrame { get; set; }

    internal string? LastNextNonce { get; set; }

    internal long LastNextNonceFrame { get; set; }

    internal string? LastUsedNonce { get; set; }

    internal long? LastNonceCount { get; set; }

    internal long LastSuccessFrame { get; set; }

    internal long ServiceRouteFrame { get; set; }

    internal bool HasRegistered { get; set; }

    internal bool LastSuccessWasDeregistration { get; set; }

    /// <summary>The flow's latest path (source, destination) in the analyzer's path indexes.</summary>
    internal (string Source, string Destination)? IndexedPath { get; set; }

    /// <summary>When <see cref="IndexedPath"/> was set, in the order of the analyzer's index writes.</summary>
    internal long IndexedPathOrder { get; set; }

    /// <summary>The flow's latest (address-of-record, Call-ID, host) key in the analyzer's Call-ID index.</summary>
    internal (string Aor, string CallId, string Host)? IndexedCallKey { get; set; }

    /// <summary>When <see cref="IndexedCallKey"/> was set, in the order of the analyzer's index writes.</summary>
    internal long IndexedCallKeyOrder { get; set; }

    internal List<long> RunFrameList => _runFrames;

    internal List<long> ChallengedRefreshFrameList => _challengedRefreshFrames;

    /// <summary>Adds a transaction to the window (<see cref="DropTransaction"/> keeps the window within its cap).</summary>
    internal void AddTransaction(SipTransaction transaction)
    {
        TransactionCount++;
        _transactions.Add(transaction);
    }

    /// <summary>
    /// Past the cap, drops one transaction and returns it: the first after the cap's first half, so the window keeps how
    /// the registration started (the first half) and how it is going (the latest ones), also when the cap has shrunk
    /// since (<see cref="AnalysisOptions.MaxKeptTransactions"/>). Null within the cap.
    /// </summary>
    internal SipTransaction? DropTransaction(int cap)
    {
        if (_transactions.Count <= cap)
        {
            return null;
        }

        var dropped = _transactions[cap / 2];
        _transactions.RemoveAt(cap / 2);
        DroppedTransactions++;
        return dropped;
    }

    /// <summary>Every event of a kind, kept or dropped: count, totals and the largest.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The tally (zero when the flow had none).</returns>
    public RegistrationEventTally TallyOf(RegistrationEventKind kind) =>
        _tallies is { } t && (uint)kind < (uint)t.Length ? t[(int)kind] : default;

    /// <summary>
    /// Records an event: it is tallied always, and kept while the flow holds fewer than <paramref name="cap"/> events
    /// and fewer than <paramref name="capPerKind"/> of its kind, so a kind that recurs every refresh cannot crowd out a
    /// rare one that comes late.
    /// </summary>
    internal void AddEvent(RegistrationEvent e, int cap, int capPerKind)
    {
        _tallies ??= new RegistrationEventTally[s_kindCount];
        var index = (int)e.Kind;
        var kept = _tallies[index].Count - (_dropped is { } d ? d[index] : 0);
        _tallies[index] = _tallies[index].Add(e);
        if (_events.Count < cap && kept < capPerKind)
        {
            _events.Add(e);
        }
        else
        {
            DroppedEvents++;
            (_dropped ??= new int[_tallies.Length])[index]++;
        }
    }

    internal void AddRefreshInterval(RefreshInterval interval, int cap)
    {
        RefreshIntervalCount++;
        RefreshIntervalTotalSeconds += interval.Seconds;
        if (_refreshIntervals.Count < cap)
        {
            _refreshIntervals.Add(interval);
        }
    }
}
