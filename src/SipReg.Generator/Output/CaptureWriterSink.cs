using SipReg.Pcap;

namespace SipReg.Generator.Output;

/// <summary>The packet sink over the project's <see cref="CaptureWriter"/> (Ethernet, one interface, little-endian).</summary>
internal sealed class CaptureWriterSink : IPacketSink, IDisposable
{
    private readonly BufferedStream _buffered;
    private readonly CaptureWriter _writer;

    public CaptureWriterSink(Stream output, CaptureFileFormat format)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown capture file format.");
        }

        _buffered = new BufferedStream(output, 1 << 16);
        _writer = new CaptureWriter(_buffered, new CaptureWriterOptions
        {
            Format = format == CaptureFileFormat.PcapNg ? CaptureFormat.PcapNg : CaptureFormat.Pcap,
            Nanoseconds = format != CaptureFileFormat.PcapMicroseconds,
            LinkType = LinkType.Ethernet,
            UserApplication = "SipReg.Generator",
            LeaveOpen = true,
        });
    }

    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame) => _writer.WritePacket(frame, timestampNanoseconds);

    public void Flush() => _writer.Flush();

    public void Dispose()
    {
        _writer.Dispose();
        _buffered.Flush();
    }
}
