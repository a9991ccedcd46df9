namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Where every record of a capture finally went. The nine buckets always add up to <see cref="Records"/>: nothing is
/// dropped silently.
/// </summary>
public sealed class CaptureAccounting
{
    /// <summary>Packet records read from the capture.</summary>
    public long Records { get; internal set; }

    /// <summary>Records whose content was (part of) a SIP message.</summary>
    public long Sip { get; internal set; }

    /// <summary>Records whose content was (part of) a DNS, mDNS or LLMNR message.</summary>
    public long Dns { get; internal set; }

    /// <summary>Records that were SIP keep-alives: CRLF ping/pong (RFC 5626 §3.5.1) or STUN (RFC 5389).</summary>
    public long KeepAlive { get; internal set; }

    /// <summary>Other traffic: not SIP or DNS (media, TCP control segments, ICMP, TLS, retransmitted duplicates).</summary>
    public long Other { get; internal set; }

    /// <summary>Records skipped because their interface's link type is not supported.</summary>
    public long UnsupportedLinkType { get; internal set; }

    /// <summary>Records cut by the snap length so that their message is incomplete.</summary>
    public long Truncated { get; internal set; }

    /// <summary>Records whose headers or message could not be read (see the diagnostics for why).</summary>
    public long Malformed { get; internal set; }

    /// <summary>Records dropped because a resource cap was reached (see the diagnostics for which).</summary>
    public long Capped { get; internal set; }

    /// <summary>Records still waiting for IP or TCP reassembly or stream framing when the capture ended.</summary>
    public long PendingReassembly { get; internal set; }

    /// <summary>The sum of the nine buckets; equal to <see cref="Records"/> when every record is accounted for.</summary>
    public long Accounted => Sip + Dns + KeepAlive + Other + UnsupportedLinkType + Truncated + Malformed + Capped + PendingReassembly;
}
