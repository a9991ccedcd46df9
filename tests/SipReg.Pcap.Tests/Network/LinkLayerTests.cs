using System.Buffers.Binary;
using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class LinkLayerTests
{
    private static readonly byte[] s_message = Text("REGISTER sip:example.com SIP/2.0\r\n\r\n");
    private static readonly byte[] s_v4 = IPv4(17, Udp(5060, 5060, s_message));
    private static readonly byte[] s_v6 = IPv6(17, Udp(5060, 5060, s_message));

    public static TheoryData<LinkType, byte[], bool> Frames()
    {
        var sll = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(14), 0x0800);
        var sll6 = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(sll6.AsSpan(14), 0x86DD);
        var sll2 = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(sll2, 0x0800);
        byte[] afLe(uint af) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, af); return b; }
        byte[] afBe(uint af) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, af); return b; }
        return new TheoryData<LinkType, byte[], bool>
        {
            { LinkType.Ethernet, Ethernet(0x0800, s_v4), false },
            { LinkType.Ethernet, Ethernet(0x86DD, s_v6), true },
            { LinkType.Ethernet, Ethernet(0x0800, s_v4, 0x8100), false },
            { LinkType.Ethernet, Ethernet(0x0800, s_v4, 0x88A8, 0x8100), false },
            { LinkType.Ethernet, Ethernet(0x86DD, s_v6, 0x9100, 0x8100, 0x8100), true },
            { LinkType.LinuxSll, Concat(sll, s_v4), false },
            { LinkType.LinuxSll, Concat(sll6, s_v6), true },
            { LinkType.LinuxSll2, Concat(sll2, s_v4), false },
            { LinkType.Raw, s_v4, false },
            { LinkType.Raw, s_v6, true },
            { LinkType.RawBsd, s_v4, false },
            { LinkType.RawOpenBsd, s_v6, true },
            { LinkType.IPv4, s_v4, false },
            { LinkType.IPv6, s_v6, true },
            { LinkType.Null, Concat(afLe(2), s_v4), false },
            { LinkType.Null, Concat(afBe(2), s_v4), false },
            { LinkType.Null, Concat(afLe(24), s_v6), true },
            { LinkType.Null, Concat(afBe(28), s_v6), true },
            { LinkType.Null, Concat(afLe(30), s_v6), true },
            { LinkType.Loop, Concat(afBe(2), s_v4), false },
            { LinkType.Loop, Concat(afBe(24), s_v6), true },
        };
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_supported_link_type_yields_the_UDP_datagram(LinkType linkType, byte[] frame, bool ipv6)
    {
        using var h = new DecoderHarness();
        var payloads = h.Feed(linkType, frame);
        var p = Assert.Single(payloads);
        Assert.Equal(TransportPayloadKind.Datagram, p.Kind);
        Assert.Equal(TransportProtocol.Udp, p.Protocol);
        Assert.Equal(s_message, p.Data);
        Assert.Equal(1, p.RecordCount);
        Assert.Equal(ipv6 ? "[2001:db8::10]:5060" : "192.0.2.10:5060", p.Source.ToString());
        Assert.Equal(ipv6 ? "[2001:db8::20]:5060" : "198.51.100.5:5060", p.Destination.ToString());
        Assert.Equal(1, h.Decoder.Counters.IpPackets);
        h.AssertAccounting();
    }

    [Fact]
    public void Unsupported_link_type_is_counted_per_record_and_reported_once_per_interface()
    {
        using var h = new DecoderHarness();
        var frame = Ethernet(0x0800, s_v4);
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(h.Feed((LinkType)147, frame));
        }

        h.Feed((LinkType)147, frame, interfaceIndex: 1);
        Assert.Equal(5, h.Decoder.Counters.UnsupportedLinkType);
        Assert.Equal(0, h.Decoder.Counters.IpPackets);
        Assert.Equal(2, h.Decoder.Diagnostics.Count(d => d.Kind == PacketDiagnosticKind.UnsupportedLinkType));
        Assert.Contains("147", h.Decoder.Diagnostics[0].Message, StringComparison.Ordinal);
        h.AssertAccounting();
    }

    [Fact]
    public void Vlan_tags_beyond_the_cap_are_capped()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { MaxVlanTags = 2 });
        Assert.Single(h.Feed(LinkType.Ethernet, Ethernet(0x0800, s_v4, 0x8100, 0x8100)));
        Assert.Empty(h.Feed(LinkType.Ethernet, Ethernet(0x0800, s_v4, 0x8100, 0x8100, 0x8100)));
        Assert.Equal(1, h.Decoder.Counters.Capped);
        Assert.Contains(h.Decoder.Diagnostics, d => d.Kind == PacketDiagnosticKind.Capped && d.FrameNumber == 2);
        h.AssertAccounting();
    }

    [Fact]
    public void Non_IP_frames_count_as_other()
    {
        using var h = new DecoderHarness();
        Assert.Empty(h.Feed(LinkType.Ethernet, Ethernet(0x0806, new byte[28])));
        Assert.Empty(h.Feed(LinkType.Null, Concat([7, 0, 0, 0], s_v4)));
        Assert.Equal(2, h.Decoder.Counters.Other);
        Assert.Equal(0, h.Decoder.Counters.IpPackets);
        h.AssertAccounting();
    }

    [Fact]
    public void Short_frame_is_malformed_unless_the_snap_length_cut_it()
    {
        using var h = new DecoderHarness();
        h.Feed(LinkType.Ethernet, new byte[10]);
        h.Feed(LinkType.Ethernet, new byte[10], originalLength: 100);
        h.Feed(LinkType.LinuxSll2, new byte[12]);
        Assert.Equal(2, h.Decoder.Counters.Malformed);
        Assert.Equal(1, h.Decoder.Counters.Truncated);
        Assert.Equal(2, h.Decoder.Diagnostics.Count(d => d.Kind == PacketDiagnosticKind.Malformed));
        h.AssertAccounting();
    }

    [Fact]
    public void Raw_IP_with_an_unknown_version_is_malformed()
    {
        using var h = new DecoderHarness();
        var bad = (byte[])s_v4.Clone();
        bad[0] = 0x55;
        h.Feed(LinkType.Raw, bad);
        h.Feed(LinkType.IPv6, s_v4);
        Assert.Equal(2, h.Decoder.Counters.Malformed);
        h.AssertAccounting();
    }
}

