namespace SipReg.Analysis.Pipeline;

/// <summary>What a <see cref="CaptureMessage"/> holds.</summary>
public enum CaptureMessageKind : byte
{
    /// <summary>One SIP request or response (a UDP datagram, or framed from a TCP stream).</summary>
    Sip,

    /// <summary>A SIP keep-alive: CRLF ping/pong or STUN (see <see cref="CaptureMessage.KeepAlive"/>).</summary>
    KeepAlive,

    /// <summary>One DNS, mDNS or LLMNR message (see <see cref="CaptureMessage.DnsFlavor"/>).</summary>
    Dns,

    /// <summary>An ICMP error quoting a datagram (its endpoints and the quoted bytes).</summary>
    IcmpError,

    /// <summary>The first TLS record of a SIP-over-TLS connection (port 5061): signalling that cannot be read.</summary>
    EncryptedSignalling,
}
