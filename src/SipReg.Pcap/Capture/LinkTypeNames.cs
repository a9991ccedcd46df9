namespace SipReg.Pcap;

/// <summary>Readable names of link-layer header types, for summaries such as <c>sipreg info</c>.</summary>
public static class LinkTypeNames
{
    /// <summary>The name of a link type, e.g. "Ethernet", "Linux cooked v2", or "LINKTYPE 147" for one not named here.</summary>
    /// <param name="linkType">The link type (any 16-bit value).</param>
    /// <returns>A short English name.</returns>
    public static string GetName(LinkType linkType) => linkType switch
    {
        LinkType.Null => "BSD loopback",
        LinkType.Ethernet => "Ethernet",
        LinkType.RawBsd or LinkType.RawOpenBsd or LinkType.Raw => "Raw IP",
        LinkType.Loop => "OpenBSD loopback",
        LinkType.LinuxSll => "Linux cooked v1",
        LinkType.IPv4 => "Raw IPv4",
        LinkType.IPv6 => "Raw IPv6",
        LinkType.LinuxSll2 => "Linux cooked v2",
        (LinkType)105 => "IEEE 802.11",
        (LinkType)127 => "IEEE 802.11 radiotap",
        _ when (int)linkType is >= 147 and <= 162 => $"USER{(int)linkType - 147}",
        _ => $"LINKTYPE {(int)linkType}",
    };
}
