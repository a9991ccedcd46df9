using SipReg.Analysis.Facts;

namespace SipReg.Analysis.Model;

/// <summary>
/// One client transaction (RFC 3261 §17.1), identified per §17.2.3 by the top Via branch, sent-by and CSeq method
/// (or, for a branch without the <c>z9hG4bK</c> cookie, the RFC 2543 tuple of Call-ID, CSeq, From tag and top Via).
/// </summary>
public sealed class SipTransaction
{
    /// <summary>Stands for "none" in the number fields below (every real value is far from it).</summary>
    private const long None = long.MinValue;

    // A flow keeps its last transactions for the report, so a registrar capture holds tens of thousands of these:
    // the usual case (one transmission; a provisional and a final response) lives in fields, lists only beyond it,
    // and absent numbers are a sentinel rather than a nullable's extra word.
    private long _firstRequestFrame;
    private int _requestFrameCount;
    private ResponseSlot _response0, _response1;
    private int _responseCount;
    private Overflow? _overflow;
    private long _cseq = None, _finalFrame = None, _requestedExpires = None, _grantedExpires = None, _minExpires = None, _retryAfter = None;
    private double _responseTimeSeconds = double.NaN;
    private int _finalStatus = -1;

    internal SipTransaction(TransactionId id, RegistrationFlow flow)
    {
        Id = id;
        Flow = flow;
    }

    /// <summary>The transaction key (branch-based or RFC 2543 fallback).</summary>
    public string Key => Id.ToString();

    /// <summary>The key of the registration flow the transaction belongs to.</summary>
    public string FlowKey => Flow.Key;

    /// <summary>The request method (REGISTER for every transaction the model keeps).</summary>
    public string Method => "REGISTER";

    /// <summary>The CSeq number.</summary>
    public long? CSeq { get => Get(_cseq); internal set => _cseq = value ?? None; }

    /// <summary>The top Via branch.</summary>
    public string? Branch => Id.Branch.Length == 0 ? null : Id.Branch;

    /// <summary>Source endpoint of the request.</summary>
    public string Source { get; internal set; } = "";

    /// <summary>Destination endpoint of the request.</summary>
    public string Destination { get; internal set; } = "";

    /// <summary>Time of the first transmission, ns since the Unix epoch.</summary>
    public long StartTimeNs { get; internal set; }

    /// <summary>Frame numbers of the request's transmissions (first one, then retransmissions; capped); read it once.</summary>
    public IReadOnlyList<long> RequestFrames => _requestFrameCount switch
    {
        0 => [],
        1 => [_firstRequestFrame],
        _ => _overflow!.RequestFrames!,
    };

    /// <summary>The first transmission's frame number, 0 when none was recorded.</summary>
    internal long FirstRequestFrame => _requestFrameCount > 0 ? _firstRequestFrame : 0;

    /// <summary>How many times the request was seen again after the first transmission (RFC 3261 §17.1.2.2 Timer E).</summary>
    public int Retransmissions { get; internal set; }

    /// <summary>Provisional and final responses seen, in order (capped); a new list at each call, so read it once.</summary>
    public IReadOnlyList<SipResponseRecord> Responses
    {
        get
        {
            if (_responseCount == 0)
            {
                return [];
            }

            var responses = new List<SipResponseRecord>(_responseCount) { _response0.ToRecord() };
            if (_responseCount > 1)
            {
                responses.Add(_response1.ToRecord());
            }

            if (_overflow?.Responses is { } more)
            {
                responses.AddRange(more);
            }

            return responses;
        }
    }

    /// <summary>How many final responses were seen again after the first.</summary>
    public int ResponseRetransmissions { get; internal set; }

    /// <summary>The final status code, or null.</summary>
    public int? FinalStatus { get => _finalStatus < 0 ? null : _finalStatus; internal set => _finalStatus = value ?? -1; }

    /// <summary>The final response's reason phrase, or null.</summary>
    public string? FinalReason { get; internal set; }

    /// <summary>Frame number of the final response, or null.</summary>
    public long? FinalFrame { get => Get(_finalFrame); internal set => _finalFrame = value ?? None; }

    /// <summary>Seconds from the first transmission to the final response, or null.</summary>
    public double? ResponseTimeSeconds
    {
        get => double.IsNaN(_responseTimeSeconds) ? null : _responseTimeSeconds;
        internal set => _responseTimeSeconds = value ?? double.NaN;
    }

    /// <summary>How the transaction ended.</summary>
    public TransactionOutcome Outcome { get; internal set; }

    /// <summary>Whether the request carried Authorization or Proxy-Authorization credentials.</summary>
    public bool HasCredentials { get; internal set; }

    /// <summary>Whether the request removes bindings (<c>Contact: *</c>, or every Contact with a zero lifetime; RFC 3261 §10.2.2).</summary>
    public bool IsDeregistration { get; internal set; }

    /// <summary>Whether the request has no Contact at all: a query for the current bindings (RFC 3261 §10.2.3).</summary>
    public bool IsQuery { get; internal set; }

