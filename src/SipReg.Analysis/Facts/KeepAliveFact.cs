namespace SipReg.Analysis.Facts;

/// <summary>What a keep-alive was (RFC 5626 §3.5.1 and §4.4.1).</summary>
public enum KeepAliveKind
{
    /// <summary>A double CRLF ping on a stream or datagram.</summary>
    Ping,

    /// <summary>A single CRLF pong.</summary>
    Pong,

    /// <summary>A STUN binding request or response on the SIP flow.</summary>
    Stun,
}

/// <summary>A keep-alive seen on a SIP flow: CRLFCRLF ping, CRLF pong or STUN.</summary>
public sealed record KeepAliveFact : CaptureFact
{
    /// <summary>The kind of keep-alive.</summary>
    public KeepAliveKind Kind { get; init; }

    /// <summary>Bytes of the keep-alive payload (4 for a ping, 2 for a pong), 0 when unknown.</summary>
    public int Length { get; init; }
}
