using FsCheck;
using FsCheck.Fluent;
using static SipReg.Pcap.Tests.Network.PacketBuilder;

namespace SipReg.Pcap.Tests.Network;

public class ReassemblyPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // Cuts [0, length) into pieces of 1..maxPiece (multiples of 'unit' except the last).
    private static List<(int Start, int End)> Cut(Random random, int length, int maxPiece, int unit)
    {
        var pieces = new List<(int, int)>();
        for (var start = 0; start < length;)
        {
            var size = Math.Max(unit, random.Next(1, maxPiece + 1) / unit * unit);
            var end = Math.Min(length, start + size);
            pieces.Add((start, end));
            start = end;
        }

        return pieces;
    }

    [Fact]
    public void TCP_segments_in_any_order_with_duplicates_and_overlaps_reassemble_to_the_stream()
    {
        var cases = Gen.Choose(1, 6000).SelectMany(length => ArbMap.Default.GeneratorFor<int>(), (length, seed) => (length, seed));
        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var stream = RandomBytes(random, c.length);
            var isn = random.Next(4) == 0 ? 0xFFFFFFFFu - (uint)random.Next(8000) : (uint)random.NextInt64(0, 1L << 32);
            var pieces = Cut(random, stream.Length, 700, 1);
            var records = new List<(int Start, int End)>(pieces);
            foreach (var piece in pieces)
            {
                if (random.Next(4) == 0)
                {
                    records.Add(piece); // retransmission
                }

                if (random.Next(5) == 0)
                {
                    // An overlapping retransmission that straddles pieces.
                    var start = random.Next(0, stream.Length);
                    records.Add((start, Math.Min(stream.Length, start + random.Next(1, 900))));
                }
            }

            var order = records.OrderBy(_ => random.Next()).ToList();
            using var h = new DecoderHarness();
            h.FeedIPv4(IPv4(6, Tcp(40000, 5060, isn, 0, Syn, [])));
            foreach (var (start, end) in order)
            {
                h.FeedIPv4(IPv4(6, Tcp(40000, 5060, unchecked(isn + 1 + (uint)start), 0, Ack, stream.AsSpan(start, end - start))));
            }

            h.Complete();
            h.AssertAccounting();
            var delivered = h.Payloads.SelectMany(p => p.Data).ToArray();
            return delivered.AsSpan().SequenceEqual(stream) && h.Payloads.All(p => p.GapBefore == 0 && p.StreamIndex == 0)
                && h.Decoder.Counters.Duplicates + h.Payloads.Sum(p => p.RecordCount) == order.Count;
        }));
    }

    [Fact]
    public void TCP_segments_lost_from_the_capture_become_gaps_at_their_exact_positions()
    {
        var cases = Gen.Choose(1, 5000).SelectMany(length => ArbMap.Default.GeneratorFor<int>(), (length, seed) => (length, seed));
        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var stream = RandomBytes(random, c.length);
            var isn = (uint)random.NextInt64(0, 1L << 32);
            var pieces = Cut(random, stream.Length, 600, 1);
            var kept = pieces.Where(_ => random.Next(4) != 0).OrderBy(_ => random.Next()).ToList();
            using var h = new DecoderHarness();
            h.FeedIPv4(IPv4(6, Tcp(40000, 5060, isn, 0, Syn, [])));
            foreach (var (start, end) in kept)
            {
                h.FeedIPv4(IPv4(6, Tcp(40000, 5060, unchecked(isn + 1 + (uint)start), 0, Ack, stream.AsSpan(start, end - start))));
            }

            h.Complete();
            h.AssertAccounting();

            // Rebuild the stream from the payloads and their gaps: every delivered byte sits where it was sent.
            long position = 0;
            foreach (var payload in h.Payloads)
            {
                position += payload.GapBefore;
                if (!payload.Data.AsSpan().SequenceEqual(stream.AsSpan((int)position, payload.Data.Length)))
                {
                    return false;
                }

                position += payload.Data.Length;
            }

            var lastKeptEnd = kept.Count == 0 ? 0 : kept.Max(k => k.End);
            return position == lastKeptEnd && h.Payloads.Sum(p => p.Data.Length) == kept.Sum(k => k.End - k.Start);
        }));
    }

    [Fact]
    public void Fragments_in_any_order_with_duplicates_reassemble_to_the_datagram()
    {
        var cases = Gen.Choose(9, 9000).SelectMany(length => ArbMap.Default.GeneratorFor<int>(), (length, seed) => (length, seed));
        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var message = RandomBytes(random, c.length);
            var datagram = Udp(5060, 5060, message);
            var ipv6 = random.Next(2) == 0;
            var pieces = Cut(random, datagram.Length, 1500, 8);
            if (pieces.Count == 1)
            {
                pieces = [(0, 8), (8, datagram.Length)];
            }

            var records = new List<(int Start, int End)>(pieces);
            foreach (var piece in pieces)
            {
                if (random.Next(4) == 0)
                {
                    records.Add(piece);
                }
            }

            var order = records.OrderBy(_ => random.Next()).ToList();
            using var h = new DecoderHarness();
            var id = (uint)random.Next();
            foreach (var (start, end) in order)
            {
                var more = end < datagram.Length;
                var bytes = datagram.AsSpan(start, end - start);
                if (ipv6)
                {
                    h.Feed(LinkType.IPv6, IPv6(44, Concat(FragmentHeader(17, start, more, id), bytes.ToArray())));
                }
                else
                {
                    h.FeedIPv4(IPv4(17, bytes, id: (ushort)id, fragmentOffset: start, moreFragments: more));
                }
            }

            h.Complete();
            h.AssertAccounting();
            Assert.True(h.Payloads.Count == 1, $"v6={ipv6} len={datagram.Length} order={string.Join(",", order)} payloads={h.Payloads.Count} diags={string.Join(" | ", h.Decoder.Diagnostics)}");
            Assert.Equal(message, h.Payloads[0].Data);
            Assert.Equal(pieces.Count, h.Payloads[0].RecordCount);
            Assert.Equal(order.Count - pieces.Count, h.Decoder.Counters.Duplicates);
            return true;
        }));
    }

    public static readonly LinkType[] LinkTypes =
    [
        LinkType.Null, LinkType.Ethernet, LinkType.RawBsd, LinkType.RawOpenBsd, LinkType.Raw, LinkType.Loop, LinkType.LinuxSll,
        LinkType.IPv4, LinkType.IPv6, LinkType.LinuxSll2, (LinkType)147,
    ];

    [Fact]
    public void Random_bytes_of_every_link_type_never_throw_and_keep_the_accounting()
    {
        var packet = Gen.Elements(LinkTypes).SelectMany(
            _ => Gen.Choose(0, 120).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)),
            (linkType, bytes) => (linkType, bytes));
        var packets = Gen.ListOf(packet).Select(l => l.ToArray());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(packets.ToArbitrary(), list =>
        {
            using var h = new DecoderHarness(new PacketDecoderOptions { VerifyUdpChecksums = true });
            foreach (var (linkType, bytes) in list)
            {
                h.Feed(linkType, bytes, originalLength: bytes.Length + (bytes.Length % 3 == 0 ? 10 : 0));
            }

            h.Complete();
            h.AssertAccounting();
        }));
    }

    [Fact]
    public void Mutated_valid_packets_never_throw_and_keep_the_accounting()
    {
        byte[][] templates =
        [
            Ethernet(0x0800, IPv4(17, Udp(5060, 5060, Text("REGISTER sip:a SIP/2.0\r\n\r\n")))),
            Ethernet(0x86DD, IPv6(0, Concat(OptionsHeader(44), FragmentHeader(17, 0, true, 5), new byte[64]))),
            Ethernet(0x86DD, IPv6(44, Concat(FragmentHeader(17, 64, false, 5), new byte[30]))),
            Ethernet(0x0800, IPv4(17, new byte[64], id: 3, moreFragments: true)),
            Ethernet(0x0800, IPv4(17, new byte[40], id: 3, fragmentOffset: 64)),
            Ethernet(0x0800, IPv4(6, Tcp(1, 2, 100, 0, Syn, []))),
            Ethernet(0x0800, IPv4(6, Tcp(1, 2, 101, 7, Ack, new byte[50]))),
            Ethernet(0x0800, IPv4(6, Tcp(2, 1, 7, 151, Ack, new byte[20]), source: ServerV4, destination: ClientV4)),
            Ethernet(0x0800, IPv4(1, Concat([3, 3, 0, 0, 0, 0, 0, 0], IPv4(17, Udp(5060, 5060, new byte[20]))))),
            Ethernet(0x86DD, IPv6(58, Concat([1, 4, 0, 0, 0, 0, 0, 0], IPv6(17, Udp(5060, 5060, new byte[20]))))),
            Ethernet(0x0800, IPv4(47, Concat([0x20, 0, 0x65, 0x58, 0, 0, 0, 1], Ethernet(0x0800, IPv4(17, Udp(1, 2, [1])))))),
        ];
        var mutation = Gen.Choose(0, templates.Length - 1).SelectMany(
            _ => Gen.ArrayOf(Gen.Choose(0, 255), 6), (template, edits) => (template, edits));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Gen.ListOf(mutation).Select(l => l.ToArray()).ToArbitrary(), list =>
        {
            using var h = new DecoderHarness();
            foreach (var (template, edits) in list)
            {
                var bytes = (byte[])templates[template].Clone();
                bytes[14 + (edits[0] % (bytes.Length - 14))] = (byte)edits[1];
                bytes[edits[2] % bytes.Length] ^= (byte)edits[3];
                var length = edits[4] < 200 ? bytes.Length : bytes.Length * edits[5] / 255;
                h.Feed(LinkType.Ethernet, bytes[..length], originalLength: edits[4] < 230 ? length : bytes.Length);
            }

            h.Complete();
            h.AssertAccounting();
        }));
    }
}
