namespace SipReg.Generator.Output;

/// <summary>Keeps every frame in memory; for tests and small scenarios.</summary>
internal sealed class RecordingSink : IPacketSink
{
    public List<(long TimestampNanoseconds, byte[] Frame)> Records { get; } = [];

    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame) => Records.Add((timestampNanoseconds, frame.ToArray()));

    public void Flush()
    {
    }
}
