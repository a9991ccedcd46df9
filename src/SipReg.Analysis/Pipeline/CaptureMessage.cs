using SipReg.Dns;
using SipReg.Pcap;
using SipReg.Sip;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// One message found in a capture, as a view valid until the next <see cref="CaptureMessageSource.ReadAsync"/>:
/// its bytes, where it travelled, and the frame in which it was complete.
/// </summary>
public readonly ref struct CaptureMessage
{
    internal CaptureMessage(in CaptureMessageInfo info, ReadOnlySpan<byte> data, SipMessage? sip)
    {
        Sip = sip;
        Kind = info.Kind;
        Protocol = info.Protocol;
        Source = info.Source;
        Destination = info.Destination;
        FrameNumber = info.FrameNumber;
        TimestampNanoseconds = info.TimestampNanoseconds;
        HasTimestamp = info.HasTimestamp;
        KeepAlive = info.KeepAlive;
        DnsFlavor = info.DnsFlavor;
        IcmpType = info.IcmpType;
        IcmpCode = info.IcmpCode;
        Data = data;
    }

    /// <summary>What the message is.</summary>
    public CaptureMessageKind Kind { get; }

    /// <summary>UDP or TCP (for an ICMP error: the quoted datagram's protocol).</summary>
    public TransportProtocol Protocol { get; }

    /// <summary>Where the message came from (for an ICMP error: the quoted datagram's source).</summary>
    public NetworkEndpoint Source { get; }

    /// <summary>Where the message went (for an ICMP error: the quoted datagram's destination).</summary>
    public NetworkEndpoint Destination { get; }

    /// <summary>1-based number of the frame in which the message was complete (as Wireshark numbers reassembled messages).</summary>
    public long FrameNumber { get; }

    /// <summary>Time of that frame, nanoseconds since the Unix epoch (0 when <see cref="HasTimestamp"/> is false).</summary>
    public long TimestampNanoseconds { get; }

    /// <summary>False when the frame carried no timestamp.</summary>
    public bool HasTimestamp { get; }

    /// <summary>For <see cref="CaptureMessageKind.KeepAlive"/>: ping, pong or STUN.</summary>
    public SipKeepAliveKind KeepAlive { get; }

    /// <summary>For <see cref="CaptureMessageKind.Dns"/>: unicast DNS, mDNS or LLMNR.</summary>
    public DnsFlavor DnsFlavor { get; }

    /// <summary>For <see cref="CaptureMessageKind.IcmpError"/>: the ICMP type.</summary>
    public byte IcmpType { get; }

    /// <summary>For <see cref="CaptureMessageKind.IcmpError"/>: the ICMP code.</summary>
    public byte IcmpCode { get; }

    /// <summary>
    /// For <see cref="CaptureMessageKind.Sip"/>: the parsed message, valid until the next <c>TryReadMessage</c>. When no
    /// start line was found it is neither request nor response, holds only diagnostics, and is counted as malformed.
    /// </summary>
    public SipMessage? Sip { get; }

    /// <summary>The message's bytes (for an ICMP error: the quoted transport payload, possibly partial).</summary>
    public ReadOnlySpan<byte> Data { get; }
}

/// <summary>The fixed-size part of a queued <see cref="CaptureMessage"/>.</summary>
internal struct CaptureMessageInfo
{
    public CaptureMessageKind Kind;
    public TransportProtocol Protocol;
    public NetworkEndpoint Source;
    public NetworkEndpoint Destination;
    public long FrameNumber;
    public long TimestampNanoseconds;
    public bool HasTimestamp;
    public SipKeepAliveKind KeepAlive;
    public DnsFlavor DnsFlavor;
    public byte IcmpType;
    public byte IcmpCode;
    public int Offset;
    public int Length;
    public int Records;
}
