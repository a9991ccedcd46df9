using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Pcap.Tests.Network;

public class NetworkAddressTests
{
    private static NetworkAddress Parse(string text)
    {
        var ip = IPAddress.Parse(text);
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? NetworkAddress.FromIPv4(ip.GetAddressBytes())
            : NetworkAddress.FromIPv6(ip.GetAddressBytes());
    }

    [Theory]
    [InlineData("10.1.2.3", true, false, false, false)]
    [InlineData("172.16.0.1", true, false, false, false)]
    [InlineData("172.31.255.255", true, false, false, false)]
    [InlineData("172.32.0.1", false, false, false, false)]
    [InlineData("192.168.1.1", true, false, false, false)]
    [InlineData("100.64.0.1", false, true, false, false)]
    [InlineData("100.127.255.255", false, true, false, false)]
    [InlineData("100.128.0.1", false, false, false, false)]
    [InlineData("169.254.10.1", false, false, true, false)]
    [InlineData("127.0.0.1", false, false, false, true)]
    [InlineData("8.8.8.8", false, false, false, false)]
    [InlineData("fc00::1", true, false, false, false)]
    [InlineData("fd12:3456::1", true, false, false, false)]
    [InlineData("fe80::1", false, false, true, false)]
    [InlineData("febf::1", false, false, true, false)]
    [InlineData("fec0::1", false, false, false, false)]
    [InlineData("::1", false, false, false, true)]
    [InlineData("2001:db8::1", false, false, false, false)]
    [InlineData("::ffff:10.0.0.1", true, false, false, false)]
    public void Address_classes_follow_the_RFC_ranges(string text, bool privateUse, bool shared, bool linkLocal, bool loopback)
    {
        var address = Parse(text);
        Assert.Equal(privateUse, address.IsPrivateUse);
        Assert.Equal(shared, address.IsSharedAddressSpace);
        Assert.Equal(linkLocal, address.IsLinkLocal);
        Assert.Equal(loopback, address.IsLoopback);
        Assert.Equal(privateUse || shared || linkLocal || loopback, address.IsPrivate);
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8:0:0:1:0:0:1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::")]
    [InlineData("2001:db8:1:2:3:4:5:6")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("0:0:1::")]
    public void IPv6_text_is_RFC_5952_as_System_Net_writes_it(string text)
    {
        Assert.Equal(IPAddress.Parse(text).ToString(), Parse(text).ToString());
    }

    [Fact]
    public void Random_addresses_format_like_System_Net()
    {
        // Groups drawn mostly from 0 so that runs of zeros (the "::" cases) are common.
        var group = Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)), (2, Gen.Choose(0, 0xFFFF)));
        var groups = Gen.ArrayOf(group, 8).Where(g => !(g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && (g[5] == 0 || g[5] == 0xFFFF)));
        Prop.ForAll(groups.ToArbitrary(), g =>
        {
            var bytes = new byte[16];
            for (var i = 0; i < 8; i++)
            {
                bytes[2 * i] = (byte)(g[i] >> 8);
                bytes[(2 * i) + 1] = (byte)g[i];
            }

            var address = NetworkAddress.FromIPv6(bytes);
            Span<char> chars = stackalloc char[NetworkAddress.MaxTextLength];
            Span<byte> utf8 = stackalloc byte[NetworkAddress.MaxTextLength];
            var expected = new IPAddress(bytes).ToString();
            return address.ToString() == expected
                && address.TryFormat(chars, out var written) && chars[..written].SequenceEqual(expected)
                && address.TryFormat(utf8, out var bytesWritten) && System.Text.Encoding.ASCII.GetString(utf8[..bytesWritten]) == expected;
        }).QuickCheckThrowOnFailure();

        Prop.ForAll(ArbMap.Default.GeneratorFor<uint>().ToArbitrary(), v =>
        {
            var bytes = BitConverter.GetBytes(v);
            return NetworkAddress.FromIPv4(bytes).ToString() == new IPAddress(bytes).ToString();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Endpoints_format_with_brackets_for_IPv6_and_work_as_keys()
    {
        var v4 = new NetworkEndpoint(Parse("192.0.2.1"), 5060);
        var v6 = new NetworkEndpoint(Parse("2001:db8::1"), 5061);
        Assert.Equal("192.0.2.1:5060", v4.ToString());
        Assert.Equal("[2001:db8::1]:5061", v6.ToString());
        Span<char> small = stackalloc char[5];
        Assert.False(v6.TryFormat(small, out _));
        Span<byte> utf8 = stackalloc byte[NetworkEndpoint.MaxTextLength];
        Assert.True(v6.TryFormat(utf8, out var written));
        Assert.Equal("[2001:db8::1]:5061"u8.ToArray(), utf8[..written].ToArray());
        var keys = new Dictionary<NetworkEndpoint, int> { [v4] = 1, [v6] = 2 };
        Assert.Equal(2, keys[new NetworkEndpoint(Parse("2001:db8::1"), 5061)]);
        Assert.NotEqual(v4, new NetworkEndpoint(Parse("192.0.2.1"), 5061));

        // The same 32 bits as IPv4 and as IPv6 are different addresses.
        Assert.NotEqual(NetworkAddress.FromIPv4(1), NetworkAddress.FromIPv6(UInt128.One));
        Assert.Equal(string.Empty, default(NetworkAddress).ToString());
    }
}
