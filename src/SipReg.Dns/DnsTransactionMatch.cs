namespace SipReg.Dns;

/// <summary>The outcome of tracking one message.</summary>
/// <param name="Kind">What the message was.</param>
/// <param name="QueryFrameNumber">For <see cref="DnsTransactionKind.Answered"/> and <see cref="DnsTransactionKind.Retransmission"/>: the caller's number of the first query; else 0.</param>
/// <param name="QueryTimestamp">The caller's timestamp of the first query, or 0.</param>
/// <param name="ResponseTime">For <see cref="DnsTransactionKind.Answered"/>: response timestamp minus first query timestamp (caller's unit), else 0.</param>
/// <param name="Attempts">How many times the query was sent (1 + retransmissions), or 0.</param>
public readonly record struct DnsTransactionMatch(
    DnsTransactionKind Kind, long QueryFrameNumber, long QueryTimestamp, long ResponseTime, int Attempts);
