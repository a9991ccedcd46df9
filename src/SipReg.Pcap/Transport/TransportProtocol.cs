namespace SipReg.Pcap;

/// <summary>The transport protocol of a <see cref="TransportPayload"/> (for an ICMP error, that of the quoted datagram).</summary>
public enum TransportProtocol : byte
{
    /// <summary>UDP (IP protocol 17).</summary>
    Udp = 17,

    /// <summary>TCP (IP protocol 6).</summary>
    Tcp = 6,
}
