using System.Buffers.Binary;
using System.Text.Json;
using SipReg.Testing;

namespace SipReg.Pcap.Tests.Network;

/// <summary>The live captures against tshark's reading (truth/*.jsonl): every SIP and DNS message tshark saw is in a payload.</summary>
public class LiveTruthTests
{
    public static TheoryData<string> LiveCaptures() => Corpus.CaptureData("live");

    private static string Endpoint(string address, int port) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";

    [Theory]
    [MemberData(nameof(LiveCaptures))]
    public async Task Every_message_tshark_read_is_in_a_payload_at_its_frame(string capture)
    {
        var name = Path.GetFileNameWithoutExtension(capture);
        var truth = Corpus.PathOf($"live/truth/{name}.jsonl");
        Assert.True(File.Exists(truth), truth);
        var outcome = await CorpusDecoding.DecodeAsync(capture);
        var checkedLines = 0;
        foreach (var line in File.ReadLines(truth))
        {
            using var json = JsonDocument.Parse(line);
            var o = json.RootElement;
            var frame = o.GetProperty("frame").GetInt64();
            var isSip = o.GetProperty("proto").GetString() == "SIP";
            var callId = isSip ? o.GetProperty("call_id").GetString()! : null;
            if (!o.TryGetProperty("transport", out var transport))
            {
                // tshark dissected a message quoted inside an ICMP error: it must come out as an IcmpError, never as a datagram.
                var error = Assert.Single(outcome.Payloads, p => p.FrameNumber == frame);
                Assert.Equal(TransportPayloadKind.IcmpError, error.Kind);
                Assert.Equal(o.GetProperty("src").GetString(), error.Reporter.ToString());
                if (callId is not null)
                {
                    Assert.Contains(callId, error.Text, StringComparison.Ordinal);
                }

                checkedLines++;
                continue;
            }

            var source = Endpoint(o.GetProperty("src").GetString()!, o.GetProperty("sport").GetInt32());
            var destination = Endpoint(o.GetProperty("dst").GetString()!, o.GetProperty("dport").GetInt32());
            var kind = transport.GetString() == "UDP" ? TransportPayloadKind.Datagram : TransportPayloadKind.StreamData;
            var payload = Assert.Single(outcome.Payloads, p => p.FrameNumber == frame && p.Kind == kind
                && p.Source.ToString() == source && p.Destination.ToString() == destination);
            if (callId is not null)
            {
                Assert.Contains(callId, payload.Text, StringComparison.Ordinal);
            }
            else if (kind == TransportPayloadKind.Datagram)
            {
                Assert.Equal(o.GetProperty("id").GetInt32(), BinaryPrimitives.ReadUInt16BigEndian(payload.Data));
            }

            checkedLines++;
        }

        Assert.True(checkedLines > 0);
    }
}
