namespace SipReg.Sip;

/// <summary>How a message travelled, which decides how its body is delimited (RFC 3261 §18.3).</summary>
public enum SipTransportKind
{
    /// <summary>A datagram (UDP): the message is the whole datagram; Content-Length is optional.</summary>
    Datagram = 0,

    /// <summary>A stream (TCP, TLS): the message was framed by <see cref="SipStreamFramer"/>; Content-Length is mandatory.</summary>
    Stream,
}
