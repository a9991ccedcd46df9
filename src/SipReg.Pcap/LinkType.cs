namespace SipReg.Pcap;

/// <summary>
/// A capture's link-layer header type, as numbered by the tcpdump.org LINKTYPE_ registry (the value stored in a pcap
/// global header and in a pcapng Interface Description Block).
/// </summary>
public enum LinkType : ushort
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order (LINKTYPE_NULL, 0).</summary>
    Null = 0,

    /// <summary>IEEE 802.3 Ethernet, with optional 802.1Q / 802.1ad VLAN tags (LINKTYPE_ETHERNET, 1).</summary>
    Ethernet = 1,

    /// <summary>Raw IP on most BSDs and Linux (DLT_RAW 12), read as raw IPv4/IPv6.</summary>
    RawBsd = 12,

    /// <summary>Raw IP on OpenBSD (DLT_RAW 14); Wireshark reads 14 in files as raw IP too.</summary>
    RawOpenBsd = 14,

    /// <summary>Raw IPv4 or IPv6, version from the first nibble (LINKTYPE_RAW, 101).</summary>
    Raw = 101,

    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order (LINKTYPE_LOOP, 108).</summary>
    Loop = 108,

    /// <summary>Linux "cooked" capture, version 1, 16-byte header (LINKTYPE_LINUX_SLL, 113).</summary>
    LinuxSll = 113,

    /// <summary>Raw IPv4 only (LINKTYPE_IPV4, 228).</summary>
    IPv4 = 228,

    /// <summary>Raw IPv6 only (LINKTYPE_IPV6, 229).</summary>
    IPv6 = 229,

    /// <summary>Linux "cooked" capture, version 2, 20-byte header (LINKTYPE_LINUX_SLL2, 276).</summary>
    LinuxSll2 = 276,
}
