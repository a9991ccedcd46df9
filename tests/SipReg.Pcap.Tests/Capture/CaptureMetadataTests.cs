using System.Globalization;
using System.Text;
using SipReg.Testing;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>What the reader exposes besides packets: interfaces, sections, comments, summary, and its one exception.</summary>
public sealed class CaptureMetadataTests
{
    [Fact]
    public async Task Packet_comments_match_what_tshark_shows_for_ng_comments()
    {
        // truth/ng_comments.pcapng.tsv: _ws.expert.message holds the packet comments joined by '|' (plus, on frame 13,
        // tshark's own "Malformed Packet" note, which is not a comment).
        var lines = File.ReadAllLines(Corpus.PathOf("edge/truth/ng_comments.pcapng.tsv"));
        var header = lines[0].Split('\t');
        var column = Array.IndexOf(header, "_ws.expert.message");
        var outcome = await CaptureReading.ReadFileAsync("edge/ng_comments.pcapng");
        var checkedComments = 0;
        foreach (var row in lines.Skip(1).Select(l => l.Split('\t')))
        {
            var frame = int.Parse(row[0], CultureInfo.InvariantCulture);
            var expected = row[column].Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Where(m => !m.StartsWith("Malformed Packet", StringComparison.Ordinal)).ToArray();
            Assert.Equal(expected, outcome.Packets[frame - 1].Comments);
            checkedComments += expected.Length;
        }

        Assert.Equal(6, checkedComments);
        Assert.Contains("capture-level comment", outcome.Sections[0].Comments);
        Assert.Contains("interface comment", outcome.Interfaces[0].Comments);
        Assert.Equal(0, outcome.Packets[^1].CapturedLength);
    }

    [Fact]
    public async Task Epb_flags_give_opposite_directions_to_dns_queries_and_responses_of_ng_comments()
    {
        // manifest: epb_flags inbound/outbound on every EPB; tshark's dns.flags.response tells queries from answers.
        var lines = File.ReadAllLines(Corpus.PathOf("edge/truth/ng_comments.pcapng.tsv"));
        var header = lines[0].Split('\t');
        var response = Array.IndexOf(header, "dns.flags.response");
        var directions = new List<PacketDirection>();
        await using (var reader = CaptureReader.Open(Corpus.PathOf("edge/ng_comments.pcapng")))
        {
            while (await reader.ReadAsync())
            {
                while (reader.TryReadPacket(out var packet))
                {
                    directions.Add(packet.Direction);
                }
            }
        }

        // The final zero-length EPB carries only its opt_comment (no epb_flags option in its bytes), so no direction.
        Assert.Equal(13, directions.Count);
        Assert.DoesNotContain(PacketDirection.Unknown, directions.Take(12));
        Assert.Equal(PacketDirection.Unknown, directions[12]);
        var byKind = lines.Skip(1).Select(l => l.Split('\t')).Where(r => r[response].Length > 0)
            .GroupBy(r => r[response], r => directions[int.Parse(r[0], CultureInfo.InvariantCulture) - 1])
            .ToDictionary(g => g.Key, g => g.Distinct().Single());
        Assert.Equal(2, byKind.Count);
        Assert.NotEqual(byKind["0"], byKind["1"]);
    }

