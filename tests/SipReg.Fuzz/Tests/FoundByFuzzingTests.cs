using System.Text;
using SipReg.Testing;
using Xunit.Abstractions;

namespace SipReg.Fuzz.Tests;

/// <summary>Inputs the soak found, kept as tests named after what they prove.</summary>
public sealed class FoundByFuzzingTests(ITestOutputHelper output)
{
    // Found by the soak (seed 321944584, edge/timing_crlf_keepalive_healthy.pcap): Contacts were matched pairwise with
    // a new key string per comparison, so 2,000 x 2,000 Contacts allocated over a gigabyte. Now keyed once per message.
    [Fact]
    public async Task A_REGISTER_and_its_200_OK_with_thousands_of_Contacts_are_analysed_in_linear_time_and_allocation()
    {
        byte[] capture = WithContactLists(File.ReadAllBytes(Corpus.PathOf("edge/timing_crlf_keepalive_healthy.pcap")), 2_000);
        using var harness = new FuzzHarness(new FuzzOptions { ArtifactsDirectory = Path.GetTempPath() }, output.WriteLine);

        var m = await harness.RunOneAsync(capture, new FuzzResult());

        output.WriteLine($"{m.Elapsed.TotalMilliseconds:F0} ms, {m.Allocated >> 20} MB allocated");
        Assert.Null(m.Failure);
        Assert.True(m.Allocated < 256L << 20, $"{m.Allocated >> 20} MB allocated for a {capture.Length}-byte capture");
    }

    /// <summary>A REGISTER directly followed by its 200 OK each get one Contact header listing <paramref name="count"/> bindings.</summary>
    private static byte[] WithContactLists(byte[] capture, int count)
    {
        var list = new StringBuilder("Contact: ");
        for (int i = 0; i < count; i++)
        {
            list.Append(i == 0 ? "" : ",").Append("<sip:c").Append(i).Append("@10.0.0.1>");
        }

        byte[] header = Encoding.ASCII.GetBytes(list.Append("\r\n").ToString());
        var layout = CaptureLayout.Parse(capture);
        for (int r = 0; r + 1 < layout.Records.Count; r++)
        {
            if (Payload(capture, layout.Records[r]).StartsWith("REGISTER "u8) && Payload(capture, layout.Records[r + 1]).StartsWith("SIP/2.0 200"u8))
            {
                // The later record first, so the earlier one's offset still holds.
                capture = AddHeader(capture, layout.Records[r + 1], header);
                return AddHeader(capture, layout.Records[r], header);
            }
        }

        throw new InvalidOperationException("no REGISTER directly followed by a 200 OK over UDP in the capture");
    }

    private static ReadOnlySpan<byte> Payload(byte[] capture, CaptureRecord record)
    {
        var frame = capture.AsSpan(record.Offset + 16, record.Length - 16);
        return PacketLocation.Find(frame) is { } where ? frame[where.PayloadOffset..where.PayloadEnd] : default;
    }

    private static byte[] AddHeader(byte[] capture, CaptureRecord record, byte[] header)
    {
        byte[] frame = capture.AsSpan(record.Offset + 16, record.Length - 16).ToArray();
        var where = PacketLocation.Find(frame)!.Value;
        var payload = frame.AsSpan(where.PayloadOffset, where.PayloadEnd - where.PayloadOffset);
        int lineEnd = payload.IndexOf("\r\n"u8) + 2;
        byte[] rewritten = where.Replace(frame, [.. payload[..lineEnd], .. header, .. payload[lineEnd..]], fixLengths: true);
        byte[] recordHeader = capture.AsSpan(record.Offset, 16).ToArray();
        CaptureLayout.Write32(recordHeader.AsSpan(8), (uint)rewritten.Length, record.BigEndian);
        CaptureLayout.Write32(recordHeader.AsSpan(12), (uint)rewritten.Length, record.BigEndian);
        return [.. capture.AsSpan(0, record.Offset), .. recordHeader, .. rewritten, .. capture.AsSpan(record.Offset + record.Length)];
    }
}
