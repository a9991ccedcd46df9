using System.Buffers.Binary;
using System.IO.Compression;
using SipReg.Testing;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>Every cap of <see cref="CaptureReaderOptions"/> hit once, and lying lengths that must not allocate.</summary>
public sealed class CaptureLimitsTests
{
    private static byte[] PcapNgWith(Action<CaptureWriter> write, bool bigEndian = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new CaptureWriterOptions { BigEndian = bigEndian, LeaveOpen = true }))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Runs a read to its end on this thread (MemoryStream completes synchronously) and returns the bytes it allocated.</summary>
    private static (long Allocated, CaptureReader Reader) ReadSynchronously(byte[] bytes, CaptureReaderOptions? options = null)
    {
        var reader = CaptureReader.Create(new MemoryStream(bytes), options);
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (true)
        {
            var read = reader.ReadAsync();
            Assert.True(read.IsCompleted);
            if (!read.Result)
            {
                break;
            }

            while (reader.TryReadPacket(out _))
            {
            }
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before, reader);
    }

    [Theory]
    [InlineData(0xFFFFFFFCu)]
    [InlineData(0x7FFFFFFCu)]
    [InlineData(0x01000004u)]
    public async Task A_hostile_pcapng_block_length_stops_reading_without_allocating_it(uint length)
    {
        var good = PcapNgWith(w => w.WritePacket(new byte[60], 1_000_000_000));
        var hostile = new byte[good.Length + 64];
        good.CopyTo(hostile, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(hostile.AsSpan(good.Length), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(hostile.AsSpan(good.Length + 4), length);

        var (allocated, reader) = ReadSynchronously(hostile);
        await using (reader)
        {
            Assert.Equal(1, reader.PacketCount);
            Assert.NotNull(reader.Error);
            Assert.Equal(good.Length, reader.Error!.Offset);
            Assert.Contains("MaxBlockLength", reader.Error.Message, StringComparison.Ordinal);
            Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public async Task A_block_length_under_the_cap_but_past_the_end_of_the_file_is_a_truncation_not_an_allocation()
    {
        var good = PcapNgWith(w => w.WritePacket(new byte[60], 1_000_000_000));
        var hostile = new byte[good.Length + 64];
        good.CopyTo(hostile, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(hostile.AsSpan(good.Length), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(hostile.AsSpan(good.Length + 4), 12 * 1024 * 1024);

        var (allocated, reader) = ReadSynchronously(hostile);
        await using (reader)
        {
            Assert.Equal(good.Length, reader.Error!.Offset);
            Assert.Contains("truncated block", reader.Error.Message, StringComparison.Ordinal);
            Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public async Task A_huge_pcap_caplen_stops_at_the_record_without_allocating_it()
    {
        // edge/pcap_bad_caplen.pcap: record 3 at offset 386 claims caplen 16777215.
        var bytes = File.ReadAllBytes(Corpus.PathOf("edge/pcap_bad_caplen.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(386 + 8), 0xFFFFFFF0);
        var (allocated, reader) = ReadSynchronously(bytes);
        await using (reader)
        {
            Assert.Equal(2, reader.PacketCount);
            Assert.Equal(386, reader.Error!.Offset);
            Assert.Contains("caplen 4294967280", reader.Error.Message, StringComparison.Ordinal);
            Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        }
    }

    [Fact]
    public void Negative_caps_are_refused_as_misuse()
    {
        var exception = Assert.Throws<PcapException>(() =>
            CaptureReader.Create(new MemoryStream(), new CaptureReaderOptions { MaxInterfaces = -1 }));
        Assert.Equal(PcapExceptionReason.Misuse, exception.Reason);
    }

    [Fact]
    public async Task MaxRecordLength_caps_pcap_records_of_a_file_with_a_small_snap_length()
    {
        using var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new CaptureWriterOptions { Format = CaptureFormat.Pcap, SnapLength = 100, LeaveOpen = true }))
        {
            writer.WritePacket(new byte[400], 1_000_000_000);
            writer.WritePacket(new byte[1000], 2_000_000_000);
        }

        var outcome = await CaptureReading.ReadBytesAsync(stream.ToArray(), new CaptureReaderOptions { MaxRecordLength = 500 });
        Assert.Single(outcome.Packets);
        Assert.Equal(24 + 16 + 400, outcome.Error!.Offset);
        Assert.Contains("exceeds snaplen/maximum 500", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxBlockLength_stops_at_the_first_larger_block()
    {
        var bytes = PcapNgWith(w =>
        {
            w.WritePacket(new byte[100], 1_000_000_000);
            w.WritePacket(new byte[300], 2_000_000_000);
        });
        var outcome = await CaptureReading.ReadBytesAsync(bytes, new CaptureReaderOptions { MaxBlockLength = 256 });
        Assert.Single(outcome.Packets);
        Assert.Equal(outcome.Packets[0].FileOffset + 132, outcome.Error!.Offset);
        Assert.Contains("exceeds MaxBlockLength 256", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxInterfaces_stops_at_the_interface_beyond_it()
    {
        var bytes = PcapNgWith(w =>
        {
            w.AddInterface(LinkType.Raw);
            w.WritePacket(new byte[20], 1_000_000_000, interfaceIndex: 1);
            w.AddInterface(LinkType.LinuxSll2);
            w.WritePacket(new byte[20], 2_000_000_000, interfaceIndex: 2);
        });
        var outcome = await CaptureReading.ReadBytesAsync(bytes, new CaptureReaderOptions { MaxInterfaces = 2 });
        Assert.Single(outcome.Packets);
        Assert.Equal(2, outcome.Interfaces.Count);
        Assert.Contains("MaxInterfaces 2", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxOptionsPerBlock_ignores_the_rest_of_the_options_and_keeps_reading()
    {
        // The first interface has if_name and if_tsresol (written in that order): with a cap of 1, if_tsresol (ns) is
        // ignored, the interface keeps the µs default, and the packet still reads.
        var bytes = PcapNgWith(w =>
        {
            var index = w.AddInterface(LinkType.Raw, timestampResolutionCode: 9, name: "eth9");
            w.WritePacket(new byte[20], 1_000_000_000, interfaceIndex: index);
        });
        var outcome = await CaptureReading.ReadBytesAsync(bytes, new CaptureReaderOptions { MaxOptionsPerBlock = 1 });
        Assert.Null(outcome.Error);
        Assert.Single(outcome.Packets);
        Assert.Equal("eth9", outcome.Interfaces[1].Name);
        Assert.Equal("1e-6", outcome.Interfaces[1].TimestampResolution);
        Assert.Contains(outcome.Diagnostics, d => !d.IsFatal && d.Message.Contains("MaxOptionsPerBlock 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MaxDiagnostics_keeps_the_first_ones_and_counts_the_rest()
    {
        var bytes = PcapNgWith(w =>
        {
            w.AddInterface(LinkType.Raw, timestampResolutionCode: 9, name: "a");
            w.AddInterface(LinkType.Raw, timestampResolutionCode: 9, name: "b");
            w.AddInterface(LinkType.Raw, timestampResolutionCode: 9, name: "c");
        });
        await using var reader = CaptureReader.Create(new MemoryStream(bytes), new CaptureReaderOptions { MaxOptionsPerBlock = 1, MaxDiagnostics = 1 });
        var outcome = await CaptureReading.ReadAsync(reader);
        Assert.Single(outcome.Diagnostics);
        Assert.Equal(2, reader.SuppressedDiagnosticCount);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("edge/ng_multi_section.pcapng")]
    [InlineData("edge/pcap_le_nsec.pcap")]
    [InlineData("edge/ng_truncated_mid_block.pcapng")]
    public async Task A_gzip_compressed_capture_reads_like_the_plain_one_even_one_byte_per_segment(string capture)
    {
        var plain = File.ReadAllBytes(Corpus.PathOf(capture));
        var compressed = Gzip(plain);
        var expected = await CaptureReading.ReadBytesAsync(plain);

        await using var reader = CaptureReader.Create(new SegmentedPipeReader(compressed, [1]));
        var actual = await CaptureReading.ReadAsync(reader);
        Assert.True(reader.IsCompressed);
        Assert.Equal(expected.Packets.Count, actual.Packets.Count);
        Assert.All(expected.Packets.Zip(actual.Packets), p => Assert.True(p.First.SameAs(p.Second)));
        Assert.Equal(expected.Diagnostics, actual.Diagnostics);
    }

    [Fact]
    public async Task MaxDecompressedLength_stops_a_gzip_capture_with_a_diagnostic()
    {
        var compressed = Gzip(File.ReadAllBytes(Corpus.PathOf("edge/pcap_le_usec.pcap")));
        var outcome = await CaptureReading.ReadBytesAsync(compressed, new CaptureReaderOptions { MaxDecompressedLength = 1000 });
        Assert.InRange(outcome.Packets.Count, 1, 11);
        Assert.Contains("MaxDecompressedLength", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_capture_cut_in_half_returns_what_decompresses_then_a_diagnostic()
    {
        var plain = File.ReadAllBytes(Corpus.PathOf("edge/pcap_le_usec.pcap"));
        var compressed = Gzip(plain);
        var outcome = await CaptureReading.ReadBytesAsync(compressed[..(compressed.Length / 2)]);
        Assert.InRange(outcome.Packets.Count, 0, 11);
        Assert.NotNull(outcome.Error);
    }

    [Fact]
    public async Task Corrupt_gzip_is_not_a_capture()
    {
        byte[] bytes = [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        var exception = await Assert.ThrowsAsync<PcapException>(() => CaptureReading.ReadBytesAsync(bytes));
        Assert.Equal(0, exception.Offset);
        Assert.Equal(PcapExceptionReason.CorruptCompression, exception.Reason);
    }

    [Fact]
    public async Task Reading_steady_state_allocates_nothing_per_packet()
    {
        using var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new CaptureWriterOptions { LeaveOpen = true }))
        {
            var data = new byte[120];
            for (var i = 0; i < 20_000; i++)
            {
                writer.WritePacket(data, 1_700_000_000_000_000_000 + i * 1000L, comment: i % 10 == 0 ? "x" : null);
            }
        }

        var bytes = stream.ToArray();
        var (_, warm) = ReadSynchronously(bytes);
        await warm.DisposeAsync();

        var (allocated, reader) = ReadSynchronously(bytes);
        await using (reader)
        {
            Assert.Equal(20_000, reader.PacketCount);

            // Reader, pipe and options are allocated once; what is left per 64 KiB read must stay far below a byte per packet.
            Assert.True(allocated < 20_000, $"allocated {allocated} bytes for 20000 packets");
        }
    }
}
