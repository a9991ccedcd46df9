using System.Net;
using System.Net.Sockets;

namespace SipReg.Generator.Packets;

/// <summary>An IP address and port of a generated host.</summary>
internal readonly record struct NetEndpoint(IPAddress Address, int Port)
{
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    public static NetEndpoint Parse(string address, int port) => new(IPAddress.Parse(address), port);

    public NetEndpoint WithPort(int port) => new(Address, port);

    /// <summary>Writes the address as text (IPv6 in brackets, as in a SIP URI host) and returns the bytes written.</summary>
    public int FormatHost(Span<byte> destination)
    {
        int written;
        if (IsIPv6)
        {
            destination[0] = (byte)'[';
            Address.TryFormat(destination[1..], out written);
            destination[written + 1] = (byte)']';
            return written + 2;
        }

        Address.TryFormat(destination, out written);
        return written;
    }
}
