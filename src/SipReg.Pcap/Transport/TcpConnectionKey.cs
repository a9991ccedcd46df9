namespace SipReg.Pcap;

/// <summary>A TCP connection's 4-tuple in a canonical order (lower endpoint first), the same for both directions.</summary>
internal readonly record struct TcpConnectionKey
{
    public TcpConnectionKey(NetworkEndpoint a, NetworkEndpoint b)
    {
        (Low, High) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
    }

    public NetworkEndpoint Low { get; }

    public NetworkEndpoint High { get; }
}
