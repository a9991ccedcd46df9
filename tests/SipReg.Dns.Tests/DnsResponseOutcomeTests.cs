using System.Text.Json;
using SipReg.Testing;

namespace SipReg.Dns.Tests;

public class DnsResponseOutcomeTests
{
    private static DnsResponseOutcome Outcome(ushort flags, ushort qtype, params DnsTestRecord[] answers) =>
        DnsMessage.Read(DnsTestEncoder.Encode(new DnsTestMessage(1, flags, [new DnsTestQuestion("_sip._udp.example.com", qtype, 1)], answers, [], []), true)).GetOutcome();

    private static readonly DnsTestRecord s_srv = new("_sip._udp.example.com", 1, 60, new SrvData(1, 1, 5060, "sip.example.com"));
    private static readonly DnsTestRecord s_cname = new("_sip._udp.example.com", 1, 60, new NameData(5, "other.example.com"));

    [Fact]
    public void Outcomes_follow_rcode_tc_and_answers_RFC2308()
    {
        Assert.Equal(DnsResponseOutcome.NotAResponse, Outcome(0x0100, 33));
        Assert.Equal(DnsResponseOutcome.Answer, Outcome(0x8180, 33, s_srv));
        Assert.Equal(DnsResponseOutcome.Answer, Outcome(0x8180, 33, s_cname, s_srv));
        Assert.Equal(DnsResponseOutcome.NoData, Outcome(0x8180, 33));
        Assert.Equal(DnsResponseOutcome.NoData, Outcome(0x8180, 33, s_cname));
        Assert.Equal(DnsResponseOutcome.NameError, Outcome(0x8183, 33));
        Assert.Equal(DnsResponseOutcome.ServerFailure, Outcome(0x8182, 33));
        Assert.Equal(DnsResponseOutcome.Refused, Outcome(0x8185, 33));
        Assert.Equal(DnsResponseOutcome.OtherError, Outcome(0x8181, 33));
        Assert.Equal(DnsResponseOutcome.Truncated, Outcome(0x8380, 33, s_srv));
        Assert.Equal(DnsResponseOutcome.Malformed, DnsMessage.Read(Hex.Bytes("0001 8180 0001 0000 0000 0000 c00c 0001 0001")).GetOutcome());
        Assert.Equal(DnsResponseOutcome.NotAResponse, DnsMessage.Read(new byte[5]).GetOutcome());
    }

    [Theory]
    [InlineData("07a_dns_naptr_srv_a_then_register")]
    [InlineData("07b_dns_nxdomain")]
    [InlineData("07c_dns_servfail")]
    [InlineData("07e_dns_nodata_srv")]
    [InlineData("07f_dns_tcp_srv_a")]
    public async Task Live_responses_have_the_outcome_tshark_reading_implies(string name)
    {
        // Expected from the truth: rcode 3 = NXDOMAIN, 2 = SERVFAIL, 0 with an answer of the asked type = answer, else NODATA.
        var expected = new List<DnsResponseOutcome>();
        foreach (string line in File.ReadLines(Corpus.PathOf($"live/truth/{name}.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.GetProperty("proto").GetString() != "DNS" || !o.TryGetProperty("transport", out _) || !o.GetProperty("is_response").GetBoolean())
            {
                continue;
            }

            int rcode = o.GetProperty("rcode").GetInt32();
            string qtype = o.GetProperty("questions")[0].GetProperty("type").GetString()!;
            bool answered = o.GetProperty("records").EnumerateArray().Any(r => r.GetProperty("section").GetString() == "answer" && r.GetProperty("type").GetString() == qtype);
            expected.Add(rcode switch
            {
                3 => DnsResponseOutcome.NameError,
                2 => DnsResponseOutcome.ServerFailure,
                0 => answered ? DnsResponseOutcome.Answer : DnsResponseOutcome.NoData,
                _ => DnsResponseOutcome.OtherError,
            });
        }

        var actual = (await CorpusDns.ReadAsync($"live/{name}.pcap")).Where(m => !m.FromIcmp)
            .Select(m => DnsMessage.Read(m.Bytes).GetOutcome()).Where(o => o != DnsResponseOutcome.NotAResponse).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
