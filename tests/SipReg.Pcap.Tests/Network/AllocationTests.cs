using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class AllocationTests
{
    private static long AllocatedWhileDecoding(PacketDecoder decoder, byte[][] frames, int rounds, int first = 0, int count = -1)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        long bytes = 0;
        for (var i = 0; i < rounds; i++)
        {
            for (var f = first; f < (count < 0 ? frames.Length : first + count); f++)
            {
                var frame = frames[f];
                decoder.Decode(new CapturePacket(i + 1, i * 1000L, true, 0, LinkType.Ethernet, frame.Length, 0, frame));
                while (decoder.TryReadPayload(out var payload))
                {
                    bytes += payload.Data.Length;
                }
            }
        }

        Assert.True(bytes > 0);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Decoding_UDP_datagrams_allocates_nothing_in_steady_state()
    {
        using var decoder = new PacketDecoder();
        byte[][] frames =
        [
            Ethernet(0x0800, IPv4(17, Udp(5060, 5060, new byte[600]))),
            Ethernet(0x86DD, IPv6(17, Udp(5060, 5060, new byte[900])), 0x8100),
        ];
        AllocatedWhileDecoding(decoder, frames, 10);
        Assert.Equal(0, AllocatedWhileDecoding(decoder, frames, 1000));
    }

    [Fact]
    public void Decoding_in_order_TCP_data_allocates_nothing_in_steady_state()
    {
        using var decoder = new PacketDecoder();
        var data = new byte[500];
        var frames = new byte[2000][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = Ethernet(0x0800, IPv4(6, Tcp(40000, 5060, 1 + (uint)(i * data.Length), 1, Ack, data)));
        }

        AllocatedWhileDecoding(decoder, frames, 1, 0, 100);
        Assert.Equal(0, AllocatedWhileDecoding(decoder, frames, 1, 100, frames.Length - 100));
    }
}
