namespace SipReg.Pcap;

/// <summary>The direction of a packet as the capturing host saw it (pcapng <c>epb_flags</c> bits 0-1).</summary>
public enum PacketDirection
{
    /// <summary>Not recorded (classic pcap, or no <c>epb_flags</c>).</summary>
    Unknown = 0,

    /// <summary>Received by the capturing interface.</summary>
    Inbound = 1,

    /// <summary>Sent by the capturing interface.</summary>
    Outbound = 2,
}
