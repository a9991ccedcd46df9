namespace SipReg.Dns.Tests;

public class DnsAllocationTests
{
    private static readonly byte[] s_srv = DnsTestEncoder.Encode(new DnsTestMessage(0x7002, 0x8180,
        [new DnsTestQuestion("_sip._udp.example.com", 33, 1)],
        [
            new DnsTestRecord("_sip._udp.example.com", 1, 300, new SrvData(10, 60, 5060, "sip1.example.com")),
            new DnsTestRecord("_sip._udp.example.com", 1, 300, new SrvData(10, 40, 5060, "sip2.example.com")),
            new DnsTestRecord("_sip._udp.example.com", 1, 300, new SrvData(20, 0, 5060, "sip3.example.com")),
        ],
        [],
        [
            new DnsTestRecord("sip1.example.com", 1, 300, new AddressData([192, 0, 2, 1])),
            new DnsTestRecord("sip2.example.com", 1, 300, new AddressData([192, 0, 2, 2])),
            new DnsTestRecord("sip1.example.com", 1, 300, new AddressData(Convert.FromHexString("20010db8000000000000000000000001"))),
        ]), compress: true);

    private static readonly byte[] s_naptr = DnsTestEncoder.Encode(new DnsTestMessage(0x7001, 0x8180,
        [new DnsTestQuestion("example.com", 35, 1)],
        [
            new DnsTestRecord("example.com", 1, 300, new NaptrData(10, 10, "S", "SIPS+D2T", "", "_sips._tcp.example.com")),
            new DnsTestRecord("example.com", 1, 300, new NaptrData(20, 10, "S", "SIP+D2T", "", "_sip._tcp.example.com")),
            new DnsTestRecord("example.com", 1, 300, new NaptrData(30, 10, "S", "SIP+D2U", "", "_sip._udp.example.com")),
        ], [], []), compress: true);

    private static int Walk(byte[] bytes, DnsSipRelevance relevance, DnsTransactionTracker tracker)
    {
        var message = DnsMessage.Read(bytes);
        int work = message.Header.Id;
        Span<char> text = stackalloc char[DnsName.MaxFormattedLength];
        foreach (var q in message.Questions)
        {
            work += q.Name.TryFormat(text, out int n) ? n : 0;
            work += q.Name.NameEquals("example.com") ? 1 : 0;
        }

        foreach (var r in message.Answers)
        {
            work += r.Name.TryFormat(text, out int n) ? n : 0;
            if (r.TryGetSrv(out var srv))
            {
                work += srv.Port + srv.Priority + srv.Weight + (srv.Target.TryFormat(text, out n) ? n : 0);
            }

            if (r.TryGetNaptr(out var naptr))
            {
                work += naptr.Order + naptr.Services.Length + (naptr.Replacement.TryFormat(text, out n) ? n : 0);
                work += DnsSipRelevance.IsSipNaptrService(naptr.Services) ? 1 : 0;
            }
        }

        foreach (var r in message.Additionals)
        {
            work += r.Name.TryFormat(text, out int n) ? n : 0;
            work += r.TryGetAddress(out var address) ? address[0] : 0;
        }

        work += relevance.Evaluate(message) ? 1 : 0;
        work += (int)tracker.Track(message, [192, 0, 2, 10], 40000, 1, 1).Kind;
        return work;
    }

    [Fact]
    public void Decoding_and_walking_srv_with_additionals_and_naptr_allocates_nothing()
    {
        var relevance = new DnsSipRelevance();
        var tracker = new DnsTransactionTracker();
        for (int i = 0; i < 3; i++)
        {
            Walk(s_srv, relevance, tracker);
            Walk(s_naptr, relevance, tracker);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int work = 0;
        for (int i = 0; i < 100; i++)
        {
            work += Walk(s_srv, relevance, tracker);
            work += Walk(s_naptr, relevance, tracker);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(work > 0);
    }

    [Fact]
    public void Tcp_framing_over_a_sequence_allocates_nothing()
    {
        byte[] stream = [0, (byte)s_srv.Length, .. s_srv, 0, (byte)s_naptr.Length, .. s_naptr];
        var whole = new System.Buffers.ReadOnlySequence<byte>(stream);
        for (int warm = 0; warm < 2; warm++)
        {
            var b = whole;
            while (DnsTcpFramer.TryReadMessage(ref b, out _))
            {
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = 0;
        for (int i = 0; i < 100; i++)
        {
            var buffer = whole;
            while (DnsTcpFramer.TryReadMessage(ref buffer, out var message))
            {
                count += DnsMessage.Read(message.FirstSpan).Header.AnswerCount;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(600, count);
    }
}
