namespace SipReg.Dns.Tests;

public class DnsTransactionTrackerTests
{
    private static readonly byte[] s_client = [192, 0, 2, 10];
    private static readonly byte[] s_other = [192, 0, 2, 11];

    private static byte[] Message(ushort id, bool response, string name = "_sip._udp.example.com", ushort type = 33) =>
        DnsTestEncoder.Encode(new DnsTestMessage(id, response ? (ushort)0x8180 : (ushort)0x0100, [new DnsTestQuestion(name, type, 1)], [], [], []), true);

    private static DnsTransactionMatch Track(DnsTransactionTracker t, byte[] bytes, byte[] client, int port, long time, long frame) =>
        t.Track(DnsMessage.Read(bytes), client, port, time, frame);

    [Fact]
    public void Response_answers_its_query_with_the_response_time()
    {
        var t = new DnsTransactionTracker();
        Assert.Equal(DnsTransactionKind.Query, Track(t, Message(1, false), s_client, 40000, 1_000, 1).Kind);
        var match = Track(t, Message(1, true), s_client, 40000, 6_000, 2);
        Assert.Equal(new DnsTransactionMatch(DnsTransactionKind.Answered, 1, 1_000, 5_000, 1), match);
        Assert.Equal(0, t.PendingCount);
    }

    [Fact]
    public void Key_includes_client_port_address_name_case_insensitively_and_type()
    {
        var t = new DnsTransactionTracker();
        Track(t, Message(1, false), s_client, 40000, 0, 1);
        Assert.Equal(DnsTransactionKind.UnmatchedResponse, Track(t, Message(1, true), s_client, 40001, 1, 2).Kind);
        Assert.Equal(DnsTransactionKind.UnmatchedResponse, Track(t, Message(1, true), s_other, 40000, 1, 3).Kind);
        Assert.Equal(DnsTransactionKind.UnmatchedResponse, Track(t, Message(1, true, type: 35), s_client, 40000, 1, 4).Kind);
        Assert.Equal(DnsTransactionKind.UnmatchedResponse, Track(t, Message(2, true), s_client, 40000, 1, 5).Kind);
        Assert.Equal(DnsTransactionKind.UnmatchedResponse, Track(t, Message(1, true, "_sip._tcp.example.com"), s_client, 40000, 1, 6).Kind);
        // RFC 4343: names compare case-insensitively.
        Assert.Equal(DnsTransactionKind.Answered, Track(t, Message(1, true, "_SIP._UDP.Example.COM"), s_client, 40000, 1, 7).Kind);
    }

    [Fact]
    public void Retransmissions_count_attempts_and_unanswered_queries_remain_at_the_end()
    {
        var t = new DnsTransactionTracker();
        Track(t, Message(5, false), s_client, 40000, 0, 1);
        Assert.Equal(new DnsTransactionMatch(DnsTransactionKind.Retransmission, 1, 0, 0, 2), Track(t, Message(5, false), s_client, 40000, 5, 2));
        Track(t, Message(6, false, "example.com", 1), s_client, 40000, 10, 3);
        Assert.Equal(2, t.PendingCount);
        Assert.True(t.TryTakeUnanswered(out var first));
        Assert.Equal(new DnsPendingQuery(5, 40000, DnsRecordType.SRV, 1, 0, 2), first);
        Assert.True(t.TryTakeUnanswered(out var second));
        Assert.Equal(DnsRecordType.A, second.QuestionType);
        Assert.False(t.TryTakeUnanswered(out _));
    }

    [Fact]
    public void Cap_on_pending_queries_evicts_the_oldest()
    {
        var t = new DnsTransactionTracker(maxPendingQueries: 3);
        for (ushort id = 1; id <= 5; id++)
        {
            Track(t, Message(id, false), s_client, 40000, id, id);
        }

        Assert.Equal(3, t.PendingCount);
        Assert.Equal(2, t.EvictedCount);
        Assert.Equal(DnsTransactionKind.UnmatchedResponse, Track(t, Message(1, true), s_client, 40000, 9, 9).Kind);
        Assert.Equal(DnsTransactionKind.Answered, Track(t, Message(5, true), s_client, 40000, 9, 10).Kind);
        Assert.Throws<DnsException>(() => new DnsTransactionTracker(0));
    }

    [Fact]
    public void Headerless_message_is_ignored()
    {
        var t = new DnsTransactionTracker();
        Assert.Equal(DnsTransactionKind.Ignored, Track(t, [1, 2, 3], s_client, 1, 0, 1).Kind);
        Assert.Throws<DnsException>(() => Track(t, Message(1, false), new byte[17], 1, 0, 1));
    }
}
