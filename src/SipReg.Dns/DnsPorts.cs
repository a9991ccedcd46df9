namespace SipReg.Dns;

/// <summary>The well-known ports of DNS and its link-local relatives, and the flavour a pair of ports implies.</summary>
public static class DnsPorts
{
    /// <summary>Unicast DNS (RFC 1035 §4.2).</summary>
    public const int Dns = 53;

    /// <summary>Multicast DNS (RFC 6762 §3).</summary>
    public const int Multicast = 5353;

    /// <summary>LLMNR (RFC 4795 §2.5).</summary>
    public const int Llmnr = 5355;

    /// <summary>Tells which protocol a message between two ports belongs to.</summary>
    /// <param name="sourcePort">The UDP/TCP source port.</param>
    /// <param name="destinationPort">The UDP/TCP destination port.</param>
    /// <returns>
    /// <see cref="DnsFlavor.Unicast"/> when either port is 53, else <see cref="DnsFlavor.Multicast"/> when either is
    /// 5353 (this includes one-shot "legacy unicast" queries, RFC 6762 §6.7), else <see cref="DnsFlavor.Llmnr"/> when
    /// either is 5355, else <see cref="DnsFlavor.Unknown"/>.
    /// </returns>
    public static DnsFlavor GetFlavor(int sourcePort, int destinationPort)
    {
        if (sourcePort == Dns || destinationPort == Dns)
        {
            return DnsFlavor.Unicast;
        }

        if (sourcePort == Multicast || destinationPort == Multicast)
        {
            return DnsFlavor.Multicast;
        }

        return sourcePort == Llmnr || destinationPort == Llmnr ? DnsFlavor.Llmnr : DnsFlavor.Unknown;
    }
}
