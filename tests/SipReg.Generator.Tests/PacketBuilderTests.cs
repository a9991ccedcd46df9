using System.Net;
using FsCheck;
using FsCheck.Fluent;
using SipReg.Generator.Packets;

namespace SipReg.Generator.Tests;

public class PacketBuilderTests
{
    [Fact]
    public void Udp_and_tcp_checksums_and_lengths_hold_for_any_payload_over_ipv4_and_ipv6()
    {
        var builder = new PacketBuilder();
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<bool>(), ArbMap.Default.ArbFor<ushort>(), (payload, v6, port) =>
        {
            payload = payload.Length > 9000 ? payload[..9000] : payload;
            NetEndpoint a = v6 ? NetEndpoint.Parse("2001:db8::10", port) : NetEndpoint.Parse("192.0.2.10", port);
            NetEndpoint b = v6 ? NetEndpoint.Parse("2001:db8::1", 5060) : NetEndpoint.Parse("198.51.100.10", 5060);
            IndependentReader.Packet udp = IndependentReader.Check(builder.Udp(a, b, payload).ToArray());
            IndependentReader.Packet tcp = IndependentReader.Check(builder.Tcp(a, b, 123456789, 42, TcpFlags.Psh | TcpFlags.Ack, payload).ToArray());
            return udp.Payload.AsSpan().SequenceEqual(payload) && tcp.Payload.AsSpan().SequenceEqual(payload)
                && udp.SourcePort == port && tcp.Sequence == 123456789;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_zero_udp_checksum_is_sent_as_all_ones()
    {
        var builder = new PacketBuilder();
        NetEndpoint a = NetEndpoint.Parse("192.0.2.10", 5060);
        NetEndpoint b = NetEndpoint.Parse("198.51.100.10", 5060);
        // Find a two-byte payload whose checksum computes to zero, then check it is written 0xFFFF (RFC 768).
        for (int value = 0; value < 65536; value++)
        {
            byte[] payload = [(byte)(value >> 8), (byte)value];
            byte[] frame = builder.Udp(a, b, payload).ToArray();
            if (frame[40] == 0xFF && frame[41] == 0xFF)
            {
                IndependentReader.Check(frame);
                return;
            }
        }

        Assert.Fail("no payload gave a zero checksum");
    }

    [Fact]
    public void Syn_carries_an_mss_option()
    {
        var builder = new PacketBuilder();
        byte[] frame = builder.Tcp(NetEndpoint.Parse("192.0.2.10", 50000), NetEndpoint.Parse("198.51.100.10", 5060), 1, 0, TcpFlags.Syn, []).ToArray();
        IndependentReader.Packet syn = IndependentReader.Check(frame);
        Assert.Equal(0x02, syn.TcpFlags);
        Assert.Equal(24, frame.Length - 14 - 20);
        Assert.Equal([2, 4, 0x05, 0xB4], frame[54..58]);
    }

    [Fact]
    public void Fragments_carry_offset_and_more_fragments_flag()
    {
        var builder = new PacketBuilder();
        byte[] frame = builder.IPv4Fragment(IPAddress.Parse("192.0.2.10"), IPAddress.Parse("198.51.100.10"), 17, 0x1234, 1480, true, new byte[64]).ToArray();
        Assert.Equal(0x20B9, frame[20] << 8 | frame[21]);
        Assert.Equal(0x1234, frame[18] << 8 | frame[19]);
        Assert.Equal(84, frame[16] << 8 | frame[17]);
    }
}
