namespace SipReg.Analysis.Facts;

/// <summary>
/// Base of every fact the registration model consumes: one observation from the capture, in capture order.
/// </summary>
/// <remarks>Facts are created once per message by the pipeline; keep them small and immutable.</remarks>
public abstract record CaptureFact
{
    /// <summary>1-based frame number of the capture record that completed this observation.</summary>
    public long FrameNumber { get; init; }

    /// <summary>Capture time in nanoseconds since the Unix epoch; meaningful only when <see cref="HasTime"/> is true.</summary>
    public long TimeNs { get; init; }

    /// <summary>Whether the record carried a timestamp (a pcapng Simple Packet Block does not; no time is invented).</summary>
    public bool HasTime { get; init; } = true;

    /// <summary>Source endpoint, <c>ip:port</c> or <c>[v6]:port</c>.</summary>
    public string Source { get; init; } = "";

    /// <summary>Destination endpoint, <c>ip:port</c> or <c>[v6]:port</c>.</summary>
    public string Destination { get; init; } = "";

    /// <summary>Transport in lower case: <c>udp</c>, <c>tcp</c> or <c>tls</c>.</summary>
    public string Transport { get; init; } = "udp";
}
