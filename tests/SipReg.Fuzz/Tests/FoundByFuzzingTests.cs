using System.Text;
using SipReg.Analysis.Pipeline;
using SipReg.Sip;
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

    // Found by soak 2 (seed 1259382175, edge/lt_sll_113.pcap: bit flips turned the final CRLF CRLF into CRLF TAB LF):
    // a header whose empty value was folded onto a line of only white space got a value of length -1, and
    // SipMessage.Unfold threw ArgumentOutOfRangeException. Fixed in SipMessage.Parsing.cs.

    // The 200 OK of edge/lt_sll_113.pcap as soak 2 damaged it: its last header's empty value is folded onto "\t", then a bare LF.
    private static readonly byte[] s_foldedEmptyLastHeader =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKa5f91488400d0002;rport;received=192.0.2.10\r\n"u8
        .ToArray().Concat("From: <sip:alice@example.com>;tag=tg3f49441aa5\r\nTo: <sip:alice@example.com>;tag=srv3f4944\r\n"u8.ToArray())
        .Concat("Call-ID: fa887e99350221f5@192.0.2.10\r\nCSeq: 2 REGISTER\r\nContent-Length: \r\n\t\n"u8.ToArray()).ToArray();

    [Fact]
    public void A_datagram_ending_in_a_folded_empty_header_value_parses_without_throwing()
    {
        var message = new SipMessage(default);

        message.Parse(s_foldedEmptyLastHeader, SipTransportKind.Datagram);

        Assert.True(message.IsResponse);
    }

    [Fact]
    public async Task A_capture_holding_that_datagram_is_analysed_without_throwing()
    {
        byte[] corpus = File.ReadAllBytes(Corpus.PathOf("edge/lt_sll_113.pcap"));
        var layout = CaptureLayout.Parse(corpus);
        var record = layout.Records.First(r => Payload(corpus, r).StartsWith("SIP/2.0 200"u8));
        byte[] capture = [.. corpus.AsSpan(0, layout.HeaderLength), .. corpus.AsSpan(record.Offset, record.Length)];
        capture = ReplacePayload(capture, CaptureLayout.Parse(capture).Records[0], s_foldedEmptyLastHeader);

        await using var source = CaptureMessageSource.Create(new MemoryStream(capture));
        var analysis = await CaptureAnalyzer.AnalyzeAsync(source);

        Assert.Equal(1, analysis.Accounting.Records);
        Assert.Equal(analysis.Accounting.Records, analysis.Accounting.Accounted);
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
        var payload = Payload(capture, record);
        int lineEnd = payload.IndexOf("\r\n"u8) + 2;
        return ReplacePayload(capture, record, [.. payload[..lineEnd], .. header, .. payload[lineEnd..]]);
    }

    private static byte[] ReplacePayload(byte[] capture, CaptureRecord record, byte[] payload)
    {
        byte[] frame = capture.AsSpan(record.Offset + 16, record.Length - 16).ToArray();
        var where = PacketLocation.Find(frame)!.Value;
        byte[] rewritten = where.Replace(frame, payload, fixLengths: true);
        byte[] recordHeader = capture.AsSpan(record.Offset, 16).ToArray();
        CaptureLayout.Write32(recordHeader.AsSpan(8), (uint)rewritten.Length, record.BigEndian);
        CaptureLayout.Write32(recordHeader.AsSpan(12), (uint)rewritten.Length, record.BigEndian);
        return [.. capture.AsSpan(0, record.Offset), .. recordHeader, .. rewritten, .. capture.AsSpan(record.Offset + record.Length)];
    }
}
