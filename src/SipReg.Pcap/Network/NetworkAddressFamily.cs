namespace SipReg.Pcap;

/// <summary>The family of a <see cref="NetworkAddress"/>.</summary>
public enum NetworkAddressFamily : byte
{
    /// <summary>No address (the default value).</summary>
    None = 0,

    /// <summary>A 32-bit IPv4 address (RFC 791).</summary>
    IPv4 = 4,

    /// <summary>A 128-bit IPv6 address (RFC 8200).</summary>
    IPv6 = 6,
}