    /// <summary>The requested lifetime of the first Contact in seconds (RFC 3261 §10.2.1.1), or null for a query.</summary>
    public long? RequestedExpires { get => Get(_requestedExpires); internal set => _requestedExpires = value ?? None; }

    /// <summary>The lifetime the registrar granted the first requested Contact (RFC 3261 §10.3 step 8), or null.</summary>
    public long? GrantedExpires { get => Get(_grantedExpires); internal set => _grantedExpires = value ?? None; }

    /// <summary>The Min-Expires of a 423 answer, or null.</summary>
    public long? MinExpires { get => Get(_minExpires); internal set => _minExpires = value ?? None; }

    /// <summary>The Retry-After of the final response, or null.</summary>
    public long? RetryAfter { get => Get(_retryAfter); internal set => _retryAfter = value ?? None; }

    /// <summary>Frame numbers of ICMP unreachable messages that quoted this request (capped).</summary>
    public IReadOnlyList<long> IcmpFrames => (IReadOnlyList<long>?)_overflow?.IcmpFrames ?? [];

    /// <summary>Bytes of the request (first transmission), 0 when unknown.</summary>
    public int RequestLength { get; internal set; }

    /// <summary>Bytes of the final response, 0 when unknown.</summary>
    public int ResponseLength { get; internal set; }

    /// <summary>The request's fact while the transaction waits for its final response; dropped at the final response.</summary>
    internal SipMessageFact? Request { get; set; }

    internal long RetireAtNs { get; set; }

    internal TransactionId Id { get; private set; }

    internal RegistrationFlow Flow { get; private set; }

    /// <summary>Bumped each time the object is reused for another transaction, so stale retire entries are told apart.</summary>
    internal int Generation { get; private set; }

    /// <summary>Whether the analyzer has retired the transaction (no index refers to it any more).</summary>
    internal bool Retired { get; set; }

    /// <summary>The Call-ID under which, with <see cref="Branch"/>, an ICMP error quoting the request finds it, or null.</summary>
    internal string? BranchIndexCallId { get; set; }

    /// <summary>
    /// Makes this object a new transaction, as if just constructed: the analyzer reuses retired transactions that fell
    /// out of a flow's window, so that a long capture does not churn the old generation of the heap.
    /// </summary>
    internal void Reuse(TransactionId id, RegistrationFlow flow)
    {
        Id = id;
        Flow = flow;
        Generation++;
        _firstRequestFrame = 0;
        _requestFrameCount = 0;
        _response0 = _response1 = default;
        _responseCount = 0;
        _overflow = null;
        CSeq = null;
        Source = "";
        Destination = "";
        StartTimeNs = 0;
        Retransmissions = 0;
        ResponseRetransmissions = 0;
        FinalStatus = null;
        FinalReason = null;
        FinalFrame = null;
        ResponseTimeSeconds = null;
        Outcome = default;
        HasCredentials = false;
        IsDeregistration = false;
        IsQuery = false;
        RequestedExpires = null;
        GrantedExpires = null;
        MinExpires = null;
        RetryAfter = null;
        RequestLength = 0;
        ResponseLength = 0;
        Request = null;
        RetireAtNs = 0;
        Retired = false;
        BranchIndexCallId = null;
    }

    internal static void AddCapped<T>(List<T> list, T item, int cap)
    {
        if (list.Count < cap)
        {
            list.Add(item);
        }
    }

    internal void AddRequestFrame(long frame, int cap)
    {
        if (_requestFrameCount >= cap)
        {
            return;
        }

        if (_requestFrameCount == 0)
        {
            _firstRequestFrame = frame;
        }
        else
        {
            var frames = (_overflow ??= new Overflow()).RequestFrames ??= new List<long>(4);
            if (_requestFrameCount == 1)
            {
                frames.Add(_firstRequestFrame);
            }

            frames.Add(frame);
        }

        _requestFrameCount++;
    }

    internal void AddResponse(long frame, int statusCode, long timeNs, int cap)
    {
        if (_responseCount >= cap)
        {
            return;
        }

        switch (_responseCount)
        {
            case 0:
                _response0 = new ResponseSlot(frame, statusCode, timeNs);
                break;
            case 1:
                _response1 = new ResponseSlot(frame, statusCode, timeNs);
                break;
            default:
                ((_overflow ??= new Overflow()).Responses ??= []).Add(new SipResponseRecord(frame, statusCode, timeNs));
                break;
        }

        _responseCount++;
    }

    internal void AddIcmpFrame(long frame, int cap) => AddCapped((_overflow ??= new Overflow()).IcmpFrames ??= [], frame, cap);

    private static long? Get(long value) => value == None ? null : value;

    /// <summary>What few transactions have: retransmitted requests, a third response, ICMP errors.</summary>
    private sealed class Overflow
    {
        public List<long>? RequestFrames;
        public List<SipResponseRecord>? Responses;
        public List<long>? IcmpFrames;
    }

    /// <summary>A response kept in place: what a <see cref="SipResponseRecord"/> holds, without an object of its own.</summary>
    private readonly record struct ResponseSlot(long FrameNumber, int StatusCode, long TimeNs)
    {
        public SipResponseRecord ToRecord() => new(FrameNumber, StatusCode, TimeNs);
    }
}
