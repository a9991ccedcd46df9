using System.Text.Json;

namespace SipReg.Generator;

/// <summary>
/// What a generator put into a capture: record, message and transaction counts, the status expected for each user
/// agent (by address-of-record), and the capture status and rule ids an analyzer is expected to report.
/// </summary>
/// <remarks>
/// Counts are of messages as sent: a SIP message split over several TCP segments counts once, a UDP retransmission
/// counts again (it is a message on the wire) but not as a new REGISTER transaction.
/// </remarks>
public sealed class GenerationCounts
{
    private readonly SortedDictionary<string, long> _requestsByMethod = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, long> _responsesByStatus = [];
    private readonly SortedDictionary<string, long> _dnsResponsesByRcode = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _userAgentStatus = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _expectedRules = new(StringComparer.Ordinal);

    internal GenerationCounts()
    {
    }

    /// <summary>The seed the capture was generated from (0 for fixed scenarios).</summary>
    public int Seed { get; internal set; }

    /// <summary>Packet records in the capture.</summary>
    public long Records { get; internal set; }

    /// <summary>Bytes of the capture file (headers included); estimated from the records when the output cannot seek.</summary>
    public long CaptureBytes { get; internal set; }

    /// <summary>SIP messages (requests plus responses) sent, retransmissions included.</summary>
    public long SipMessages => SipRequests + SipResponses;

    /// <summary>SIP requests, retransmissions included.</summary>
    public long SipRequests { get; internal set; }

    /// <summary>SIP responses.</summary>
    public long SipResponses { get; internal set; }

    /// <summary>Bytes of SIP message text (start line, headers and body).</summary>
    public long SipBytes { get; internal set; }

    /// <summary>SIP requests by method.</summary>
    public IReadOnlyDictionary<string, long> RequestsByMethod => _requestsByMethod;

    /// <summary>SIP responses by status code.</summary>
    public IReadOnlyDictionary<int, long> ResponsesByStatus => _responsesByStatus;

    /// <summary>REGISTER client transactions (distinct branches; a retransmission is not a new one).</summary>
    public long RegisterTransactions { get; internal set; }

    /// <summary>REGISTER requests that were retransmissions of an earlier one (same branch).</summary>
    public long RegisterRetransmissions { get; internal set; }

    /// <summary>CRLF keep-alives (RFC 5626 §3.5.1 double-CRLF pings) sent by user agents.</summary>
    public long KeepAlives { get; internal set; }

    /// <summary>Single-CRLF pongs the registrar sent back over TCP (RFC 5626 §4.4.1); not in <see cref="KeepAlives"/>.</summary>
    public long KeepAlivePongs { get; internal set; }

    /// <summary>DNS queries sent.</summary>
    public long DnsQueries { get; internal set; }

    /// <summary>DNS responses by response code name (<c>NOERROR</c>, <c>NXDOMAIN</c>, <c>SERVFAIL</c>, <c>REFUSED</c>...).</summary>
    public IReadOnlyDictionary<string, long> DnsResponsesByRcode => _dnsResponsesByRcode;

    /// <summary>ICMP errors (port unreachable) in the capture.</summary>
    public long IcmpErrors { get; internal set; }

    /// <summary>The expected registration status per address-of-record (<c>sip:user@domain</c>).</summary>
    public IReadOnlyDictionary<string, string> UserAgentStatus => _userAgentStatus;

    /// <summary>The status the analyzer is expected to give the whole capture (one of <see cref="ExpectedStatuses"/>).</summary>
    public string ExpectedCaptureStatus { get; internal set; } = ExpectedStatuses.NoRegister;

    /// <summary>Rule ids (see <see cref="ExpectedRuleIds"/>) the analyzer is expected to report for this capture.</summary>
    public IReadOnlyCollection<string> ExpectedRules => _expectedRules;

