using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class DecoderApiTests
{
    [Fact]
    public void Diagnostics_beyond_the_cap_are_only_counted()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { MaxDiagnostics = 2 });
        for (var i = 0; i < 5; i++)
        {
            h.Feed(LinkType.Raw, [0x15, 0, 0, 0]);
        }

        Assert.Equal(2, h.Decoder.Diagnostics.Count);
        Assert.Equal(3, h.Decoder.Counters.DiagnosticsDropped);
        Assert.Equal(5, h.Decoder.Counters.Malformed);
        Assert.Equal([1L, 2L], h.Decoder.Diagnostics.Select(d => d.FrameNumber));
        h.AssertAccounting();
    }

    [Fact]
    public void Total_TCP_buffer_cap_stops_waiting_across_streams()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { MaxTcpBufferedBytes = 12 });
        h.FeedIPv4(IPv4(6, Tcp(40000, 5060, 100, 0, Syn, [])));
        h.FeedIPv4(IPv4(6, Tcp(40001, 5060, 100, 0, Syn, [])));
        Assert.Empty(h.FeedIPv4(IPv4(6, Tcp(40000, 5060, 111, 0, Ack, Text("12345678")))));
        var payloads = h.FeedIPv4(IPv4(6, Tcp(40001, 5060, 111, 0, Ack, Text("abcdefgh"))));
        var p = Assert.Single(payloads);
        Assert.Equal(10, p.GapBefore);
        Assert.Equal("abcdefgh", p.Text);
        Assert.Equal(1, p.StreamIndex);
        h.Complete();
        Assert.Contains(h.Payloads, q => q.StreamIndex == 0 && q.Text == "12345678" && q.GapBefore == 10);
        h.AssertAccounting();
    }

    [Fact]
    public void Payloads_of_the_previous_record_are_dropped_by_the_next_Decode()
    {
        using var decoder = new PacketDecoder();
        var frame = IPv4(17, Udp(1, 2, [1, 2, 3]));
        decoder.Decode(new CapturePacket(1, 0, false, 0, LinkType.Raw, frame.Length, 0, frame));
        decoder.Decode(new CapturePacket(2, 0, false, 0, LinkType.Raw, frame.Length, 0, frame));
        Assert.True(decoder.TryReadPayload(out var payload));
        Assert.Equal(2, payload.FrameNumber);
        Assert.False(payload.HasTimestamp);
        Assert.False(decoder.TryReadPayload(out _));
    }

    [Fact]
    public void Misuse_throws_PcapException_or_ObjectDisposedException()
    {
        Assert.Throws<PcapException>(() => new PacketDecoder(new PacketDecoderOptions { MaxTcpStreams = -1 }));
        var decoder = new PacketDecoder();
        decoder.Complete();
        decoder.Complete();
        var frame = IPv4(17, Udp(1, 2, [1]));
        Assert.Throws<PcapException>(() => decoder.Decode(new CapturePacket(1, 0, true, 0, LinkType.Raw, frame.Length, 0, frame)));
        decoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => decoder.Complete());
        Assert.False(decoder.TryReadPayload(out _));
    }
}
