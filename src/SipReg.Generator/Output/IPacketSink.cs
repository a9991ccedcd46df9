namespace SipReg.Generator.Output;

/// <summary>
/// Where generated frames go: a capture file writer, or a list in tests. The seam that keeps the generators apart from
/// the container format.
/// </summary>
internal interface IPacketSink
{
    /// <summary>Writes one Ethernet frame captured at <paramref name="timestampNanoseconds"/> (since the Unix epoch).</summary>
    void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame);

    /// <summary>Pushes buffered bytes to the underlying stream.</summary>
    void Flush();
}
