using System.Text.Json;
using System.Text.Json.Nodes;
using SipReg.Testing;

namespace SipReg.Sip.Tests;

/// <summary>Every SIP message of the live captures, read with SipReg.Sip, against tshark 4.0's reading (truth/*.jsonl).</summary>
public class CorpusConformanceTests
{
    private static readonly string[] s_fields =
    [
        "kind", "method", "request_uri", "status", "call_id", "cseq", "cseq_method", "from_uri", "from_tag", "to_uri", "to_tag",
        "via_branch", "contact_headers_raw", "contacts", "expires", "min_expires", "retry_after", "path", "service_route", "route",
        "supported", "require", "authentication_info", "authorization", "proxy_authorization", "nextnonce",
    ];

    public static TheoryData<string> LiveCaptures => Corpus.CaptureData("live");

    [Theory]
    [MemberData(nameof(LiveCaptures))]
    public async Task Every_sip_message_matches_tsharks_reading(string capture)
    {
        var truthFile = Corpus.PathOf("live/truth/" + Path.GetFileNameWithoutExtension(capture) + ".jsonl");
        var truth = new List<JsonObject>();
        foreach (var line in File.ReadLines(truthFile))
        {
            if (JsonNode.Parse(line) is JsonObject o && (string?)o["proto"] == "SIP" && o.ContainsKey("kind"))
            {
                truth.Add(o);
            }
        }

        var (observed, _) = await CorpusSipReader.ReadAsync(Corpus.PathOf(capture));
        var byKey = new Dictionary<(long, int), CorpusSipReader.Observed>();
        foreach (var o in observed)
        {
            byKey[(o.Frame, o.IndexInFrame)] = o;
        }

        var failures = new List<string>();
        foreach (var t in truth)
        {
            var frame = (long)t["frame"]!;
            var index = (int?)t["msg_index_in_frame"] ?? 0;
            if (!byKey.TryGetValue((frame, index), out var mine))
            {
                failures.Add($"frame {frame}#{index}: not read");
                continue;
            }

            foreach (var field in s_fields)
            {
                if (!t.ContainsKey(field) && !mine.Fields.ContainsKey(field))
                {
                    continue;
                }

                var expected = t[field];
                var actual = mine.Fields[field];
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    failures.Add($"frame {frame}#{index} {field}: tshark {Show(expected)} vs {Show(actual)}");
                }
            }

            foreach (var header in new[] { "www_authenticate", "proxy_authenticate" })
            {
                var expected = new JsonArray();
                foreach (var c in t[header]!.AsArray())
                {
                    expected.Add(new JsonObject { ["realm"] = c!["realm"]?.DeepClone(), ["nonce"] = c["nonce"]?.DeepClone(), ["qop"] = c["qop"]?.DeepClone(), ["stale"] = c["stale"]?.DeepClone() });
                }

                if (!JsonNode.DeepEquals(expected, mine.Fields[header]))
                {
                    failures.Add($"frame {frame}#{index} {header}: tshark {Show(expected)} vs {Show(mine.Fields[header])}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(truth.Count, observed.Count);
    }

    private static string Show(JsonNode? n) => n?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}

/// <summary>The edge captures' expected SIP counts (manifest.json), found by framing and parsing every payload.</summary>
public class CorpusEdgeCountTests
{
    public static TheoryData<string> EdgeCapturesWithSip()
    {
        var data = new TheoryData<string>();
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        foreach (var e in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            if (e.TryGetProperty("expected", out var x) && x.TryGetProperty("sip_requests", out var r) && x.TryGetProperty("records", out _)
                && (r.GetInt32() > 0 || x.GetProperty("sip_responses").GetInt32() > 0 || x.TryGetProperty("keepalives", out _)))
            {
                data.Add(e.GetProperty("file").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeCapturesWithSip))]
    public async Task Sip_messages_and_keep_alives_match_the_manifest(string file)
    {
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        JsonElement expected = default;
        foreach (var e in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            if (e.GetProperty("file").GetString() == file)
            {
                expected = e.GetProperty("expected");
            }
        }

        var (observed, keepAlives) = await CorpusSipReader.ReadAsync(Corpus.PathOf("edge/" + file));
        var sip = observed.Where(o => o.Transport != "ICMP").ToList();
        Assert.Equal(expected.GetProperty("sip_requests").GetInt32(), sip.Count(o => (string?)o.Fields["kind"] == "request"));
        Assert.Equal(expected.GetProperty("sip_responses").GetInt32(), sip.Count(o => (string?)o.Fields["kind"] == "response"));
        var detail = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var o in sip)
        {
            var key = (string?)o.Fields["method"] ?? ((int)o.Fields["status"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
            detail[key] = detail.GetValueOrDefault(key) + 1;
        }

        var expectedDetail = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in expected.GetProperty("sip_detail").EnumerateObject())
        {
            expectedDetail[p.Name] = p.Value.GetInt32();
        }

        Assert.Equal(expectedDetail, detail);
        if (expected.TryGetProperty("keepalive_pings", out var pings))
        {
            Assert.Equal(pings.GetInt32(), keepAlives.GetValueOrDefault(SipKeepAliveKind.Ping));
            Assert.Equal(expected.GetProperty("keepalive_pongs").GetInt32(), keepAlives.GetValueOrDefault(SipKeepAliveKind.Pong));
        }

        if (expected.TryGetProperty("stun_messages", out var stun))
        {
            Assert.Equal(stun.GetInt32(), keepAlives.GetValueOrDefault(SipKeepAliveKind.Stun));
        }
    }
}
