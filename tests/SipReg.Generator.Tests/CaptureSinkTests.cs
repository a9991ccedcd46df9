using SipReg.Generator.Output;
using SipReg.Generator.Packets;

namespace SipReg.Generator.Tests;

public class CaptureSinkTests
{
    [Theory]
    [InlineData(CaptureFileFormat.Pcap)]
    [InlineData(CaptureFileFormat.PcapMicroseconds)]
    [InlineData(CaptureFileFormat.PcapNg)]
    public void The_minimal_writer_and_the_capture_writer_adapter_write_the_same_records(CaptureFileFormat format)
    {
        var builder = new PacketBuilder();
        var frames = new List<(long Time, byte[] Frame)>();
        for (int i = 0; i < 50; i++)
        {
            byte[] payload = new byte[i * 37 % 1400 + 1];
            payload.AsSpan().Fill((byte)i);
            frames.Add((CaptureContextStart + i * 1_234_567L, builder.Udp(NetEndpoint.Parse("192.0.2.10", 5060 + i), NetEndpoint.Parse("198.51.100.10", 5060), payload).ToArray()));
        }

        using var minimal = new MemoryStream();
        var sink = new CaptureFileSink(minimal, format);
        using var adapted = new MemoryStream();
        var adapter = new CaptureWriterSink(adapted, format);
        foreach ((long time, byte[] frame) in frames)
        {
            sink.Write(time, frame);
            adapter.Write(time, frame);
        }

        sink.Flush();
        adapter.Dispose();
        Assert.Equal(minimal.Length, sink.BytesWritten);
        long resolution = format == CaptureFileFormat.PcapMicroseconds ? 1000 : 1;
        var expected = frames.Select(f => (f.Time / resolution * resolution, Convert.ToHexString(f.Frame))).ToList();
        Assert.Equal(expected, IndependentReader.ReadRecords(minimal.ToArray()).Select(r => (r.Time, Convert.ToHexString(r.Frame))));
        Assert.Equal(expected, IndependentReader.ReadRecords(adapted.ToArray()).Select(r => (r.Time, Convert.ToHexString(r.Frame))));
    }

    private const long CaptureContextStart = 1_795_237_200_000_000_000;
}
