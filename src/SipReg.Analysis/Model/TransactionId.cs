using System.Globalization;

namespace SipReg.Analysis.Model;

/// <summary>
/// What identifies a client transaction (RFC 3261 §17.2.3): the top Via branch with the <c>z9hG4bK</c> magic cookie,
/// the Via sent-by and the CSeq method; for a branch without the cookie, the RFC 2543 tuple of Call-ID, CSeq number,
/// CSeq method, From tag and top Via. A value type: matching a response or a retransmission allocates nothing.
/// </summary>
/// <param name="Branch">The top Via branch, or empty.</param>
/// <param name="SentBy">The top Via sent-by, or empty.</param>
/// <param name="Method">The CSeq method, upper case.</param>
/// <param name="CallId">The Call-ID (RFC 2543 match only; otherwise null).</param>
/// <param name="CSeq">The CSeq number (RFC 2543 match only).</param>
/// <param name="FromTag">The From tag (RFC 2543 match only; otherwise null).</param>
internal readonly record struct TransactionId(string Branch, string SentBy, string Method, string? CallId, long? CSeq, string? FromTag)
{
    /// <summary>The magic cookie that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Whether the branch carries the RFC 3261 magic cookie.</summary>
    public bool IsRfc3261 => CallId is null;

    /// <summary>The identity as text: <c>branch|sent-by|METHOD</c>, or the RFC 2543 tuple joined with <c>|</c>.</summary>
    public override string ToString() => IsRfc3261
        ? string.Concat(Branch, "|", SentBy, "|", Method)
        : string.Concat(CallId, "|", CSeq?.ToString(CultureInfo.InvariantCulture) ?? "", "|", Method, "|", FromTag ?? "", "|", SentBy + "|" + Branch);
}
