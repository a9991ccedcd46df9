namespace SipReg.Dns;

/// <summary>What <see cref="DnsTransactionTracker.Track"/> made of a message.</summary>
public enum DnsTransactionKind : byte
{
    /// <summary>The message has no header (or is neither query nor response we can key): not tracked.</summary>
    Ignored = 0,

    /// <summary>A new query, now pending.</summary>
    Query = 1,

    /// <summary>A query with the key of one still pending (the client retried).</summary>
    Retransmission = 2,

    /// <summary>A response that answered a pending query (now removed).</summary>
    Answered = 3,

    /// <summary>A response with no pending query (its query was not captured, or was already answered).</summary>
    UnmatchedResponse = 4,
}
