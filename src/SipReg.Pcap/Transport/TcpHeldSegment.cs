namespace SipReg.Pcap;

/// <summary>An out-of-order TCP segment copied into a pooled buffer, waiting for the hole before it to fill.</summary>
internal struct TcpHeldSegment
{
    public uint Sequence;
    public byte[] Buffer;
    public int Length;
    public int Records;
    public long FrameNumber;
    public long TimestampNanoseconds;
    public bool HasTimestamp;
    public int InterfaceIndex;
}
