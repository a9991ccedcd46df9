using System.Text;

namespace SipReg.Dns.Tests;

/// <summary>What edge/manifest.json's "special" and "reader" texts say about the DNS edge captures.</summary>
public class DnsEdgeCorpusTests
{
    [Fact]
    public async Task Mdns_QU_and_cache_flush_bits_are_split_off_and_it_is_not_a_sip_server_clue()
    {
        // "DNS-SD service enumeration with QU bit, response with cache-flush bit on SRV/TXT/A ... not a SIP server clue"
        var messages = await CorpusDns.ReadAsync("edge/dns_mdns.pcap");
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Equal(DnsFlavor.Multicast, m.Flavor));

        var query = DnsMessage.Read(messages[0].Bytes);
        Assert.True(query.TryGetFirstQuestion(out var q));
        Assert.True(q.UnicastResponse);
        Assert.Equal(DnsClass.Internet, q.Class);

        var response = DnsMessage.Read(messages[1].Bytes);
        var flushed = new HashSet<DnsRecordType>();
        foreach (var section in new[] { DnsSection.Answer, DnsSection.Additional })
        {
            var records = section == DnsSection.Answer ? response.Answers : response.Additionals;
            foreach (var r in records)
            {
                Assert.Equal(DnsClass.Internet, r.Class);
                if (r.CacheFlush)
                {
                    flushed.Add(r.Type);
                }
            }
        }

        // The capture's A record actually carries class 0x0001 (no flush bit), whatever the manifest text says; the
        // shared PTR record must not be flushed (RFC 6762 §10.2).
        Assert.Superset(new HashSet<DnsRecordType> { DnsRecordType.SRV, DnsRecordType.TXT }, flushed);
        Assert.DoesNotContain(DnsRecordType.PTR, flushed);
        var relevance = new DnsSipRelevance();
        Assert.All(messages, m => Assert.False(relevance.Evaluate(DnsMessage.Read(m.Bytes))));
    }

    [Fact]
    public async Task Records_and_compression_capture_decodes_every_name()
    {
        // "14 DNS messages; all names decode, e.g. SRV targets sip1/sip2.example.com"; ENUM regexp; NXDOMAIN with SOA.
        var messages = await CorpusDns.ReadAsync("edge/dns_records_compression.pcap");
        Assert.Equal(14, messages.Count);
        var srvTargets = new HashSet<string>();
        var regexps = new HashSet<string>();
        bool nxdomainWithSoa = false;
        foreach (var m in messages)
        {
            var message = DnsMessage.Read(m.Bytes);
            Assert.False(message.IsMalformed);
            foreach (var r in message.Answers)
            {
                Assert.True(r.Name.IsValid);
                if (r.TryGetSrv(out var srv))
                {
                    srvTargets.Add(srv.Target.ToString());
                }

                if (r.TryGetNaptr(out var naptr))
                {
                    regexps.Add(Encoding.ASCII.GetString(naptr.Regexp));
                    Assert.True(naptr.Replacement.IsValid);
                }

                if (r.TryGetDomainName(out var cname))
                {
                    Assert.True(cname.IsValid);
                }
            }

            if (message.ResponseCode == DnsResponseCode.NameError)
            {
                foreach (var r in message.Authorities)
                {
                    nxdomainWithSoa |= r.TryGetSoa(out var soa) && soa.PrimaryNameServer.IsValid;
                }
            }
        }

        Assert.Contains("sip1.example.com", srvTargets);
        Assert.Contains("sip2.example.com", srvTargets);
        Assert.Contains("!^.*$!sip:+15551234@example.com!", regexps);
        Assert.True(nxdomainWithSoa);
    }

    [Fact]
    public async Task Tc_response_over_udp_then_full_answer_over_tcp()
    {
        // "UDP SRV response with TC=1 (3 of 30 answers), client retries over TCP; the TCP answer (30 SRV records) spans 2 segments."
        var messages = await CorpusDns.ReadAsync("edge/dns_truncated_tc.pcap");
        var udpResponse = messages.Select(m => (m, d: DnsMessage.Read(m.Bytes).Header))
            .Single(x => x.m.Protocol == SipReg.Pcap.TransportProtocol.Udp && x.d.IsResponse);
        Assert.True(udpResponse.d.Truncation);
        Assert.Equal(3, udpResponse.d.AnswerCount);

        var tcpResponse = messages.Single(m => m.Protocol == SipReg.Pcap.TransportProtocol.Tcp && DnsMessage.Read(m.Bytes).Header.IsResponse);
        var message = DnsMessage.Read(tcpResponse.Bytes);
        Assert.False(message.IsMalformed);
        Assert.False(message.Header.Truncation);
        Assert.Equal(1273, tcpResponse.Bytes.Length);
        int srv = 0;
        foreach (var r in message.Answers)
        {
            srv += r.TryGetSrv(out _) ? 1 : 0;
        }

        Assert.Equal(30, srv);
    }
}
