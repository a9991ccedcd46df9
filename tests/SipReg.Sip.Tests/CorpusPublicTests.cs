using System.Globalization;
using SipReg.Testing;

namespace SipReg.Sip.Tests;

/// <summary>The public SIP traces, read with SipReg.Sip, against tshark's reading (public/truth/*.tsv).</summary>
public class CorpusPublicTests
{
    public static TheoryData<string> PublicSipCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var c in Corpus.Captures("public"))
        {
            // Not SIP framing questions: SCTP is not decoded by SipReg.Pcap, and SIP over WebSocket (RFC 7118) sits
            // inside RFC 6455 frames that a layer above TCP would have to unwrap first.
            var name = Path.GetFileName(c);
            if (name.StartsWith("sip__", StringComparison.Ordinal) && File.Exists(TruthOf(c))
                && name is not "sip__heplify__sip_sctp.pcap" and not "sip__heplify__sip_tcp_websocket.pcap")
            {
                data.Add(c);
            }
        }

        return data;
    }

    private static string TruthOf(string capture) => Corpus.PathOf("public/truth/" + Path.GetFileName(capture) + ".tsv");

    [Theory]
    [MemberData(nameof(PublicSipCaptures))]
    public async Task Messages_we_read_agree_with_tshark(string capture)
    {
        var expected = new Dictionary<long, List<string>>();
        string[]? columns = null;
        foreach (var line in File.ReadLines(TruthOf(capture)))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            if (columns is null)
            {
                columns = f;
                continue;
            }

            if (f[0] != "sip")
            {
                continue;
            }

            var methods = f[Array.IndexOf(columns, "sip.Method")].Split('|');
            var statuses = f[Array.IndexOf(columns, "sip.Status-Code")].Split('|');
            var callIds = f[Array.IndexOf(columns, "sip.Call-ID")].Split('|');
            var cseqs = f[Array.IndexOf(columns, "sip.CSeq")].Split('|');
            var list = new List<string>();
            for (var i = 0; i < callIds.Length; i++)
            {
                // tshark joins the fields of several messages in one frame with '|'; methods and status codes of a
                // mixed frame cannot be paired, so only the Call-ID and CSeq are compared per message then.
                var kind = methods.Length == callIds.Length && methods[i].Length > 0 ? methods[i] : statuses.Length == callIds.Length ? statuses[i] : "?";
                list.Add($"{kind} {callIds[i]} {cseqs.ElementAtOrDefault(i)}");
            }

            expected[long.Parse(f[1], CultureInfo.InvariantCulture)] = list;
        }

        var (observed, _) = await CorpusSipReader.ReadAsync(Corpus.PathOf(capture));
        var actual = new Dictionary<long, List<string>>();
        foreach (var o in observed)
        {
            var kind = (string?)o.Fields["method"] ?? ((int)o.Fields["status"]!).ToString(CultureInfo.InvariantCulture);
            var cseq = o.Fields["cseq"] is null ? "" : $"{(uint)o.Fields["cseq"]!} {(string?)o.Fields["cseq_method"]}";
            if (!actual.TryGetValue(o.Frame, out var list))
            {
                actual[o.Frame] = list = [];
            }

            list.Add($"{kind} {(string?)o.Fields["call_id"]} {cseq}");
        }

        var failures = new List<string>();
        foreach (var (frame, mine) in actual)
        {
            if (!expected.TryGetValue(frame, out var theirs))
            {
                failures.Add($"frame {frame}: we read {string.Join(" / ", mine)}, tshark nothing");
                continue;
            }

            for (var i = 0; i < mine.Count; i++)
            {
                var t = theirs.ElementAtOrDefault(i) ?? "";
                var m = mine[i];
                if (t.StartsWith("? ", StringComparison.Ordinal))
                {
                    m = "? " + m[(m.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                }

                if (t != m)
                {
                    failures.Add($"frame {frame}: tshark '{t}' vs '{m}'");
                }
            }
        }

        foreach (var frame in expected.Keys)
        {
            if (!actual.ContainsKey(frame))
            {
                failures.Add($"frame {frame}: tshark {string.Join(" / ", expected[frame])}, we nothing");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
