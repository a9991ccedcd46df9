using SipReg.Analysis.Facts;
using SipReg.Pcap;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// A keep-alive as the pipeline hands it to the analyzer: its endpoints as captured, not yet as text. The analyzer
/// turns them into the texts it keys flows by on its own thread, so a capture's millions of keep-alives cost the
/// reading thread (the busier one) no endpoint look-ups. Equivalent to a <see cref="KeepAliveFact"/> with
/// <see cref="CaptureFact.Source"/> and <see cref="CaptureFact.Destination"/> set from these endpoints.
/// </summary>
internal sealed record CapturedKeepAliveFact : CaptureFact
{
    /// <summary>Where the keep-alive came from.</summary>
    public NetworkEndpoint SourceEndpoint { get; init; }

    /// <summary>Where it went.</summary>
    public NetworkEndpoint DestinationEndpoint { get; init; }

    /// <summary>Ping, pong or STUN.</summary>
    public KeepAliveKind Kind { get; init; }

    /// <summary>Bytes of the keep-alive.</summary>
    public int Length { get; init; }
}
