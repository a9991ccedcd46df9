using System.Text.Json.Serialization;

namespace SipReg.Analysis.Model;

/// <summary>How a SIP transaction ended as far as the capture shows (RFC 3261 §17.1.2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransactionOutcome>))]
public enum TransactionOutcome
{
    /// <summary>Still waiting for a final response.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>A final response was seen.</summary>
    [JsonStringEnumMemberName("final")]
    Final,

    /// <summary>No final response although one was due: Timer F ran out, the request was retransmitted, an ICMP unreachable answered it, or the UA moved on.</summary>
    [JsonStringEnumMemberName("no-response")]
    NoResponse,

    /// <summary>The capture ends before a response could be expected.</summary>
    [JsonStringEnumMemberName("incomplete")]
    Incomplete,
}