    [Fact]
    public async Task Classic_pcap_packets_have_no_direction()
    {
        await using var reader = CaptureReader.Open(Corpus.PathOf("edge/pcap_le_usec.pcap"));
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.TryReadPacket(out var packet));
        Assert.Equal(PacketDirection.Unknown, packet.Direction);
    }

    [Fact]
    public async Task Name_resolution_records_of_ng_nrb_isb_are_exposed()
    {
        // manifest: 2 IPv4 records (one with two names) and 1 IPv6 record; 198.51.100.5 -> sip1.example.com.
        await using var reader = CaptureReader.Open(Corpus.PathOf("edge/ng_nrb_isb.pcapng"));
        var outcome = await CaptureReading.ReadAsync(reader);
        Assert.Equal(12, outcome.Packets.Count);
        var records = reader.NameRecords;
        Assert.Equal(3, records.Count);
        Assert.Equal(2, records.Count(r => r.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork));
        Assert.Equal(1, records.Count(r => r.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6));
        Assert.Contains(records, r => r.Names.Count == 2);
        Assert.Contains("sip1.example.com", records.Single(r => r.Address.ToString() == "198.51.100.5").Names);
    }

    [Fact]
    public async Task MaxNameRecords_keeps_the_first_records_with_a_diagnostic()
    {
        await using var reader = CaptureReader.Open(Corpus.PathOf("edge/ng_nrb_isb.pcapng"), new CaptureReaderOptions { MaxNameRecords = 1 });
        var outcome = await CaptureReading.ReadAsync(reader);
        Assert.Single(reader.NameRecords);
        Assert.Null(outcome.Error);
        Assert.Contains(outcome.Diagnostics, d => d.Message.Contains("MaxNameRecords 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Comments_enumerate_without_allocating()
    {
        await using var reader = CaptureReader.Open(Corpus.PathOf("edge/ng_comments.pcapng"));
        Assert.True(await reader.ReadAsync());
        var total = 0;
        long allocated = 0;
        while (reader.TryReadPacket(out var packet))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var comment in packet.Comments)
            {
                total += comment.Length;
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Interfaces_of_ng_tsresol_report_their_resolutions()
    {
        // manifest: if_tsresol none (µs), 9 (ns), 0x94 (2^-20 s), 3 (ms).
        var outcome = await CaptureReading.ReadFileAsync("edge/ng_tsresol.pcapng");
        Assert.Equal(["1e-6", "1e-9", "2^-20", "1e-3"], outcome.Interfaces.Select(i => i.TimestampResolution));
        Assert.Equal([1_000_000UL, 1_000_000_000UL, 1UL << 20, 1000UL], outcome.Interfaces.Select(i => i.TimestampUnitsPerSecond));
        Assert.All(outcome.Interfaces, i => Assert.Equal("Ethernet", i.LinkTypeName));
    }

    [Fact]
    public async Task Interface_of_ng_tsoffset_reports_its_offset()
    {
        var outcome = await CaptureReading.ReadFileAsync("edge/ng_tsoffset.pcapng");
        Assert.Equal(1709294400, Assert.Single(outcome.Interfaces).TimestampOffsetSeconds);
    }

    [Fact]
    public async Task Sections_of_ng_multi_section_switch_byte_order_and_restart_interface_ids()
    {
        // manifest: S1 little-endian, S2 big-endian RAW(101), S3 little-endian Linux SLL.
        var outcome = await CaptureReading.ReadFileAsync("edge/ng_multi_section.pcapng");
        Assert.Equal([false, true, false], outcome.Sections.Select(s => s.IsBigEndian));
        Assert.Equal([0, 1, 2], outcome.Interfaces.Select(i => i.SectionIndex));
        Assert.All(outcome.Interfaces, i => Assert.Equal(0, i.IndexInSection));
        Assert.Equal([LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll], outcome.Interfaces.Select(i => i.LinkType));
        Assert.Equal(["Ethernet", "Raw IP", "Linux cooked v1"], outcome.Interfaces.Select(i => i.LinkTypeName));
        Assert.Equal([0, 1, 2], outcome.Packets.Select(p => p.InterfaceIndex).Distinct());
    }

    [Fact]
    public async Task Pcap_reports_one_section_and_interface_with_the_header_values()
    {
        // edge/pcap_snaplen96.pcap: header snaplen 96; the manifest counts the records cut by it.
        await using var reader = CaptureReader.Open(Corpus.PathOf("edge/pcap_snaplen96.pcap"));
        var outcome = await CaptureReading.ReadAsync(reader);
        Assert.Equal(CaptureFormat.Pcap, outcome.Format);
        var captureInterface = Assert.Single(outcome.Interfaces);
        Assert.Equal(96u, captureInterface.SnapLength);
        Assert.Equal("1e-6", captureInterface.TimestampResolution);
        var cut = EdgeCorpusTests.ManifestEntry("pcap_snaplen96.pcap").GetProperty("expected").GetProperty("truncated_records").GetInt32();
        Assert.Equal(cut, outcome.TruncatedPacketCount);
        Assert.Equal(cut, outcome.Packets.Count(p => p.CapturedLength == 96 && p.OriginalLength > 96));
        Assert.Single(outcome.Sections);
        Assert.Equal(outcome.Packets[0].Timestamp, reader.FirstTimestamp);
        Assert.Equal(outcome.Packets[^1].Timestamp, reader.LastTimestamp);
    }

    [Fact]
    public async Task Nanosecond_pcap_keeps_sub_microsecond_digits()
    {
        // manifest: pcap_le_nsec timestamps have non-zero sub-microsecond digits.
        var outcome = await CaptureReading.ReadFileAsync("edge/pcap_le_nsec.pcap");
        Assert.Equal("1e-9", outcome.Interfaces[0].TimestampResolution);
        Assert.All(outcome.Packets, p => Assert.NotEqual(0, p.Timestamp % 1000));
    }

    [Fact]
    public async Task An_empty_file_is_not_a_capture()
    {
        var exception = await Assert.ThrowsAsync<PcapException>(() => CaptureReading.ReadFileAsync("edge/pcap_zero_length.pcap"));
        Assert.StartsWith("empty file: not a capture", exception.Message, StringComparison.Ordinal);
        Assert.Equal(PcapExceptionReason.EmptyInput, exception.Reason);
    }

    [Fact]
    public async Task Garbage_is_rejected_naming_its_magic_and_offset()
    {
        var exception = await Assert.ThrowsAsync<PcapException>(() => CaptureReading.ReadFileAsync("edge/garbage_not_a_capture.pcap"));
        Assert.Equal("not a pcap or pcapng file: unknown magic 0x20544547 (at byte offset 0)", exception.Message);
        Assert.Equal(PcapExceptionReason.UnknownMagic, exception.Reason);
    }

    [Fact]
    public async Task After_the_not_a_capture_exception_the_reader_reads_nothing_more()
    {
        await using var reader = CaptureReader.Open(Corpus.PathOf("edge/garbage_not_a_capture.pcap"));
        await Assert.ThrowsAsync<PcapException>(async () => await reader.ReadAsync());
        Assert.False(await reader.ReadAsync());
        Assert.False(reader.TryReadPacket(out _));
        Assert.Equal(CaptureFormat.Unknown, reader.Format);
    }

    [Fact]
    public async Task A_file_cut_inside_the_pcap_header_is_a_located_diagnostic()
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf("edge/pcap_le_usec.pcap"))[..10];
        var outcome = await CaptureReading.ReadBytesAsync(bytes);
        Assert.Empty(outcome.Packets);
        Assert.Equal("truncated pcap file header: 10 of 24 bytes present", outcome.Error!.Message);
    }

    [Fact]
    public async Task Truncation_messages_name_the_offsets_of_the_manifest()
    {
        var header = await CaptureReading.ReadFileAsync("edge/pcap_cut_in_record_header.pcap");
        Assert.Equal("truncated record header at offset 846: 8 of 16 bytes present", header.Error!.Message);
        var data = await CaptureReading.ReadFileAsync("edge/pcap_cut_in_packet_data.pcap");
        Assert.Equal("truncated record at offset 1166: header announces 476 bytes, only 100 present", data.Error!.Message);
        var block = await CaptureReading.ReadFileAsync("edge/ng_bad_trailing_length.pcapng");
        Assert.StartsWith("block length mismatch at offset 1156", block.Error!.Message, StringComparison.Ordinal);
        var undefined = await CaptureReading.ReadFileAsync("edge/ng_bad_interface_id.pcapng");
        Assert.Equal("EPB at offset 924 references undefined interface 3", undefined.Error!.Message);
    }

    [Fact]
    public async Task Packets_copied_out_of_straddling_segments_stay_valid_until_the_next_read()
    {
        // Five-byte segments, all visible at once: every record straddles and is copied into the scratch arena.
        var bytes = File.ReadAllBytes(Corpus.PathOf("edge/pcap_le_usec.pcap"));
        await using var reader = CaptureReader.Create(new SegmentedPipeReader(bytes, [5], revealAll: true));
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.TryReadPacket(out var first));
        var firstBytes = first.Data.ToArray();
        var count = 1;
        while (reader.TryReadPacket(out _))
        {
            count++;
        }

        Assert.Equal(12, count);
        Assert.True(first.Data.SequenceEqual(firstBytes));
        Assert.Equal(bytes.AsSpan(24 + 16, firstBytes.Length).ToArray(), firstBytes);
    }

    [Fact]
    public async Task Packets_copied_out_of_straddling_segments_stay_valid_when_the_scratch_arena_fills_up()
    {
        using var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new CaptureWriterOptions { LeaveOpen = true }))
        {
            for (var i = 0; i < 4; i++)
            {
                writer.WritePacket(Enumerable.Repeat((byte)(i + 1), 10_000).ToArray(), 1_000_000_000 + i);
            }
        }

        await using var reader = CaptureReader.Create(new SegmentedPipeReader(stream.ToArray(), [3000], revealAll: true));
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.TryReadPacket(out var first));
        Assert.True(reader.TryReadPacket(out var second));
        Assert.True(reader.TryReadPacket(out var third));
        Assert.True(reader.TryReadPacket(out var fourth));
        Assert.All(first.Data.ToArray(), b => Assert.Equal(1, b));
        Assert.All(second.Data.ToArray(), b => Assert.Equal(2, b));
        Assert.All(third.Data.ToArray(), b => Assert.Equal(3, b));
        Assert.All(fourth.Data.ToArray(), b => Assert.Equal(4, b));
    }

    [Fact]
    public async Task Standard_input_is_read_with_a_dash()
    {
        // Only the path mapping is checked here: "-" must not be taken for a file name.
        await using var reader = CaptureReader.Open("-");
        Assert.Equal(CaptureFormat.Unknown, reader.Format);
    }

    [Fact]
    public async Task ReadAsync_after_dispose_throws_ObjectDisposedException()
    {
        var reader = CaptureReader.Create(new MemoryStream(Encoding.ASCII.GetBytes("xxxx")));
        await reader.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reader.ReadAsync());
    }
}
