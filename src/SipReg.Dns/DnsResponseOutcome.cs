namespace SipReg.Dns;

/// <summary>
/// What a response means for the client that asked, in the terms used to explain a failed SIP server lookup
/// (see <see cref="DnsMessage.GetOutcome"/>).
/// </summary>
public enum DnsResponseOutcome : byte
{
    /// <summary>The message is a query, or has no header.</summary>
    NotAResponse = 0,

    /// <summary>NOERROR with at least one answer of the asked type (possibly behind CNAMEs).</summary>
    Answer = 1,

    /// <summary>NOERROR without an answer of the asked type: the name exists, the record type does not (NODATA, RFC 2308 §2.2).</summary>
    NoData = 2,

    /// <summary>NXDOMAIN: the name does not exist (RFC 2308 §2.1).</summary>
    NameError = 3,

    /// <summary>SERVFAIL: the server could not get an answer (often a dead upstream).</summary>
    ServerFailure = 4,

    /// <summary>REFUSED: the server will not answer this client.</summary>
    Refused = 5,

    /// <summary>TC set: the answer did not fit; the client should retry over TCP (RFC 7766 §5).</summary>
    Truncated = 6,

    /// <summary>Another non-zero response code (FORMERR, NOTIMP, BADVERS, ...).</summary>
    OtherError = 7,

    /// <summary>The response is malformed.</summary>
    Malformed = 8,
}
