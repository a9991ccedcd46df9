namespace SipReg.Pcap;

/// <summary>Everything about a queued <see cref="TransportPayload"/> except its bytes (which live in the decoder's output buffer).</summary>
internal struct PayloadInfo
{
    public TransportPayloadKind Kind;
    public TransportProtocol Protocol;
    public NetworkEndpoint Source;
    public NetworkEndpoint Destination;
    public long FrameNumber;
    public long TimestampNanoseconds;
    public bool HasTimestamp;
    public int InterfaceIndex;
    public bool IsTruncated;
    public int RecordCount;
    public long StreamIndex;
    public bool IsFromClient;
    public long GapBefore;
    public bool StreamStartMissing;
    public byte IcmpType;
    public byte IcmpCode;
    public NetworkAddress Reporter;
    public int DataOffset;
    public int DataLength;
}
