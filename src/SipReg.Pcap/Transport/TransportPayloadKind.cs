namespace SipReg.Pcap;

/// <summary>What a <see cref="TransportPayload"/> holds.</summary>
public enum TransportPayloadKind : byte
{
    /// <summary>One UDP datagram's payload (reassembled from IP fragments where needed).</summary>
    Datagram,

    /// <summary>The next in-order bytes of one direction of a TCP connection.</summary>
    StreamData,

    /// <summary>
    /// The datagram quoted inside an ICMP destination-unreachable / time-exceeded error (ICMPv4 type 3/11, ICMPv6 type
    /// 1/3): its endpoints and whatever part of its payload the error quotes. Never a message in its own right.
    /// </summary>
    IcmpError,
}
