using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SipReg.Testing;

namespace SipReg.Dns.Tests;

/// <summary>Every DNS message of the live captures against tshark's reading in <c>live/truth/*.jsonl</c>, record by record.</summary>
public class DnsLiveCorpusTests
{
    public static TheoryData<string> LiveCapturesWithDns()
    {
        var data = new TheoryData<string>();
        foreach (string capture in Corpus.Captures("live"))
        {
            string truth = Corpus.PathOf("live/truth/" + Path.GetFileNameWithoutExtension(capture) + ".jsonl");
            if (File.Exists(truth) && File.ReadLines(truth).Any(l => l.Contains("\"proto\": \"DNS\"", StringComparison.Ordinal)))
            {
                data.Add(capture);
            }
        }

        return data;
    }

    private static string TypeText(DnsRecordType type) => DnsMnemonics.GetTypeName(type) ?? ((int)type).ToString(CultureInfo.InvariantCulture);

    private static bool TypeMatches(string truth, DnsRecordType type) =>
        truth == TypeText(type) || truth == ((int)type).ToString(CultureInfo.InvariantCulture);

    private static bool NameMatches(JsonElement truth, DnsName name)
    {
        if (truth.ValueKind == JsonValueKind.Null)
        {
            return true;   // README: tshark leaves SRV answer names null.
        }

        string text = truth.GetString()!;
        return text == "<Root>" ? name.IsRoot : name.ToString() == text;
    }

    [Theory]
    [MemberData(nameof(LiveCapturesWithDns))]
    public async Task Every_dns_message_matches_tshark_jsonl(string capture)
    {
        string truthPath = Corpus.PathOf("live/truth/" + Path.GetFileNameWithoutExtension(capture) + ".jsonl");
        var messages = await CorpusDns.ReadAsync(capture);
        var byFrame = messages.Where(m => !m.FromIcmp).GroupBy(m => m.Frame).ToDictionary(g => g.Key, g => new Queue<CorpusDnsMessage>(g));
        int compared = 0;
        foreach (string line in File.ReadLines(truthPath))
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.GetProperty("proto").GetString() != "DNS" || !o.TryGetProperty("transport", out _))
            {
                continue;   // not DNS, or DNS quoted in an ICMP error (no transport in the truth)
            }

            long frame = o.GetProperty("frame").GetInt64();
            Assert.True(byFrame.TryGetValue(frame, out var queue) && queue.Count > 0, $"frame {frame}: no DNS message found");
            var found = queue.Dequeue();
            var message = DnsMessage.Read(found.Bytes);
            Assert.False(message.IsMalformed, $"frame {frame}: {(message.DiagnosticCount > 0 ? message.GetDiagnostic(0).ToString() : "")}");
            Assert.Equal(o.GetProperty("id").GetInt32(), message.Header.Id);
            Assert.Equal(o.GetProperty("is_response").GetBoolean(), message.Header.IsResponse);
            Assert.Equal(o.GetProperty("sport").GetInt32(), found.SourcePort);
            if (o.GetProperty("rcode").ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(o.GetProperty("rcode").GetInt32(), (int)message.ResponseCode);
            }

            Assert.Equal(o.GetProperty("answer_count").GetInt32(), message.Header.AnswerCount);
            var questions = o.GetProperty("questions").EnumerateArray().ToList();
            Assert.Equal(questions.Count, message.GetReadCount(DnsSection.Question));
            int qi = 0;
            foreach (var q in message.Questions)
            {
                Assert.True(NameMatches(questions[qi].GetProperty("name"), q.Name), $"frame {frame}: question name");
                Assert.True(TypeMatches(questions[qi].GetProperty("type").GetString()!, q.Type), $"frame {frame}: question type");
                qi++;
            }

