using System.Runtime.CompilerServices;

namespace SipReg.Dns;

/// <summary>Room for an IPv4 or IPv6 address, inline.</summary>
[InlineArray(Capacity)]
internal struct DnsAddressBuffer
{
    public const int Capacity = 16;

    private byte _element0;
}