    /// <summary>How many user agents are expected to end in each status.</summary>
    public IReadOnlyDictionary<string, int> StatusCounts
    {
        get
        {
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (string status in _userAgentStatus.Values)
            {
                counts[status] = counts.GetValueOrDefault(status) + 1;
            }

            return counts;
        }
    }

    /// <summary>Writes the counts as one JSON object (the <c>counts.json</c> written beside a capture).</summary>
    /// <param name="output">The stream to write to; left open.</param>
    public void WriteJson(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("seed", Seed);
        json.WriteNumber("records", Records);
        json.WriteNumber("captureBytes", CaptureBytes);
        json.WriteNumber("sipMessages", SipMessages);
        json.WriteNumber("sipRequests", SipRequests);
        json.WriteNumber("sipResponses", SipResponses);
        json.WriteNumber("sipBytes", SipBytes);
        json.WriteStartObject("requestsByMethod");
        foreach ((string method, long count) in _requestsByMethod)
        {
            json.WriteNumber(method, count);
        }

        json.WriteEndObject();
        json.WriteStartObject("responsesByStatus");
        foreach ((int status, long count) in _responsesByStatus)
        {
            json.WriteNumber(status.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        }

        json.WriteEndObject();
        json.WriteNumber("registerTransactions", RegisterTransactions);
        json.WriteNumber("registerRetransmissions", RegisterRetransmissions);
        json.WriteNumber("keepAlives", KeepAlives);
        json.WriteNumber("keepAlivePongs", KeepAlivePongs);
        json.WriteNumber("dnsQueries", DnsQueries);
        json.WriteStartObject("dnsResponsesByRcode");
        foreach ((string rcode, long count) in _dnsResponsesByRcode)
        {
            json.WriteNumber(rcode, count);
        }

        json.WriteEndObject();
        json.WriteNumber("icmpErrors", IcmpErrors);
        json.WriteString("expectedCaptureStatus", ExpectedCaptureStatus);
        json.WriteStartArray("expectedRules");
        foreach (string rule in _expectedRules)
        {
            json.WriteStringValue(rule);
        }

        json.WriteEndArray();
        json.WriteStartObject("statusCounts");
        foreach ((string status, int count) in StatusCounts)
        {
            json.WriteNumber(status, count);
        }

        json.WriteEndObject();
        json.WriteStartObject("userAgentStatus");
        foreach ((string aor, string status) in _userAgentStatus)
        {
            json.WriteString(aor, status);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The counts as indented JSON text.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Counts one SIP message by its start line (the generators only write well-formed ones).</summary>
    internal void CountSip(ReadOnlySpan<byte> message, bool retransmission)
    {
        SipBytes += message.Length;
        if (message.StartsWith("SIP/2.0 "u8))
        {
            SipResponses++;
            AddResponse((message[8] - '0') * 100 + (message[9] - '0') * 10 + (message[10] - '0'));
            return;
        }

        SipRequests++;
        ReadOnlySpan<byte> method = message[..message.IndexOf((byte)' ')];
        if (method.SequenceEqual("REGISTER"u8))
        {
            AddRequest("REGISTER");
            if (retransmission)
            {
                RegisterRetransmissions++;
            }
            else
            {
                RegisterTransactions++;
            }

            return;
        }

        AddRequest(System.Text.Encoding.ASCII.GetString(method));
    }

    internal void AddRequest(string method) => _requestsByMethod[method] = _requestsByMethod.GetValueOrDefault(method) + 1;

    internal void AddResponse(int status) => _responsesByStatus[status] = _responsesByStatus.GetValueOrDefault(status) + 1;

    internal void AddDnsResponse(string rcode) => _dnsResponsesByRcode[rcode] = _dnsResponsesByRcode.GetValueOrDefault(rcode) + 1;

    internal void SetUserAgentStatus(string addressOfRecord, string status) => _userAgentStatus[addressOfRecord] = status;

    internal void AddRule(string ruleId) => _expectedRules.Add(ruleId);
}