public class TunnelTests
{
    private static readonly byte[] s_message = Text("OPTIONS sip:example.com SIP/2.0\r\n\r\n");
    private static readonly byte[] s_v4 = IPv4(17, Udp(5060, 5060, s_message));

    [Fact]
    public void PPPoE_session_frames_carry_IP()
    {
        using var h = new DecoderHarness();
        byte[] pppoe = [0x11, 0x00, 0x00, 0x01, 0, 0, 0x00, 0x21];
        Assert.Equal(s_message, Assert.Single(h.Feed(LinkType.Ethernet, Ethernet(0x8864, Concat(pppoe, s_v4)))).Data);
        h.AssertAccounting();
    }

    [Fact]
    public void MPLS_label_stack_is_skipped_to_the_bottom_of_stack()
    {
        using var h = new DecoderHarness();
        byte[] labels = [0, 1, 0x00, 64, 0, 2, 0x01, 64];
        Assert.Equal(s_message, Assert.Single(h.Feed(LinkType.Ethernet, Ethernet(0x8847, Concat(labels, s_v4)))).Data);
        Assert.Equal(1, h.Decoder.Counters.IpPackets);
        h.AssertAccounting();
    }

    [Fact]
    public void GRE_and_ERSPAN_mirrored_frames_are_unwrapped_and_counted_once()
    {
        using var h = new DecoderHarness();
        var mirrored = Ethernet(0x0800, s_v4);
        byte[] greKeyTeb = [0x20, 0x00, 0x65, 0x58, 0, 0, 0, 1];
        byte[] greSeqErspan2 = [0x10, 0x00, 0x88, 0xBE, 0, 0, 0, 7];
        var erspanHeader = new byte[8];
        byte[] greIPv4 = [0x00, 0x00, 0x08, 0x00];
        var outer = new byte[] { 10, 0, 0, 1 };
        Assert.Single(h.FeedIPv4(IPv4(47, Concat(greKeyTeb, mirrored), source: outer, destination: outer)));
        Assert.Single(h.FeedIPv4(IPv4(47, Concat(greSeqErspan2, erspanHeader, mirrored), source: outer, destination: outer)));
        var p = Assert.Single(h.FeedIPv4(IPv4(47, Concat(greIPv4, s_v4), source: outer, destination: outer)));
        Assert.Equal("192.0.2.10:5060", p.Source.ToString());
        Assert.Equal(3, h.Decoder.Counters.IpPackets);
        h.AssertAccounting();
    }
}
