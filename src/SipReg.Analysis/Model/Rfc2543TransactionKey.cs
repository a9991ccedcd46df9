namespace SipReg.Analysis.Model;

/// <summary>
/// The part of a transaction's identity that RFC 2543 peers need (RFC 3261 §17.2.3, a branch without the magic
/// cookie): Call-ID, CSeq number and From tag, compared by value.
/// </summary>
/// <param name="CallId">The Call-ID.</param>
/// <param name="CSeq">The CSeq number.</param>
/// <param name="FromTag">The From tag.</param>
internal sealed record Rfc2543TransactionKey(string CallId, long? CSeq, string? FromTag);
