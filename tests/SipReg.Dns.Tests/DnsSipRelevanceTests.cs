namespace SipReg.Dns.Tests;

public class DnsSipRelevanceTests
{
    private static byte[] Query(string name, ushort type) =>
        DnsTestEncoder.Encode(new DnsTestMessage(1, 0x0100, [new DnsTestQuestion(name, type, 1)], [], [], []), true);

    private static byte[] Response(string name, ushort type, params DnsTestRecord[] answers) =>
        DnsTestEncoder.Encode(new DnsTestMessage(1, 0x8180, [new DnsTestQuestion(name, type, 1)], answers, [], []), true);

    [Theory]
    [InlineData("_sip._udp.example.com", 33, true)]
    [InlineData("_sip._tcp.example.com", 33, true)]
    [InlineData("_sips._tcp.example.com", 33, true)]
    [InlineData("_sip._tls.example.com", 33, true)]
    [InlineData("_sip._sctp.example.com", 33, true)]
    [InlineData("_SIPS._SCTP.example.com", 33, true)]
    [InlineData("_xmpp._tcp.example.com", 33, false)]
    [InlineData("_sip.example.com", 33, false)]
    [InlineData("example.com", 35, true)]                // RFC 3263 §4.1: NAPTR is the first step
    [InlineData("www.example.com", 1, false)]
    [InlineData("_sip._udp.local", 12, false)]           // mDNS service browsing: a PTR, not a server lookup
    public void Questions(string name, int type, bool expected)
    {
        Assert.Equal(expected, new DnsSipRelevance().IsSipRelated(DnsMessage.Read(Query(name, (ushort)type))));
    }

    [Theory]
    [InlineData("SIP+D2U", true)]
    [InlineData("sip+d2t", true)]
    [InlineData("SIPS+D2T", true)]
    [InlineData("SIP+D2W", true)]
    [InlineData("SIPS+D2W", true)]
    [InlineData("SIP+D2S", true)]
    [InlineData("SIPS+D2S", true)]
    [InlineData("E2U+sip", true)]
    [InlineData("E2U+email", false)]
    [InlineData("SIP+D2X", false)]
    [InlineData("", false)]
    public void Naptr_services_RFC3263_4_1(string services, bool expected)
    {
        Assert.Equal(expected, DnsSipRelevance.IsSipNaptrService(System.Text.Encoding.ASCII.GetBytes(services)));
    }

    [Fact]
    public void A_lookup_of_an_srv_target_seen_earlier_is_sip_related()
    {
        var relevance = new DnsSipRelevance();
        Assert.False(relevance.Evaluate(DnsMessage.Read(Query("sip1.example.com", 1))));
        var srv = Response("_sip._udp.example.com", 33,
            new DnsTestRecord("_sip._udp.example.com", 1, 60, new SrvData(10, 60, 5060, "SIP1.example.com")),
            new DnsTestRecord("_sip._udp.example.com", 1, 60, new SrvData(10, 40, 5060, "sip2.example.com")));
        Assert.True(relevance.Evaluate(DnsMessage.Read(srv)));
        // The two SRV targets, and the domain itself (RFC 3263 §4.2: the A/AAAA fallback when SRV finds nothing).
        Assert.Equal(3, relevance.NameCount);
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("sip1.example.com", 1))));
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("sip2.EXAMPLE.com", 28))));
        Assert.False(relevance.Evaluate(DnsMessage.Read(Query("sip3.example.com", 1))));
    }

    [Fact]
    public void A_lookup_of_the_domain_after_a_failed_sip_srv_lookup_is_sip_related()
    {
        // RFC 3263 §4.2: with no SRV records the client looks up the A/AAAA records of the domain itself
        // (live/07b_dns_nxdomain: SRV _sip._udp.nx.test -> NXDOMAIN, then A nx.test -> NXDOMAIN).
        var relevance = new DnsSipRelevance();
        Assert.False(relevance.Evaluate(DnsMessage.Read(Query("nx.test", 1))));
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("_sip._udp.nx.test", 33))));
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("nx.test", 1))));
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("NX.test", 28))));
        Assert.False(relevance.Evaluate(DnsMessage.Read(Query("other.test", 1))));
    }

    [Fact]
    public void A_lookup_of_a_domain_asked_for_naptr_is_sip_related()
    {
        // RFC 3263 §4.1: NAPTR is asked of the SIP domain; its A/AAAA records are the last fallback.
        var relevance = new DnsSipRelevance();
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("corpus.test", 35))));
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("corpus.test", 1))));
    }

    [Fact]
    public void Domains_from_sip_and_their_cname_targets_count()
    {
        var relevance = new DnsSipRelevance();
        Assert.True(relevance.AddSipDomain("pbx.example.net."));
        var cname = Response("pbx.example.net", 1,
            new DnsTestRecord("pbx.example.net", 1, 60, new NameData(5, "edge.example.org")),
            new DnsTestRecord("edge.example.org", 1, 60, new AddressData([198, 51, 100, 7])));
        Assert.True(relevance.Evaluate(DnsMessage.Read(cname)));
        Assert.True(relevance.Evaluate(DnsMessage.Read(Query("edge.example.org", 28))));
        Assert.False(relevance.AddSipDomain(""));
        Assert.False(relevance.AddSipDomain("caf\u00e9.example"));
    }

    [Fact]
    public void Naptr_answer_with_sip_service_is_related_even_without_question()
    {
        var bytes = DnsTestEncoder.Encode(new DnsTestMessage(1, 0x8180, [],
            [new DnsTestRecord("example.com", 1, 60, new NaptrData(10, 10, "S", "SIP+D2U", "", "_sip._udp.example.com"))], [], []), true);
        Assert.True(new DnsSipRelevance().IsSipRelated(DnsMessage.Read(bytes)));
    }

    [Fact]
    public void Name_set_is_bounded()
    {
        var relevance = new DnsSipRelevance(maxNames: 2);
        Assert.True(relevance.AddSipDomain("a.example"));
        Assert.True(relevance.AddSipDomain("b.example"));
        Assert.True(relevance.AddSipDomain("A.EXAMPLE"));   // already known
        Assert.False(relevance.AddSipDomain("c.example"));
        Assert.Equal(1, relevance.DroppedNameCount);
        Assert.Equal(2, relevance.NameCount);
        Assert.Throws<DnsException>(() => new DnsSipRelevance(0));
    }
}
