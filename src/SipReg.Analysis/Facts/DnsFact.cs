namespace SipReg.Analysis.Facts;

/// <summary>One DNS answer record in summary form.</summary>
/// <param name="Type">The record type mnemonic, e.g. <c>A</c>, <c>SRV</c>, <c>NAPTR</c>.</param>
/// <param name="Data">The record data as text, e.g. <c>192.0.2.1</c> or <c>10 50 5060 sip1.example.com</c>.</param>
public sealed record DnsAnswerFact(string Type, string Data);

/// <summary>One DNS query or response.</summary>
public sealed record DnsFact : CaptureFact
{
    /// <summary>The 16-bit message ID.</summary>
    public int Id { get; init; }

    /// <summary>Whether this is a response (QR bit set).</summary>
    public bool IsResponse { get; init; }

    /// <summary>The RCODE mnemonic of a response (<c>NOERROR</c>, <c>NXDOMAIN</c>, <c>SERVFAIL</c>, <c>REFUSED</c>, ...), or null for a query.</summary>
    public string? Rcode { get; init; }

    /// <summary>The first question's name, without the trailing dot.</summary>
    public string QuestionName { get; init; } = "";

    /// <summary>The first question's type mnemonic, e.g. <c>SRV</c>.</summary>
    public string QuestionType { get; init; } = "";

    /// <summary>ANCOUNT: the number of answer records.</summary>
    public int AnswerCount { get; init; }

    /// <summary>The answer records in summary form (may hold fewer than <see cref="AnswerCount"/>).</summary>
    public IReadOnlyList<DnsAnswerFact> Answers { get; init; } = [];

    /// <summary>Whether the pipeline judged the query part of SIP server location (RFC 3263: NAPTR, <c>_sip._udp</c> SRV, the registrar's A/AAAA).</summary>
    public bool SipRelated { get; init; }

    /// <summary>Whether the TC (truncated) flag is set.</summary>
    public bool Truncated { get; init; }
}
