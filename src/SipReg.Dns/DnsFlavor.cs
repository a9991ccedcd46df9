namespace SipReg.Dns;

/// <summary>Which protocol a DNS-format message belongs to, told from its ports by <see cref="DnsPorts.GetFlavor"/>.</summary>
public enum DnsFlavor : byte
{
    /// <summary>Neither port is a DNS, mDNS or LLMNR port.</summary>
    Unknown = 0,

    /// <summary>Unicast DNS on port 53 (RFC 1035), over UDP or TCP.</summary>
    Unicast = 1,

    /// <summary>Multicast DNS on port 5353 (RFC 6762): the class's top bit is the QU / cache-flush bit.</summary>
    Multicast = 2,

    /// <summary>Link-Local Multicast Name Resolution on port 5355 (RFC 4795).</summary>
    Llmnr = 3,
}
