namespace SipReg.Analysis.Facts;

/// <summary>
/// An ICMP or ICMPv6 destination-unreachable message, with what it quotes of the packet that could not be delivered.
/// <see cref="CaptureFact.Source"/>/<see cref="CaptureFact.Destination"/> are the ICMP packet's own addresses.
/// </summary>
public sealed record IcmpUnreachableFact : CaptureFact
{
    /// <summary>Source endpoint of the quoted (undeliverable) packet, <c>ip:port</c> or just the address when the port was not quoted.</summary>
    public string QuotedSource { get; init; } = "";

    /// <summary>Destination endpoint of the quoted packet, <c>ip:port</c> or just the address.</summary>
    public string QuotedDestination { get; init; } = "";

    /// <summary>ICMP type (3 for ICMPv4 destination unreachable, 1 for ICMPv6).</summary>
    public int Type { get; init; }

    /// <summary>ICMP code (3 = port unreachable for ICMPv4, 4 for ICMPv6).</summary>
    public int Code { get; init; }

    /// <summary>Whether the quoted payload starts with a SIP <c>REGISTER</c> request line.</summary>
    public bool QuotesSipRegister { get; init; }

    /// <summary>The quoted request's Call-ID, when it could be read.</summary>
    public string? CallId { get; init; }

    /// <summary>The quoted request's CSeq number, when it could be read.</summary>
    public long? CSeq { get; init; }

    /// <summary>The quoted request's top Via branch, when it could be read.</summary>
    public string? Branch { get; init; }
}
