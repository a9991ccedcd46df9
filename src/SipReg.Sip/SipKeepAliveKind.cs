namespace SipReg.Sip;

/// <summary>What kind of keep-alive some bytes on a SIP flow are.</summary>
public enum SipKeepAliveKind
{
    /// <summary>Not a keep-alive.</summary>
    None = 0,

    /// <summary>A double CRLF ping (RFC 5626 §3.5.1, §4.4.1).</summary>
    Ping,

    /// <summary>A single CRLF pong (RFC 5626 §3.5.1, §4.4.1).</summary>
    Pong,

    /// <summary>A STUN message (RFC 5389 §6; RFC 5626 §4.4.2 uses STUN binding requests as keep-alives on UDP).</summary>
    Stun,
}
