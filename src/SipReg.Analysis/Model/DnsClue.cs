using System.Text.Json.Serialization;
using SipReg.Analysis.Facts;

namespace SipReg.Analysis.Model;

/// <summary>What became of a DNS query.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DnsOutcome>))]
public enum DnsOutcome
{
    /// <summary>Answered with records.</summary>
    [JsonStringEnumMemberName("answered")]
    Answered,

    /// <summary>NOERROR with no answer records (NODATA).</summary>
    [JsonStringEnumMemberName("empty")]
    Empty,

    /// <summary>An error RCODE (NXDOMAIN, SERVFAIL, REFUSED, ...).</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>No response within the capture.</summary>
    [JsonStringEnumMemberName("no-response")]
    NoResponse,
}

/// <summary>One SIP-related DNS query and its outcome (RFC 3263 server location).</summary>
public sealed class DnsClue
{
    /// <summary>The queried name.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The queried type, e.g. <c>SRV</c>.</summary>
    public string Type { get; internal set; } = "";

    /// <summary>The client endpoint.</summary>
    public string Client { get; internal set; } = "";

    /// <summary>The server endpoint.</summary>
    public string Server { get; internal set; } = "";

    /// <summary>udp or tcp.</summary>
    public string Transport { get; internal set; } = "udp";

    /// <summary>The DNS message ID.</summary>
    public int Id { get; internal set; }

    /// <summary>Frame of the query, or null when only the response was captured.</summary>
    public long? QueryFrame { get; internal set; }

    /// <summary>Time of the query (or response), ns since the Unix epoch.</summary>
    public long TimeNs { get; internal set; }

    /// <summary>How many times the query was seen again.</summary>
    public int Retransmissions { get; internal set; }

    /// <summary>Frame of the response, or null.</summary>
    public long? ResponseFrame { get; internal set; }

    /// <summary>The response's RCODE mnemonic, or null.</summary>
    public string? Rcode { get; internal set; }

    /// <summary>ANCOUNT of the response.</summary>
    public int AnswerCount { get; internal set; }

    /// <summary>The answers in summary form.</summary>
    public IReadOnlyList<DnsAnswerFact> Answers { get; internal set; } = [];

    /// <summary>Whether the response had the TC flag.</summary>
    public bool Truncated { get; internal set; }

    /// <summary>The outcome.</summary>
    public DnsOutcome Outcome { get; internal set; } = DnsOutcome.NoResponse;

    /// <summary>
    /// Whether the outcome is a failure for SIP server location: an error RCODE, no response, or an empty answer,
    /// except an empty A/AAAA when the other address family of the same name was answered.
    /// </summary>
    public bool IsFailure { get; internal set; }
}
