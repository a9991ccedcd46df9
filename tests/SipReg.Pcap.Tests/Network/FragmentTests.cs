using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class FragmentTests
{
    internal static readonly byte[] Message = Text("REGISTER sip:example.com SIP/2.0\r\nX-Pad: " + new string('a', 3000) + "\r\n\r\n");
    internal static readonly byte[] Datagram = Udp(5060, 5060, Message);

    internal static byte[] Fragment4(ushort id, int start, int end, byte[]? datagram = null)
    {
        datagram ??= Datagram;
        return IPv4(17, datagram.AsSpan(start, end - start), id: id, fragmentOffset: start, moreFragments: end < datagram.Length);
    }

    [Fact]
    public void IPv4_fragments_in_order_reassemble_on_the_last_one()
    {
        using var h = new DecoderHarness();
        Assert.Empty(h.FeedIPv4(Fragment4(1, 0, 1480)));
        Assert.Empty(h.FeedIPv4(Fragment4(1, 1480, 2960)));
        var p = Assert.Single(h.FeedIPv4(Fragment4(1, 2960, Datagram.Length)));
        Assert.Equal(Message, p.Data);
        Assert.Equal(3, p.RecordCount);
        Assert.Equal(3, p.FrameNumber);
        Assert.Equal(3, h.Decoder.Counters.IpPackets);
        Assert.Equal(1, h.Decoder.Counters.ReassembledDatagrams);
        h.Complete();
        h.AssertAccounting();
    }

    [Fact]
    public void Out_of_order_fragments_with_an_exact_duplicate_reassemble_once()
    {
        using var h = new DecoderHarness();
        h.FeedIPv4(Fragment4(9, 2960, Datagram.Length));
        h.FeedIPv4(Fragment4(9, 1480, 2960));
        h.FeedIPv4(Fragment4(9, 1480, 2960));
        var p = Assert.Single(h.FeedIPv4(Fragment4(9, 0, 1480)));
        Assert.Equal(Message, p.Data);
        Assert.Equal(3, p.RecordCount);
        Assert.Equal(1, h.Decoder.Counters.Duplicates);
        h.AssertAccounting();
    }

    [Fact]
    public void Consistent_overlap_is_accepted_without_a_diagnostic()
    {
        using var h = new DecoderHarness();
        h.FeedIPv4(Fragment4(2, 0, 1480));
        h.FeedIPv4(Fragment4(2, 1400, 2960));
        var p = Assert.Single(h.FeedIPv4(Fragment4(2, 2960, Datagram.Length)));
        Assert.Equal(Message, p.Data);
        Assert.DoesNotContain(h.Decoder.Diagnostics, d => d.Kind == PacketDiagnosticKind.OverlappingFragments);
        h.AssertAccounting();
    }

    [Fact]
    public void Conflicting_overlap_is_flagged_and_the_first_bytes_win()
    {
        using var h = new DecoderHarness();
        h.FeedIPv4(Fragment4(3, 0, 1480));
        var forged = (byte[])Datagram.Clone();
        forged.AsSpan(1040, 64).Fill((byte)'Z');
        h.FeedIPv4(Fragment4(3, 1040, 1104, forged));
        h.FeedIPv4(Fragment4(3, 1480, 2960));
        var p = Assert.Single(h.FeedIPv4(Fragment4(3, 2960, Datagram.Length)));
        Assert.Equal(Message, p.Data);
        Assert.Equal(4, p.RecordCount);
        var d = Assert.Single(h.Decoder.Diagnostics, d => d.Kind == PacketDiagnosticKind.OverlappingFragments);
        Assert.Contains("overlapping fragments with conflicting data", d.Message, StringComparison.Ordinal);
        Assert.Equal(2, d.FrameNumber);
        h.AssertAccounting();
    }

    [Fact]
    public void Incomplete_datagram_is_reported_at_Complete_with_the_missing_range()
    {
        using var h = new DecoderHarness();
        h.FeedIPv4(Fragment4(0x3001, 0, 1480));
        h.FeedIPv4(Fragment4(0x3001, 2960, Datagram.Length));
        Assert.Empty(h.Complete());
        Assert.Equal(2, h.Decoder.Counters.PendingReassembly);
        Assert.Equal(1, h.Decoder.Counters.IncompleteDatagrams);
        var d = Assert.Single(h.Decoder.Diagnostics, d => d.Kind == PacketDiagnosticKind.IncompleteDatagram);
        Assert.Contains("bytes 1480..2959 missing", d.Message, StringComparison.Ordinal);
        Assert.Contains("0x3001", d.Message, StringComparison.Ordinal);
        h.AssertAccounting();
    }

    [Fact]
    public void Incomplete_datagram_times_out_in_capture_time()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { FragmentTimeout = TimeSpan.FromSeconds(5) });
        h.FeedIPv4(Fragment4(5, 0, 1480), timestampSeconds: 100);
        h.FeedIPv4(IPv4(17, Udp(1, 2, [1])), timestampSeconds: 103);
        Assert.Equal(0, h.Decoder.Counters.IncompleteDatagrams);
        h.FeedIPv4(IPv4(17, Udp(1, 2, [1])), timestampSeconds: 110);
        Assert.Equal(1, h.Decoder.Counters.IncompleteDatagrams);
        Assert.Contains(h.Decoder.Diagnostics, d => d.Message.Contains("1480..? (last fragment not seen)", StringComparison.Ordinal));
        h.AssertAccounting();
    }

    [Fact]
    public void Fragment_caps_drop_sets_as_capped()
    {
        using var h = new DecoderHarness(new PacketDecoderOptions { MaxFragmentSets = 1, MaxFragmentsPerDatagram = 2, MaxDatagramSize = 4000 });
        h.FeedIPv4(Fragment4(1, 0, 1000));
        h.FeedIPv4(Fragment4(2, 0, 1000)); // a second set: MaxFragmentSets
        Assert.Equal(1, h.Decoder.Counters.Capped);
        h.FeedIPv4(Fragment4(1, 1000, 2000));
        h.FeedIPv4(Fragment4(1, 2000, 3000)); // third fragment: MaxFragmentsPerDatagram drops the set (2 held + this one)
        Assert.Equal(4, h.Decoder.Counters.Capped);
        var big = Udp(1, 2, new byte[5000]);
        h.FeedIPv4(Fragment4(3, 0, 1000, big));
        h.FeedIPv4(Fragment4(3, 3000, big.Length, big)); // beyond MaxDatagramSize
        Assert.Equal(6, h.Decoder.Counters.Capped);
        Assert.Empty(h.Complete());
        Assert.Equal(3, h.Decoder.Diagnostics.Count(d => d.Kind == PacketDiagnosticKind.Capped));
        h.AssertAccounting();
    }

    [Fact]
    public void IPv6_fragments_reassemble_after_a_hop_by_hop_header()
    {
        using var h = new DecoderHarness();
        Assert.Empty(h.Feed(LinkType.IPv6, IPv6(0, Concat(OptionsHeader(44), FragmentHeader(17, 0, true, 0x0badf00d), Datagram[..1232]))));
        var p = Assert.Single(h.Feed(LinkType.IPv6, IPv6(44, Concat(FragmentHeader(17, 1232, false, 0x0badf00d), Datagram[1232..]))));
        Assert.Equal(Message, p.Data);
        Assert.Equal(2, p.RecordCount);
        Assert.Equal("[2001:db8::10]:5060", p.Source.ToString());
        h.AssertAccounting();
    }

    [Fact]
    public void Snaplen_cut_fragment_is_truncated_and_its_set_stays_incomplete()
    {
        using var h = new DecoderHarness();
        var first = Fragment4(4, 0, 1480);
        h.FeedIPv4(first[..200], originalLength: first.Length);
        h.FeedIPv4(Fragment4(4, 1480, 2960));
        h.FeedIPv4(Fragment4(4, 2960, Datagram.Length));
        h.Complete();
        Assert.Equal(1, h.Decoder.Counters.Truncated);
        Assert.Equal(2, h.Decoder.Counters.PendingReassembly);
        h.AssertAccounting();
    }

    [Fact]
    public void Late_retransmitted_fragment_of_a_reassembled_datagram_is_a_duplicate_not_a_new_set()
    {
        using var h = new DecoderHarness();
        h.FeedIPv4(Fragment4(6, 0, 1480));
        h.FeedIPv4(Fragment4(6, 1480, 2960));
        Assert.Single(h.FeedIPv4(Fragment4(6, 2960, Datagram.Length)));
        Assert.Empty(h.FeedIPv4(Fragment4(6, 1480, 2960)));
        h.Complete();
        Assert.Equal(1, h.Decoder.Counters.Duplicates);
        Assert.Equal(0, h.Decoder.Counters.IncompleteDatagrams);
        h.AssertAccounting();
    }
}
