namespace SipReg.Dns;

/// <summary>A query that got no response, from <see cref="DnsTransactionTracker.TryTakeUnanswered"/>.</summary>
/// <param name="Id">The transaction ID.</param>
/// <param name="ClientPort">The client's port.</param>
/// <param name="QuestionType">The first question's type (0 when there was no question).</param>
/// <param name="FrameNumber">The caller's number of the first query.</param>
/// <param name="Timestamp">The caller's timestamp of the first query.</param>
/// <param name="Attempts">How many times it was sent.</param>
public readonly record struct DnsPendingQuery(ushort Id, int ClientPort, DnsRecordType QuestionType, long FrameNumber, long Timestamp, int Attempts);
