using System.Buffers;

namespace SipReg.Pcap;

/// <summary>
/// One direction of a TCP connection: the next sequence number to deliver, the segments held beyond a hole (ordered by
/// sequence number modulo 2^32, RFC 9293 §3.4), and what the consumer must be told with the next data.
/// </summary>
internal sealed class TcpDirection(long streamIndex, NetworkEndpoint source, NetworkEndpoint destination, bool isFromClient)
{
    public long StreamIndex { get; } = streamIndex;

    public NetworkEndpoint Source { get; } = source;

    public NetworkEndpoint Destination { get; } = destination;

    public bool IsFromClient { get; } = isFromClient;

    /// <summary>True once the first segment (or SYN) of this direction fixed <see cref="NextSequence"/>.</summary>
    public bool Initialized { get; set; }

    /// <summary>The sequence number of the next byte to deliver.</summary>
    public uint NextSequence { get; set; }

    public bool SynSeen { get; set; }

    public uint InitialSequence { get; set; }

    /// <summary>True until the first data of a direction whose SYN was not captured is delivered.</summary>
    public bool StartMissingPending { get; set; }

    /// <summary>Bytes skipped (never captured) not yet reported to the consumer.</summary>
    public long PendingGap { get; set; }

    public bool FinSeen { get; set; }

    /// <summary>Sequence number the FIN occupies (the end of the data).</summary>
    public uint FinSequence { get; set; }

    /// <summary>True once the other side acknowledged something of this direction.</summary>
    public bool HasAck { get; set; }

    /// <summary>The highest acknowledgment number the other side sent for this direction.</summary>
    public uint HighestAck { get; set; }

    /// <summary>Held segments, sorted by sequence number relative to <see cref="NextSequence"/>.</summary>
    public List<TcpHeldSegment> Held { get; } = [];

    public int HeldBytes { get; set; }

    /// <summary>Signed distance from <see cref="NextSequence"/> to <paramref name="sequence"/> modulo 2^32.</summary>
    public int Distance(uint sequence) => (int)(sequence - NextSequence);

    public void ReleaseHeld()
    {
        foreach (var segment in Held)
        {
            ArrayPool<byte>.Shared.Return(segment.Buffer);
        }

        Held.Clear();
        HeldBytes = 0;
    }
}
