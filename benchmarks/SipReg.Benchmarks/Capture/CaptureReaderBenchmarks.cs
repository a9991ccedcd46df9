using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using SipReg.Benchmarks.Infrastructure;
using SipReg.Generator;
using SipReg.Pcap;

namespace SipReg.Benchmarks.Capture;

/// <summary>
/// Reading every record of a generated fleet capture (about 40k SIP messages, 30 MB) held in a MemoryStream, so the
/// figures are parsing, not disk. The baseline is a plain PipeReader loop that only walks the record headers
/// (pcap's 16-byte record headers, pcapng's block lengths) with the same 64 KiB buffer.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CaptureReaderBenchmarks : IThroughputWorkload
{
    private const int SipMessages = 40_000;
    private const int BufferSize = 65536;
    private byte[] _capture = [];
    private long _packets;

    [Params(CaptureFileFormat.Pcap, CaptureFileFormat.PcapNg)]
    public CaptureFileFormat Format { get; set; }

    [GlobalSetup]
    public void Prepare()
    {
        _capture = GeneratedCaptures.Fleet(Format, SipMessages).Bytes;
        _packets = Format == CaptureFileFormat.Pcap ? WalkPcapHeaders().AsTask().GetAwaiter().GetResult()
            : WalkPcapNgBlocks().AsTask().GetAwaiter().GetResult();
    }

    public Workload GetWorkload(string benchmarkMethod) => new(_capture.Length, _packets);

    [Benchmark(Baseline = true, Description = "Header walk (PipeReader)")]
    public ValueTask<long> HeaderWalk() => Format == CaptureFileFormat.Pcap ? WalkPcapHeaders() : WalkPcapNgBlocks();

    [Benchmark(Description = "CaptureReader")]
    public async ValueTask<long> CaptureReader()
    {
        await using var reader = Pcap.CaptureReader.Create(new MemoryStream(_capture, writable: false));
        long bytes = 0;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            while (reader.TryReadPacket(out CapturePacket packet))
            {
                bytes += packet.Data.Length;
            }
        }

        return bytes;
    }

    private async ValueTask<long> WalkPcapHeaders()
    {
        var pipe = PipeReader.Create(new MemoryStream(_capture, writable: false), new StreamPipeReaderOptions(bufferSize: BufferSize));
        long packets = 0;
        bool headerDone = false;
        while (true)
        {
            var result = await pipe.ReadAsync().ConfigureAwait(false);
            var reader = new SequenceReader<byte>(result.Buffer);
            if (!headerDone && reader.Remaining >= 24)
            {
                reader.Advance(24);
                headerDone = true;
            }

            while (headerDone && reader.Remaining >= 16)
            {
                var record = reader.UnreadSequence.Slice(8, 4);
                int length = ReadInt32(record);
                if (reader.Remaining < 16 + length)
                {
                    break;
                }

                reader.Advance(16 + length);
                packets++;
            }

            pipe.AdvanceTo(reader.Position, result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await pipe.CompleteAsync().ConfigureAwait(false);
        return packets;
    }

    private async ValueTask<long> WalkPcapNgBlocks()
    {
        var pipe = PipeReader.Create(new MemoryStream(_capture, writable: false), new StreamPipeReaderOptions(bufferSize: BufferSize));
        long packets = 0;
        while (true)
        {
            var result = await pipe.ReadAsync().ConfigureAwait(false);
            var reader = new SequenceReader<byte>(result.Buffer);
            while (reader.Remaining >= 12)
            {
                int type = ReadInt32(reader.UnreadSequence.Slice(0, 4));
                int length = ReadInt32(reader.UnreadSequence.Slice(4, 4));
                if (reader.Remaining < length)
                {
                    break;
                }

                reader.Advance(length);
                if (type == 6)
                {
                    packets++;
                }
            }

            pipe.AdvanceTo(reader.Position, result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await pipe.CompleteAsync().ConfigureAwait(false);
        return packets;
    }

    private static int ReadInt32(in ReadOnlySequence<byte> bytes)
    {
        Span<byte> scratch = stackalloc byte[4];
        var span = bytes.IsSingleSegment ? bytes.FirstSpan : Copy(bytes, scratch);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(span);
    }

    private static ReadOnlySpan<byte> Copy(in ReadOnlySequence<byte> bytes, Span<byte> scratch)
    {
        bytes.CopyTo(scratch);
        return scratch;
    }
}
