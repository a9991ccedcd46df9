namespace SipReg.Dns.Tests;

public class DnsPortsTests
{
    [Theory]
    [InlineData(40000, 53, DnsFlavor.Unicast)]
    [InlineData(53, 40000, DnsFlavor.Unicast)]
    [InlineData(5353, 5353, DnsFlavor.Multicast)]      // RFC 6762 §5.1
    [InlineData(40000, 5353, DnsFlavor.Multicast)]     // RFC 6762 §6.7 legacy unicast query
    [InlineData(5355, 40000, DnsFlavor.Llmnr)]         // RFC 4795 §2.5
    [InlineData(5060, 5060, DnsFlavor.Unknown)]
    public void Flavour_from_ports(int source, int destination, DnsFlavor expected)
    {
        Assert.Equal(expected, DnsPorts.GetFlavor(source, destination));
    }
}
