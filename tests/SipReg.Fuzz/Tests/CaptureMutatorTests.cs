using SipReg.Pcap;
using SipReg.Testing;

namespace SipReg.Fuzz.Tests;

public sealed class CaptureMutatorTests
{
    [Fact]
    public void Same_seed_gives_the_same_mutated_capture()
    {
        byte[] capture = File.ReadAllBytes(Corpus.PathOf("live/01_healthy_www_auth_refresh.pcap"));
        for (int seed = 0; seed < 200; seed++)
        {
            var a = CaptureMutator.Mutate(capture, new Random(seed));
            var b = CaptureMutator.Mutate(capture, new Random(seed));
            Assert.Equal(a.Mutations, b.Mutations);
            Assert.Equal(a.Bytes, b.Bytes);
        }
    }

    [Theory]
    [InlineData("live/01_healthy_www_auth_refresh.pcap")]
    [InlineData("live/03a_proxy_auth_loop_407.pcapng")]
    [InlineData("edge/ng_multi_section.pcapng")]
    [InlineData("edge/pcap_be_usec.pcap")]
    public async Task Layout_finds_the_records_the_reader_reads(string file)
    {
        byte[] capture = File.ReadAllBytes(Corpus.PathOf(file));
        var layout = CaptureLayout.Parse(capture);
        Assert.Equal(capture.Length, layout.End);

        await using var reader = CaptureReader.Create(new MemoryStream(capture));
        long packets = 0;
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out _))
            {
                packets++;
            }
        }

        Assert.Equal(packets, layout.Records.Count(r => r.IsPacket));
    }

    [Theory]
    [InlineData("SipContentLength", "sip-content-length")]
    [InlineData("SipHeaderBomb", "sip-header-bomb")]
    [InlineData("SipFoldedLines", "sip-folded-lines")]
    [InlineData("DnsPointers", "dns-pointers")]
    [InlineData("RecordLengthLie", "_len-lie")]
    [InlineData("DuplicateRecords", "duplicate")]
    [InlineData("DropRecords", "drop")]
    [InlineData("ReorderRecords", "reorder")]
    [InlineData("GiantLength", "giant-length")]
    public void Structure_and_protocol_mutations_apply_to_a_classic_pcap_with_SIP_and_DNS(string mutation, string expected)
    {
        var kind = Enum.Parse<MutationKind>(mutation);
        byte[] capture = File.ReadAllBytes(Corpus.PathOf("live/07a_dns_naptr_srv_a_then_register.pcap"));
        int applied = 0, changed = 0;
        for (int seed = 0; seed < 50; seed++)
        {
            var (data, what) = CaptureMutator.Apply(kind, capture, new Random(seed));
            changed += data.AsSpan().SequenceEqual(capture) ? 0 : 1;
            applied += what.Contains(expected, StringComparison.Ordinal) || (kind == MutationKind.RecordLengthLie && what.Contains("snaplen-lie", StringComparison.Ordinal)) ? 1 : 0;
        }

        // A few draws may change nothing (two equal records swapped, a length of 0 doubled); most must.
        Assert.True(applied >= 40 && changed >= 40, $"{kind} applied {applied} times and changed the capture {changed} times out of 50");
    }

    [Fact]
    public async Task Protocol_mutations_rewrite_pcapng_Enhanced_Packet_Blocks_that_the_reader_still_reads()
    {
        byte[] capture = File.ReadAllBytes(Corpus.PathOf("live/03a_proxy_auth_loop_407.pcapng"));
        int before = CaptureLayout.Parse(capture).Records.Count;
        for (int seed = 0; seed < 20; seed++)
        {
            var (data, what) = CaptureMutator.Apply(MutationKind.SipHeaderBomb, capture, new Random(seed));
            Assert.Contains("pcapng EPB", what, StringComparison.Ordinal);
            var layout = CaptureLayout.Parse(data);
            Assert.Equal(data.Length, layout.End);
            Assert.Equal(before, layout.Records.Count);

            await using var reader = CaptureReader.Create(new MemoryStream(data));
            long packets = 0;
            while (await reader.ReadAsync())
            {
                while (reader.TryReadPacket(out _))
                {
                    packets++;
                }
            }

            Assert.Equal(layout.Records.Count(r => r.IsPacket), packets);
            Assert.Empty(reader.Diagnostics);
        }
    }

    [Fact]
    public void A_pcapng_block_whose_type_was_flipped_to_0_is_not_taken_for_a_pcap_record()
    {
        // Found by soak 2: the 12-byte block was read as a pcap record of -4 bytes and the mutator threw.
        byte[] capture = File.ReadAllBytes(Corpus.PathOf("live/03a_proxy_auth_loop_407.pcapng"));
        var layout = CaptureLayout.Parse(capture);
        int at = layout.Records[1].Offset;
        byte[] empty = new byte[12];
        CaptureLayout.Write32(empty.AsSpan(4), 12, layout.Records[1].BigEndian);
        CaptureLayout.Write32(empty.AsSpan(8), 12, layout.Records[1].BigEndian);
        byte[] damaged = [.. capture.AsSpan(0, at), .. empty, .. capture.AsSpan(at)];
        Assert.False(CaptureLayout.Parse(damaged).Records[1].IsPacket);

        foreach (var kind in new[] { MutationKind.SipContentLength, MutationKind.SipHeaderBomb, MutationKind.SipFoldedLines, MutationKind.DnsPointers })
        {
            for (int seed = 0; seed < 20; seed++)
            {
                CaptureMutator.Apply(kind, damaged, new Random(seed));
            }
        }
    }

    [Fact]
    public void Protocol_mutations_keep_IP_and_UDP_lengths_consistent_so_the_message_reaches_the_parser()
    {
        byte[] capture = File.ReadAllBytes(Corpus.PathOf("live/05_final_403.pcap"));
        var layout = CaptureLayout.Parse(capture);
        var record = layout.Records[0];
        byte[] frame = capture.AsSpan(record.Offset + 16, record.Length - 16).ToArray();
        var location = PacketLocation.Find(frame);
        Assert.NotNull(location);

        byte[] payload = "REGISTER sip:x SIP/2.0\r\nContent-Length: 4294967295\r\n\r\n"u8.ToArray();
        byte[] rewritten = location.Value.Replace(frame, payload, fixLengths: true);
        var again = PacketLocation.Find(rewritten);
        Assert.NotNull(again);
        Assert.Equal(payload, rewritten[again.Value.PayloadOffset..again.Value.PayloadEnd]);
    }
}
