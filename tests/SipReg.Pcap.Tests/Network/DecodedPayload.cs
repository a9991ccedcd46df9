namespace SipReg.Pcap.Tests.Network;

/// <summary>A <see cref="TransportPayload"/> copied out of the decoder's buffer.</summary>
internal sealed record DecodedPayload(
    TransportPayloadKind Kind, TransportProtocol Protocol, NetworkEndpoint Source, NetworkEndpoint Destination, byte[] Data,
    long FrameNumber, long Timestamp, int RecordCount, bool IsTruncated, long StreamIndex, bool IsFromClient, long GapBefore,
    bool StreamStartMissing, byte IcmpType, byte IcmpCode, NetworkAddress Reporter)
{
    public static DecodedPayload From(in TransportPayload p) => new(p.Kind, p.Protocol, p.Source, p.Destination, p.Data.ToArray(),
        p.FrameNumber, p.TimestampNanoseconds, p.RecordCount, p.IsTruncated, p.StreamIndex, p.IsFromClient, p.GapBefore,
        p.StreamStartMissing, p.IcmpType, p.IcmpCode, p.Reporter);

    public string Text => System.Text.Encoding.ASCII.GetString(Data);
}

/// <summary>Drives a decoder over hand-built records and checks the accounting after each step.</summary>
internal sealed class DecoderHarness(PacketDecoderOptions? options = null) : IDisposable
{
    private long _frame;

    public PacketDecoder Decoder { get; } = new(options);

    public List<DecodedPayload> Payloads { get; } = [];

    public long RecordCountSum { get; private set; }

    public long FrameCount => _frame;

    public List<DecodedPayload> Feed(LinkType linkType, byte[] data, int? originalLength = null, long? timestampSeconds = null,
        int interfaceIndex = 0)
    {
        _frame++;
        // One millisecond per frame unless a test sets the time.
        var ts = timestampSeconds is { } seconds ? seconds * 1_000_000_000L : _frame * 1_000_000L;
        var packet = new CapturePacket(_frame, ts, true, interfaceIndex, linkType, originalLength ?? data.Length, 0, data);
        Decoder.Decode(packet);
        var payloads = Drain();
        var c = Decoder.Counters;
        Assert.Equal(c.Records, c.KeptRecords + c.DeliveredRecords + c.HeldRecords);
        return payloads;
    }

    public List<DecodedPayload> FeedIPv4(byte[] ip, int? originalLength = null, long? timestampSeconds = null) =>
        Feed(LinkType.Raw, ip, originalLength, timestampSeconds);

    public List<DecodedPayload> Complete()
    {
        Decoder.Complete();
        return Drain();
    }

    /// <summary>Records == kept + delivered, with delivered summed from the payloads themselves.</summary>
    public void AssertAccounting()
    {
        var c = Decoder.Counters;
        Assert.Equal(_frame, c.Records);
        Assert.Equal(RecordCountSum, c.DeliveredRecords);
        Assert.Equal(c.Records, c.KeptRecords + RecordCountSum);
        Assert.Equal(0, c.HeldRecords);
    }

    public void Dispose() => Decoder.Dispose();

    private List<DecodedPayload> Drain()
    {
        var list = new List<DecodedPayload>();
        while (Decoder.TryReadPayload(out var payload))
        {
            var copy = DecodedPayload.From(payload);
            RecordCountSum += copy.RecordCount;
            list.Add(copy);
        }

        Payloads.AddRange(list);
        return list;
    }
}
