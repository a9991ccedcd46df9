using System.Buffers.Binary;
using System.Text.Json;
using SipReg.Testing;

namespace SipReg.Pcap.Tests.Network;

public class CorpusTests
{
    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var capture in Corpus.AllCaptures())
        {
            data.Add(capture);
        }

        return data;
    }

    public static TheoryData<string> EdgeFiles()
    {
        var data = new TheoryData<string>();
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            data.Add(file.GetProperty("file").GetString()!);
        }

        return data;
    }

    private static JsonElement Expected(JsonDocument manifest, string file)
    {
        foreach (var entry in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            if (entry.GetProperty("file").GetString() == file)
            {
                return entry.GetProperty("expected");
            }
        }

        throw new InvalidOperationException(file + " not in the manifest");
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public async Task Every_record_ends_in_exactly_one_place(string capture)
    {
        var outcome = await CorpusDecoding.DecodeAsync(capture);
        Assert.Equal(outcome.RecordsRead, outcome.Counters.Records);
        Assert.Equal(outcome.RecordCountSum, outcome.Counters.DeliveredRecords);
        Assert.Equal(outcome.RecordsRead, outcome.Counters.KeptRecords + outcome.RecordCountSum);
        Assert.Equal(0, outcome.Counters.HeldRecords);
        Assert.All(outcome.Payloads, p => Assert.True(p.RecordCount >= 0));
    }

    [Theory]
    [MemberData(nameof(EdgeFiles))]
    public async Task Edge_file_has_the_manifest_count_of_IP_packets(string file)
    {
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        var expected = Expected(manifest, file);
        var outcome = await CorpusDecoding.DecodeAsync("edge/" + file);
        Assert.Equal(expected.GetProperty("records").GetInt64(), outcome.RecordsRead);
        Assert.Equal(expected.GetProperty("ip_packets").GetInt64(), outcome.Counters.IpPackets);
    }

    [Theory]
    [MemberData(nameof(EdgeFiles))]
    public async Task Edge_records_carry_an_IP_header_exactly_where_the_expected_tsv_says(string file)
    {
        var tsv = Corpus.PathOf($"edge/expected/{file}.tsv");
        var hasIp = File.ReadLines(tsv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')[6] == "1").ToList();
        var seen = new List<bool>();
        using var decoder = new PacketDecoder();
        try
        {
            await using var reader = CaptureReader.Open(Corpus.PathOf("edge/" + file));
            while (await reader.ReadAsync())
            {
                while (reader.TryReadPacket(out var packet))
                {
                    var before = decoder.Counters.IpPackets;
                    decoder.Decode(packet);
                    seen.Add(decoder.Counters.IpPackets - before == 1);
                }
            }
        }
        catch (PcapException)
        {
            // Not a capture at all: no records expected either.
        }

        Assert.Equal(hasIp, seen);
    }

    [Fact]
    public async Task Unsupported_link_type_file_is_reported_once_and_not_decoded()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/lt_unsupported_147.pcap");
        Assert.Equal(4, outcome.Counters.UnsupportedLinkType);
        Assert.Empty(outcome.Payloads);
        var d = Assert.Single(outcome.Diagnostics);
        Assert.Contains("unsupported link type 147", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("net_ipv4_frag_inorder.pcap", 2)]
    [InlineData("net_ipv4_frag_dup_overlap.pcap", 2)]
    [InlineData("net_ipv4_frag_overlap_conflict.pcap", 1)]
    [InlineData("net_ipv4_frag_incomplete.pcap", 1)]
    [InlineData("net_ipv6_ext.pcap", 2)]
    [InlineData("net_ipv4_options.pcap", 2)]
    public async Task Fragmented_and_optioned_datagrams_yield_each_REGISTER_once(string file, int registers)
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/" + file);
        var datagrams = outcome.Payloads.Where(p => p.Kind == TransportPayloadKind.Datagram).ToList();
        Assert.Equal(registers, datagrams.Count(p => p.Text.StartsWith("REGISTER sip:", StringComparison.Ordinal)));
        Assert.All(datagrams, p => Assert.False(p.IsTruncated));

        // Every reassembled SIP message is whole: its body length matches Content-Length.
        foreach (var p in datagrams.Where(p => p.Text.StartsWith("REGISTER", StringComparison.Ordinal)))
        {
            var text = p.Text;
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(end > 0);
            Assert.DoesNotContain("ZZZZ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Conflicting_overlap_is_flagged()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/net_ipv4_frag_overlap_conflict.pcap");
        Assert.Contains(outcome.Diagnostics, d => d.Kind == PacketDiagnosticKind.OverlappingFragments
            && d.Message.Contains("overlapping fragments with conflicting data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incomplete_datagram_is_reported_with_its_missing_bytes()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/net_ipv4_frag_incomplete.pcap");
        Assert.Equal(1, outcome.Counters.IncompleteDatagrams);
        var d = Assert.Single(outcome.Diagnostics, d => d.Kind == PacketDiagnosticKind.IncompleteDatagram);
        Assert.Contains("id 0x3001", d.Message, StringComparison.Ordinal);
        Assert.Contains("bytes 1480..2959 missing", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ICMP_errors_are_handed_out_apart_from_the_REGISTER_datagrams()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/net_icmp_port_unreachable.pcap");
        var errors = outcome.Payloads.Where(p => p.Kind == TransportPayloadKind.IcmpError).ToList();
        var datagrams = outcome.Payloads.Where(p => p.Kind == TransportPayloadKind.Datagram).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(2, datagrams.Count(p => p.Text.StartsWith("REGISTER sip:", StringComparison.Ordinal)));
        Assert.All(errors, e =>
        {
            Assert.Equal(3, e.IcmpType);
            Assert.Equal(3, e.IcmpCode);
            Assert.Equal("192.0.2.10:5060", e.Source.ToString());
            Assert.Equal("198.51.100.5:5060", e.Destination.ToString());
        });

        // The first error quotes the whole REGISTER, the second only the UDP header.
        Assert.StartsWith("REGISTER sip:", errors[0].Text, StringComparison.Ordinal);
        Assert.Equal(datagrams[0].Data, errors[0].Data);
        Assert.Empty(errors[1].Data);
    }

    [Theory]
    [InlineData("tcp_sip_stream.pcap", 0)]
    [InlineData("tcp_sip_retrans_ooo.pcap", 0)]
    [InlineData("tcp_sip_port5080.pcap", 0)]
    [InlineData("tcp_sip_midstream.pcap", 0)]
    [InlineData("tcp_sip_gap.pcap", 1)] // the partial REGISTER(auth) kept its start line; the consumer drops it at the gap
    public async Task TCP_streams_carry_every_SIP_start_line_exactly_once(string file, int partialStartLines)
    {
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        var expected = Expected(manifest, file);
        var outcome = await CorpusDecoding.DecodeAsync("edge/" + file);
        var all = outcome.StreamText(true) + outcome.StreamText(false);

        // A request line ends with "SIP/2.0" CRLF, a status line starts with "SIP/2.0 "; Via values read "SIP/2.0/TCP".
        Assert.Equal(expected.GetProperty("sip_requests").GetInt32() + partialStartLines, Count(all, "SIP/2.0\r\n"));
        Assert.Equal(expected.GetProperty("sip_responses").GetInt32(), Count(all, "SIP/2.0 "));
        var registers = expected.GetProperty("sip_detail").GetProperty("REGISTER").GetInt32();
        Assert.Equal(registers + partialStartLines, Count(outcome.StreamText(true), "REGISTER sip:"));
    }

    [Fact]
    public async Task TCP_gap_is_reported_to_the_consumer()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/tcp_sip_gap.pcap");
        var gapped = Assert.Single(outcome.Stream(true), p => p.GapBefore > 0);
        Assert.Equal(448, gapped.GapBefore);
        Assert.Contains(outcome.Diagnostics, d => d.Kind == PacketDiagnosticKind.TcpGap);
    }

    [Fact]
    public async Task Midstream_capture_flags_the_missing_stream_start()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/tcp_sip_midstream.pcap");
        var first = outcome.Stream(true).First();
        Assert.True(first.StreamStartMissing);
        Assert.StartsWith("Contact:", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DNS_over_TCP_reassembles_into_whole_length_prefixed_messages()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/tcp_dns.pcap");
        var messages = 0;
        foreach (var fromClient in new[] { true, false })
        {
            var stream = outcome.Stream(fromClient).SelectMany(p => p.Data).ToArray();
            var offset = 0;
            while (offset < stream.Length)
            {
                // RFC 1035 §4.2.2: a 2-byte length before each message.
                var length = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(offset));
                Assert.True(length >= 12);
                offset += 2 + length;
                messages++;
            }

            Assert.Equal(stream.Length, offset);
        }

        Assert.Equal(6, messages);
        Assert.All(outcome.Payloads, p => Assert.Equal(0, p.GapBefore));
    }

    [Fact]
    public async Task Snaplen_cut_capture_hands_out_truncated_payloads()
    {
        var outcome = await CorpusDecoding.DecodeAsync("edge/pcap_snaplen96.pcap");
        Assert.Contains(outcome.Payloads, p => p.IsTruncated && p.RecordCount == 0);
        Assert.True(outcome.Counters.Truncated > 0);
    }
}

public class PublicCorpusTunnelTests
{
    [Fact]
    public async Task ERSPAN_mirrored_SIP_is_decoded()
    {
        // SOURCES.md: 140 SIP/UDP messages encapsulated in ERSPAN/GRE.
        var outcome = await CorpusDecoding.DecodeAsync("public/sip__heplify__erspan_sip_ipv4_udp.pcapng");
        Assert.Equal(140, outcome.Payloads.Count(p => p.Kind == TransportPayloadKind.Datagram && p.Text.Contains("SIP/2.0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PPPoE_SIP_requests_are_decoded()
    {
        // SOURCES.md: 4 single SIP requests (INVITE, CANCEL, ACK, BYE); two of them travel in PPPoE sessions.
        var outcome = await CorpusDecoding.DecodeAsync("public/sip__pcapplusplus__sip_reqs.pcap");
        Assert.Equal(4, outcome.Payloads.Count(p => p.Kind == TransportPayloadKind.Datagram));
    }
}

public class PublicCorpusFragmentTests
{
    [Fact]
    public async Task PcapPlusPlus_IPv4_fragments_reassemble_with_duplicates_and_late_last_fragments()
    {
        // The file (read with a plain script): datagrams id 0x1ea0..0x1ea5 of 8320 bytes in 6 fragments each; 0x1ea3..0x1ea5
        // repeat fragments (12 exact duplicates) and 0x1ea3/0x1ea4 repeat their last fragment after completion; 3 whole
        // UDP datagrams in between.
        var outcome = await CorpusDecoding.DecodeAsync("public/fmt__pcapplusplus__ip4_fragments.pcap");
        Assert.Equal(6, outcome.Counters.ReassembledDatagrams);
        Assert.Equal(0, outcome.Counters.IncompleteDatagrams);
        Assert.Equal(14, outcome.Counters.Duplicates);
        Assert.Equal(6, outcome.Payloads.Count(p => p.Data.Length == 8320 - 8));
        Assert.Equal(9, outcome.Payloads.Count);
    }
}