            var records = o.GetProperty("records").EnumerateArray().ToList();
            int ri = 0;
            CompareSection(message.Answers, "answer", records, ref ri, frame);
            CompareSection(message.Authorities, "authority", records, ref ri, frame);
            CompareSection(message.Additionals, "additional", records, ref ri, frame);
            Assert.Equal(records.Count, ri);
            compared++;
        }

        Assert.True(compared > 0);
        Assert.All(byFrame.Values, q => Assert.Empty(q));
    }

    private static void CompareSection(DnsRecordEnumerator records, string section, List<JsonElement> truth, ref int index, long frame)
    {
        foreach (var r in records)
        {
            Assert.True(index < truth.Count, $"frame {frame}: more records than tshark");
            var t = truth[index++];
            string where = $"frame {frame} record {index}";
            Assert.Equal(t.GetProperty("section").GetString(), section);
            Assert.True(NameMatches(t.GetProperty("name"), r.Name), where + ": name");
            Assert.True(TypeMatches(t.GetProperty("type").GetString()!, r.Type), where + ": type");
            if (t.GetProperty("ttl").ValueKind == JsonValueKind.String)
            {
                Assert.Equal(t.GetProperty("ttl").GetString(), r.Ttl.ToString(CultureInfo.InvariantCulture));
            }

            if (t.TryGetProperty("address", out var address))
            {
                Assert.True(r.TryGetAddress(out var bytes), where);
                Assert.Equal(address.GetString(), new IPAddress(bytes).ToString());
            }

            if (t.TryGetProperty("port", out var port))
            {
                Assert.True(r.TryGetSrv(out var srv), where);
                Assert.Equal(port.GetInt32(), srv.Port);
                Assert.Equal(t.GetProperty("priority").GetInt32(), srv.Priority);
                Assert.Equal(t.GetProperty("weight").GetInt32(), srv.Weight);
                Assert.Equal(t.GetProperty("target").GetString(), srv.Target.ToString());
            }

            if (t.TryGetProperty("service", out var service))
            {
                Assert.True(r.TryGetNaptr(out var naptr), where);
                Assert.Equal(service.GetString(), Encoding.ASCII.GetString(naptr.Services));
                Assert.Equal(t.GetProperty("order").GetInt32(), naptr.Order);
                Assert.Equal(t.GetProperty("preference").GetInt32(), naptr.Preference);
                Assert.Equal(t.GetProperty("flags").GetString(), Encoding.ASCII.GetString(naptr.Flags));
                Assert.Equal(t.GetProperty("regexp").GetString(), Encoding.ASCII.GetString(naptr.Regexp));
                Assert.Equal(t.GetProperty("replacement").GetString(), naptr.Replacement.ToString());
            }
        }
    }

    [Fact]
    public async Task Naptr_srv_a_lookup_before_register_is_sip_related_and_answered()
    {
        // live 07a: NAPTR, then SRV, then A/AAAA of the SRV targets, then REGISTER.
        var relevance = new DnsSipRelevance();
        var tracker = new DnsTransactionTracker();
        int related = 0, answered = 0, total = 0;
        foreach (var m in await CorpusDns.ReadAsync("live/07a_dns_naptr_srv_a_then_register.pcap"))
        {
            var message = DnsMessage.Read(m.Bytes);
            total++;
            related += relevance.Evaluate(message) ? 1 : 0;
            int clientPort = message.Header.IsResponse ? m.DestinationPort : m.SourcePort;
            answered += tracker.Track(message, [], clientPort, m.Frame, m.Frame).Kind == DnsTransactionKind.Answered ? 1 : 0;
        }

        Assert.True(total > 0);
        Assert.Equal(total, related);
        Assert.Equal(total / 2, answered);
        Assert.Equal(0, tracker.PendingCount);
    }

    [Theory]
    [InlineData("live/07g_dns_timeout_dead_upstream.pcap")]
    [InlineData("live/07a_dns_naptr_srv_a_then_register.pcap")]
    [InlineData("live/07b_dns_nxdomain.pcap")]
    public async Task Unanswered_queries_are_those_without_a_response_in_the_truth(string capture)
    {
        // Independent expectation from tshark's reading: query IDs minus response IDs.
        var queries = new HashSet<int>();
        var responses = new HashSet<int>();
        foreach (string line in File.ReadLines(Corpus.PathOf("live/truth/" + Path.GetFileNameWithoutExtension(capture) + ".jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.GetProperty("proto").GetString() == "DNS" && o.TryGetProperty("transport", out _))
            {
                (o.GetProperty("is_response").GetBoolean() ? responses : queries).Add(o.GetProperty("id").GetInt32());
            }
        }

        var tracker = new DnsTransactionTracker();
        foreach (var m in (await CorpusDns.ReadAsync(capture)).Where(m => !m.FromIcmp))
        {
            var message = DnsMessage.Read(m.Bytes);
            int clientPort = message.Header.IsResponse ? m.DestinationPort : m.SourcePort;
            tracker.Track(message, [], clientPort, m.Frame, m.Frame);
        }

        var unanswered = new List<int>();
        while (tracker.TryTakeUnanswered(out var pending))
        {
            unanswered.Add(pending.Id);
        }

        Assert.Equal(queries.Except(responses).Order(), unanswered.Order());
    }
}
