using System.Globalization;

namespace SipReg.Analysis.Model;

/// <summary>
/// What identifies a client transaction (RFC 3261 §17.2.3): the top Via branch with the <c>z9hG4bK</c> magic cookie,
/// the Via sent-by and the CSeq method; for a branch without the cookie, the RFC 2543 tuple of Call-ID, CSeq number,
/// CSeq method, From tag and top Via. A value type: matching a response or a retransmission of an RFC 3261 transaction
/// allocates nothing, and a flow's kept transactions do not carry the RFC 2543 fields they almost never need.
/// </summary>
/// <param name="Branch">The top Via branch, or empty.</param>
/// <param name="SentBy">The top Via sent-by, or empty.</param>
/// <param name="Method">The CSeq method, upper case.</param>
/// <param name="Rfc2543">The RFC 2543 part of the identity (branch without the cookie), or null.</param>
internal readonly record struct TransactionId(string Branch, string SentBy, string Method, Rfc2543TransactionKey? Rfc2543)
{
    /// <summary>The magic cookie that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Creates an identity; a null <paramref name="callId"/> makes it an RFC 3261 one.</summary>
    /// <param name="branch">The top Via branch, or empty.</param>
    /// <param name="sentBy">The top Via sent-by, or empty.</param>
    /// <param name="method">The CSeq method, upper case.</param>
    /// <param name="callId">The Call-ID (RFC 2543 match only; otherwise null).</param>
    /// <param name="cseq">The CSeq number (RFC 2543 match only).</param>
    /// <param name="fromTag">The From tag (RFC 2543 match only).</param>
    public TransactionId(string branch, string sentBy, string method, string? callId, long? cseq, string? fromTag)
        : this(branch, sentBy, method, callId is null ? null : new Rfc2543TransactionKey(callId, cseq, fromTag))
    {
    }

    /// <summary>Whether the branch carries the RFC 3261 magic cookie.</summary>
    public bool IsRfc3261 => Rfc2543 is null;

    /// <summary>The identity as text: <c>branch|sent-by|METHOD</c>, or the RFC 2543 tuple joined with <c>|</c>.</summary>
    public override string ToString() => Rfc2543 is not { } legacy
        ? string.Concat(Branch, "|", SentBy, "|", Method)
        : string.Concat(legacy.CallId, "|", legacy.CSeq?.ToString(CultureInfo.InvariantCulture) ?? "", "|", Method, "|", legacy.FromTag ?? "", "|", SentBy + "|" + Branch);
}
