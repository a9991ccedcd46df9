using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class IpTests
{
    private static readonly byte[] s_message = Text("REGISTER sip:example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n");

    [Theory]
    [InlineData(4)]  // Router Alert (RFC 2113), IHL 6
    [InlineData(12)] // IHL 8
    [InlineData(40)] // IHL 15, the maximum
    public void IPv4_options_are_skipped_by_IHL(int optionLength)
    {
        using var h = new DecoderHarness();
        var options = new byte[optionLength];
        options[0] = 0x94;
        options[1] = 4;
        var p = Assert.Single(h.FeedIPv4(IPv4(17, Udp(5060, 5060, s_message), options: options)));
        Assert.Equal(s_message, p.Data);
        h.AssertAccounting();
    }

    [Fact]
    public void IHL_below_5_and_total_length_below_IHL_are_malformed()
    {
        using var h = new DecoderHarness();
        var packet = IPv4(17, Udp(5060, 5060, s_message));
        packet[0] = 0x44;
        h.FeedIPv4(packet);
        h.FeedIPv4(IPv4(17, Udp(5060, 5060, s_message), totalLength: 19));
        Assert.Equal(2, h.Decoder.Counters.Malformed);
        Assert.Contains(h.Decoder.Diagnostics, d => d.Message.Contains("header length 16", StringComparison.Ordinal));
        h.AssertAccounting();
    }

    [Fact]
    public void Total_length_beyond_the_captured_bytes_is_malformed_when_not_cut_by_snaplen()
    {
        using var h = new DecoderHarness();
        var packet = IPv4(17, Udp(5060, 5060, s_message), totalLength: 500);
        Assert.Empty(h.FeedIPv4(packet));
        Assert.Equal(1, h.Decoder.Counters.Malformed);
        Assert.Equal(1, h.Decoder.Counters.IpPackets);
        h.AssertAccounting();
    }

    [Fact]
    public void Ethernet_padding_is_trimmed_by_the_total_length()
    {
        using var h = new DecoderHarness();
        var small = Text("\r\n\r\n");
        var frame = Concat(Ethernet(0x0800, IPv4(17, Udp(5060, 5060, small))), new byte[18]);
        var p = Assert.Single(h.Feed(LinkType.Ethernet, frame));
        Assert.Equal(small, p.Data);
        h.AssertAccounting();
    }

    [Fact]
    public void Snaplen_cut_datagram_is_handed_out_truncated_with_no_record()
    {
        using var h = new DecoderHarness();
        var full = Ethernet(0x0800, IPv4(17, Udp(5060, 5060, s_message)));
        var p = Assert.Single(h.Feed(LinkType.Ethernet, full[..60], originalLength: full.Length));
        Assert.True(p.IsTruncated);
        Assert.Equal(0, p.RecordCount);
        Assert.Equal(s_message[..(60 - 14 - 28)], p.Data);
        Assert.Equal(1, h.Decoder.Counters.Truncated);
        h.AssertAccounting();
    }

    [Fact]
    public void UDP_length_errors_are_malformed_and_bad_checksums_only_flagged()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { VerifyUdpChecksums = true });
        var shortLength = Udp(5060, 5060, s_message);
        shortLength[5] = 7;
        shortLength[4] = 0;
        h.FeedIPv4(IPv4(17, shortLength));
        var longLength = Udp(5060, 5060, s_message);
        longLength[4] = 0x10;
        h.FeedIPv4(IPv4(17, longLength));
        Assert.Equal(2, h.Decoder.Counters.Malformed);

        // Checksum 0 means "not computed" (RFC 768) and is accepted; a wrong one is delivered and flagged.
        Assert.Single(h.FeedIPv4(IPv4(17, Udp(5060, 5060, s_message, checksum: 0))));
        Assert.Single(h.FeedIPv4(IPv4(17, Udp(5060, 5060, s_message, checksum: 0x1234))));
        Assert.Equal(1, h.Decoder.Counters.BadUdpChecksums);
        Assert.Single(h.Decoder.Diagnostics, d => d.Kind == PacketDiagnosticKind.BadChecksum);
        h.AssertAccounting();
    }

    [Fact]
    public void Correct_UDP_checksum_is_not_flagged()
    {
        // Checksum computed here by the RFC 1071 ones'-complement sum over the RFC 768 pseudo-header.
        var udp = Udp(5060, 5060, s_message);
        var pseudo = Concat(ClientV4, ServerV4, [0, 17, (byte)(udp.Length >> 8), (byte)udp.Length], udp);
        uint sum = 0;
        for (var i = 0; i < pseudo.Length; i += 2)
        {
            sum += (uint)((pseudo[i] << 8) | (i + 1 < pseudo.Length ? pseudo[i + 1] : 0));
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        var checksum = (ushort)~sum;
        using var h = new DecoderHarness(new PacketDecoderOptions { VerifyUdpChecksums = true });
        h.FeedIPv4(IPv4(17, Udp(5060, 5060, s_message, checksum)));
        Assert.Equal(0, h.Decoder.Counters.BadUdpChecksums);
    }

    [Fact]
    public void IPv6_extension_header_chain_is_walked_to_UDP()
    {
        using var h = new DecoderHarness();
        var udp = Udp(5060, 5060, s_message);
        var chain = Concat(OptionsHeader(60), OptionsHeader(43, 1), OptionsHeader(17));
        var p = Assert.Single(h.Feed(LinkType.IPv6, IPv6(0, Concat(chain, udp))));
        Assert.Equal(s_message, p.Data);

        // RFC 6946 atomic fragment: offset 0, M = 0.
        p = Assert.Single(h.Feed(LinkType.IPv6, IPv6(44, Concat(FragmentHeader(17, 0, false, 7), udp))));
        Assert.Equal(s_message, p.Data);
        h.AssertAccounting();
    }

    [Fact]
    public void IPv6_extension_headers_beyond_the_cap_are_capped()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { MaxExtensionHeaders = 2 });
        var chain = Concat(OptionsHeader(60), OptionsHeader(60), OptionsHeader(60), OptionsHeader(17));
        Assert.Empty(h.Feed(LinkType.IPv6, IPv6(0, Concat(chain, Udp(5060, 5060, s_message)))));
        Assert.Equal(1, h.Decoder.Counters.Capped);
        h.AssertAccounting();
    }

    [Fact]
    public void IP_in_IP_is_unwrapped_and_counted_once()
    {
        using var h = new DecoderHarness();
        var inner = IPv6(17, Udp(5060, 5060, s_message));
        var p = Assert.Single(h.FeedIPv4(IPv4(41, inner)));
        Assert.Equal(s_message, p.Data);
        Assert.True(p.Source.Address.IsIPv6);
        Assert.Single(h.FeedIPv4(IPv4(4, IPv4(17, Udp(1, 2, s_message)))));
        Assert.Equal(2, h.Decoder.Counters.IpPackets);
        h.AssertAccounting();
    }

    [Fact]
    public void Other_IP_protocols_and_ICMP_non_errors_count_as_other()
    {
        using var h = new DecoderHarness();
        h.FeedIPv4(IPv4(47, new byte[20]));
        h.FeedIPv4(IPv4(1, [8, 0, 0, 0, 0, 1, 0, 1]));
        h.Feed(LinkType.IPv6, IPv6(59, []));
        Assert.Equal(3, h.Decoder.Counters.Other);
        h.AssertAccounting();
    }

    [Fact]
    public void IPv4_total_length_0_from_segmentation_offload_uses_the_captured_length()
    {
        using var h = new DecoderHarness();
        var p = Assert.Single(h.FeedIPv4(IPv4(17, Udp(5060, 5060, s_message), totalLength: 0)));
        Assert.Equal(s_message, p.Data);
        h.AssertAccounting();
    }
}
