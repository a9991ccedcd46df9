using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class IcmpTests
{
    private static readonly byte[] s_message = Text("REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10\r\n\r\n");

    private static byte[] Icmp(byte type, byte code, byte[] quote) => Concat([type, code, 0, 0, 0, 0, 0, 0], quote);

    [Fact]
    public void ICMPv4_port_unreachable_quoting_the_whole_datagram_is_an_IcmpError_not_a_datagram()
    {
        using var h = new DecoderHarness();
        var original = IPv4(17, Udp(5060, 5060, s_message));
        var router = new byte[] { 203, 0, 113, 1 };
        var p = Assert.Single(h.FeedIPv4(IPv4(1, Icmp(3, 3, original), source: router, destination: ClientV4)));
        Assert.Equal(TransportPayloadKind.IcmpError, p.Kind);
        Assert.Equal(TransportProtocol.Udp, p.Protocol);
        Assert.Equal(3, p.IcmpType);
        Assert.Equal(3, p.IcmpCode);
        Assert.Equal("203.0.113.1", p.Reporter.ToString());
        Assert.Equal("192.0.2.10:5060", p.Source.ToString());
        Assert.Equal("198.51.100.5:5060", p.Destination.ToString());
        Assert.Equal(s_message, p.Data);
        Assert.False(p.IsTruncated);
        Assert.Equal(1, p.RecordCount);
        h.AssertAccounting();
    }

    [Fact]
    public void ICMPv4_minimum_quote_gives_the_endpoints_and_no_payload()
    {
        using var h = new DecoderHarness();
        var original = IPv4(17, Udp(5060, 5060, s_message));
        var p = Assert.Single(h.FeedIPv4(IPv4(1, Icmp(11, 0, original[..28]), source: ServerV4, destination: ClientV4)));
        Assert.Equal(TransportPayloadKind.IcmpError, p.Kind);
        Assert.Equal(11, p.IcmpType);
        Assert.Empty(p.Data);
        Assert.True(p.IsTruncated);
        Assert.Equal(5060, p.Destination.Port);
        h.AssertAccounting();
    }

    [Fact]
    public void ICMPv6_destination_unreachable_quotes_an_IPv6_datagram()
    {
        using var h = new DecoderHarness();
        var original = IPv6(0, Concat(OptionsHeader(17), Udp(5060, 5080, s_message)));
        var p = Assert.Single(h.Feed(LinkType.IPv6, IPv6(58, Icmp(1, 4, original[..100]), source: ServerV6, destination: ClientV6)));
        Assert.Equal(TransportPayloadKind.IcmpError, p.Kind);
        Assert.Equal(1, p.IcmpType);
        Assert.Equal(4, p.IcmpCode);
        Assert.Equal("[2001:db8::10]:5060", p.Source.ToString());
        Assert.Equal("[2001:db8::20]:5080", p.Destination.ToString());
        Assert.Equal(s_message[..(100 - 40 - 8 - 8)], p.Data);
        Assert.True(p.IsTruncated);
        h.AssertAccounting();
    }

    [Fact]
    public void ICMP_error_with_a_broken_quote_is_malformed()
    {
        using var h = new DecoderHarness();
        Assert.Empty(h.FeedIPv4(IPv4(1, Icmp(3, 1, new byte[10]))));
        Assert.Equal(1, h.Decoder.Counters.Malformed);
        h.AssertAccounting();
    }
}
