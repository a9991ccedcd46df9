using System.Text.Json;
using SipReg.Testing;

namespace SipReg.Cli.Tests;

/// <summary>
/// The JSON/JSONL outputs are contracts other tools read: their keys are checked here, and their content against
/// tshark's independent reading of the corpus (live/truth/*.jsonl).
/// </summary>
public sealed class OutputContractTests
{
    public static TheoryData<string> LiveCaptures() => Corpus.CaptureData("live");

    [Theory]
    [MemberData(nameof(LiveCaptures))]
    public async Task Messages_jsonl_has_one_object_per_SIP_message_that_tshark_sees(string capture)
    {
        var truth = Truth(capture).Where(t => t.GetProperty("proto").GetString() == "SIP" && t.TryGetProperty("transport", out var tr) && tr.ValueKind == JsonValueKind.String).ToList();

        var (exit, stdout, stderr) = await Cli.RunAsync("messages", "--format", "jsonl", Corpus.PathOf(capture));

        Assert.True(exit == 0, stderr);
        var ours = Lines(stdout).Where(m => m.GetProperty("kind").GetString() != "keepalive").ToList();
        Assert.Equal(truth.Count, ours.Count);
        for (var i = 0; i < truth.Count; i++)
        {
            var (t, m) = (truth[i], ours[i]);
            Assert.Equal(t.GetProperty("frame").GetInt64(), m.GetProperty("frame").GetInt64());
            Assert.Equal(t.GetProperty("time_epoch").GetString(), m.GetProperty("time").GetString());
            Assert.Equal(t.GetProperty("kind").GetString(), m.GetProperty("kind").GetString());
            Assert.Equal(t.GetProperty("call_id").GetString(), m.GetProperty("callId").GetString());
            Assert.Equal(t.GetProperty("cseq").GetInt64(), m.GetProperty("cseq").GetProperty("seq").GetInt64());
            if (t.GetProperty("kind").GetString() == "request")
            {
                Assert.Equal(t.GetProperty("method").GetString(), m.GetProperty("method").GetString());
            }
            else
            {
                Assert.Equal(t.GetProperty("status").GetInt32(), m.GetProperty("status").GetInt32());
            }

            var port = t.GetProperty("sport").GetInt32();
            Assert.EndsWith(":" + port, m.GetProperty("src").GetString(), StringComparison.Ordinal);
            Assert.Equal(t.GetProperty("transport").GetString()!.ToLowerInvariant(), m.GetProperty("transport").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(LiveCaptures))]
    public async Task Dns_jsonl_has_one_object_per_DNS_message_that_tshark_sees(string capture)
    {
        var truth = Truth(capture).Where(t => t.GetProperty("proto").GetString() == "DNS" && t.TryGetProperty("transport", out var tr) && tr.ValueKind == JsonValueKind.String).ToList();

        var (exit, stdout, stderr) = await Cli.RunAsync("dns", "--format", "jsonl", Corpus.PathOf(capture));

        Assert.True(exit == 0, stderr);
        var ours = Lines(stdout).ToList();
        Assert.Equal(truth.Count, ours.Count);
        for (var i = 0; i < truth.Count; i++)
        {
            var (t, m) = (truth[i], ours[i]);
            Assert.Equal(t.GetProperty("frame").GetInt64(), m.GetProperty("frame").GetInt64());
            Assert.Equal(t.GetProperty("id").GetInt32(), m.GetProperty("id").GetInt32());
            Assert.Equal(t.GetProperty("is_response").GetBoolean(), m.GetProperty("response").GetBoolean());
            var question = t.GetProperty("questions")[0];
            Assert.Equal(question.GetProperty("name").GetString(), m.GetProperty("questions")[0].GetProperty("name").GetString());
            Assert.Equal(question.GetProperty("type").GetString(), m.GetProperty("questions")[0].GetProperty("type").GetString());
            foreach (var key in new[] { "time", "src", "dst", "transport", "opcode", "rcode", "flags", "answers", "authority", "additional", "sipRelated", "diagnostics" })
            {
                Assert.True(m.TryGetProperty(key, out _), key + " missing");
            }
        }
    }

    [Fact]
    public async Task Dns_rcode_mnemonics_follow_the_response_codes()
    {
        var (_, stdout, _) = await Cli.RunAsync("dns", "--format", "jsonl", Corpus.PathOf("live/07b_dns_nxdomain.pcap"));

        var responses = Lines(stdout).Where(m => m.GetProperty("response").GetBoolean()).ToList();
        Assert.NotEmpty(responses);
        Assert.All(responses, r => Assert.Equal("NXDOMAIN", r.GetProperty("rcode").GetString()));
        Assert.All(Lines(stdout), r => Assert.True(r.GetProperty("sipRelated").GetBoolean()));
    }

    [Fact]
    public async Task Info_json_says_what_capinfos_would()
    {
        var (exit, stdout, _) = await Cli.RunAsync("info", "--format", "json", Corpus.PathOf("edge/ng_multi_section.pcapng"));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("pcapng", root.GetProperty("format").GetString());
        Assert.Equal(3, root.GetProperty("sections").GetInt32());
        Assert.Equal(16, root.GetProperty("packets").GetInt64());
        Assert.Equal(0, root.GetProperty("truncatedPackets").GetInt64());
        Assert.Equal("1709294400.000000000", root.GetProperty("firstTime").GetString());
        var linkTypes = root.GetProperty("interfaces").EnumerateArray().Select(i => i.GetProperty("linkType").GetInt32()).ToList();
        Assert.Equal([1, 101, 113], linkTypes);
        Assert.All(root.GetProperty("interfaces").EnumerateArray(), i =>
        {
            Assert.True(i.TryGetProperty("linkTypeName", out _));
            Assert.True(i.TryGetProperty("timestampResolution", out _));
            Assert.True(i.TryGetProperty("snapLength", out _));
        });
        Assert.Empty(root.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public async Task Info_json_names_the_offset_of_damage()
    {
        var (exit, stdout, _) = await Cli.RunAsync("info", "--format", "json", Corpus.PathOf("edge/pcap_cut_in_packet_data.pcap"));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(8, json.RootElement.GetProperty("packets").GetInt64());
        var diagnostic = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(1166, diagnostic.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task Analyze_json_has_the_documented_sections_and_accounting()
    {
        var (exit, stdout, _) = await Cli.RunAsync("analyze", "--format", "json", Corpus.PathOf("live/01_healthy_www_auth_refresh.pcap"));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("challenge-then-registered", root.GetProperty("status").GetString());
        foreach (var key in new[] { "tool", "capture", "messages", "status", "summary", "flows", "bindings", "dns", "findings" })
        {
            Assert.True(root.TryGetProperty(key, out _), key + " missing");
        }

        // The messages found agree with what `sipreg messages` lists for the same capture.
        var (_, jsonl, _) = await Cli.RunAsync("messages", "--format", "jsonl", Corpus.PathOf("live/01_healthy_www_auth_refresh.pcap"));
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        var messages = root.GetProperty("messages");
        Assert.Equal(lines.Count(k => k is "request" or "response"), messages.GetProperty("sip").GetInt64());
        Assert.Equal(lines.Count(k => k == "keepalive"), messages.GetProperty("keepalive").GetInt64());
        Assert.True(messages.GetProperty("sip").GetInt64() > 0);

        var accounting = root.GetProperty("capture").GetProperty("accounting");
        var buckets = new[] { "sip", "dns", "keepalive", "other", "unsupportedLinkType", "truncated", "malformed", "capped", "pendingReassembly" };
        Assert.Equal(accounting.GetProperty("records").GetInt64(), buckets.Sum(b => accounting.GetProperty(b).GetInt64()));

        var flow = Assert.Single(root.GetProperty("flows").EnumerateArray());
        foreach (var key in new[] { "aor", "callId", "ua", "registrar", "transport", "status", "challenges", "requestedExpires", "grantedExpires", "contacts", "transactions" })
        {
            Assert.True(flow.TryGetProperty(key, out _), key + " missing");
        }

        Assert.Equal("sip:alice@corpus.test", flow.GetProperty("aor").GetString());
        Assert.Equal(1, flow.GetProperty("challenges").GetInt32());
        Assert.Equal(300, flow.GetProperty("grantedExpires").GetInt32());
        var frames = flow.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("frame").GetInt64()).ToList();
        Assert.Equal([1, 3, 5], frames);
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        foreach (var key in new[] { "rule", "severity", "title", "detail", "next", "aor", "frames" })
        {
            Assert.True(finding.TryGetProperty(key, out _), key + " missing");
        }
    }

    [Theory]
    [InlineData("live/05_final_403.pcap", null, 1)]
    [InlineData("live/05_final_403.pcap", "never", 0)]
    [InlineData("live/05_final_403.pcap", "error", 1)]
    [InlineData("live/11_expiry_mismatch_late_refresh.pcap", "error", 0)]
    [InlineData("live/11_expiry_mismatch_late_refresh.pcap", "warning", 1)]
    [InlineData("live/01_healthy_www_auth_refresh.pcap", null, 0)]
    public async Task Exit_code_follows_fail_on(string capture, string? failOn, int expected)
    {
        string[] args = failOn is null ? ["analyze", Corpus.PathOf(capture)] : ["analyze", "--fail-on", failOn, Corpus.PathOf(capture)];

        var (exit, _, _) = await Cli.RunAsync(args);

        Assert.Equal(expected, exit);
    }

    private static IEnumerable<JsonElement> Truth(string capture)
    {
        var name = Path.GetFileNameWithoutExtension(capture);
        foreach (var line in File.ReadLines(Corpus.PathOf("live/truth/" + name + ".jsonl")))
        {
            yield return JsonDocument.Parse(line).RootElement;
        }
    }

    private static IEnumerable<JsonElement> Lines(string jsonl)
    {
        foreach (var line in jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return JsonDocument.Parse(line).RootElement;
        }
    }
}
