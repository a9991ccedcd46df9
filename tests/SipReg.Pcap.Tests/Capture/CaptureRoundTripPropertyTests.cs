using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>Generated captures: written by <see cref="CaptureWriter"/>, read back by <see cref="CaptureReader"/>.</summary>
public sealed class CaptureRoundTripPropertyTests
{
    /// <summary>An interface of a generated pcapng capture: its link type and <c>if_tsresol</c>.</summary>
    internal sealed record GeneratedInterface(LinkType LinkType, byte ResolutionCode, long OffsetSeconds);

    internal sealed record GeneratedPacket(byte[] Data, int ExtraLength, int InterfaceChoice, uint Seconds, ulong FractionSeed, string? Comment);

    internal sealed record GeneratedCapture(CaptureFormat Format, bool BigEndian, bool Nanoseconds, bool SecondSectionBigEndian,
        GeneratedInterface[] ExtraInterfaces, GeneratedPacket[] Packets, GeneratedPacket[] SecondSectionPackets);

    private static readonly byte[] s_resolutions = [6, 9, 3, 0, 0x80 | 20, 0x80 | 30, 0x80 | 32];

    private static readonly LinkType[] s_linkTypes = [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, (LinkType)147];

    internal static Gen<GeneratedPacket> PacketGen =>
        from length in Gen.Choose(0, 200)
        from data in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
        from extra in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2000)))
        from choice in Gen.Choose(0, 7)
        from seconds in Gen.Choose(0, int.MaxValue)
        from fraction in ArbMap.Default.GeneratorFor<ulong>()
        from comment in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("REGISTER", "", "éè ✓", "401 challenge|x")))
        select new GeneratedPacket(data, extra, choice, (uint)seconds, fraction, comment);

    internal static Gen<GeneratedCapture> CaptureGen =>
        from format in Gen.Elements(CaptureFormat.Pcap, CaptureFormat.PcapNg)
        from bigEndian in ArbMap.Default.GeneratorFor<bool>()
        from nanoseconds in ArbMap.Default.GeneratorFor<bool>()
        from secondBigEndian in ArbMap.Default.GeneratorFor<bool>()
        from interfaceCount in Gen.Choose(0, 3)
        from interfaces in Gen.ArrayOf(
            from linkType in Gen.Elements(s_linkTypes)
            from resolution in Gen.Elements(s_resolutions)
            from offset in Gen.Elements(0L, 1709294400L)
            select new GeneratedInterface(linkType, resolution, offset), interfaceCount)
        from count in Gen.Choose(0, 12)
        from packets in Gen.ArrayOf(PacketGen, count)
        from secondCount in Gen.Choose(0, 4)
        from second in Gen.ArrayOf(PacketGen, format == CaptureFormat.PcapNg ? secondCount : 0)
        select new GeneratedCapture(format, bigEndian, nanoseconds, secondBigEndian, format == CaptureFormat.PcapNg ? interfaces : [], packets, second);

    /// <summary>The nanosecond time a timestamp of <paramref name="units"/> stands for at a resolution (pcapng §4.2 if_tsresol).</summary>
    private static long Nanoseconds(ulong units, byte code, long offsetSeconds)
    {
        var exponent = code & 0x7F;
        var value = (code & 0x80) != 0
            ? (long)(((UInt128)units * 1_000_000_000) >> exponent)
            : (long)((UInt128)units * (ulong)Math.Pow(10, 9 - exponent));
        return value + offsetSeconds * 1_000_000_000;
    }

    /// <summary>Writes the capture; returns the bytes and the packets a reader must return, built from the inputs.</summary>
    internal static (byte[] Bytes, List<ReadPacket> Expected) Write(GeneratedCapture capture)
    {
        using var stream = new MemoryStream();
        var expected = new List<ReadPacket>();
        var baseCode = capture.Nanoseconds ? (byte)9 : (byte)6;
        using (var writer = new CaptureWriter(stream, new CaptureWriterOptions
        {
            Format = capture.Format, BigEndian = capture.BigEndian, Nanoseconds = capture.Nanoseconds, LeaveOpen = true,
        }))
        {
            var interfaces = new List<(int Index, int InSection, GeneratedInterface Definition)>
            {
                (0, 0, new GeneratedInterface(LinkType.Ethernet, baseCode, 0)),
            };
            foreach (var extra in capture.ExtraInterfaces)
            {
                var index = writer.AddInterface(extra.LinkType, 262144, extra.ResolutionCode, "if" + interfaces.Count, extra.OffsetSeconds);
                interfaces.Add((index, interfaces.Count, extra));
            }

            WriteAll(writer, capture.Format, capture.Packets, interfaces, expected);
            if (capture.SecondSectionPackets.Length > 0)
            {
                writer.StartSection(capture.SecondSectionBigEndian);
                var index = writer.AddInterface(LinkType.Raw, 0, 0x80 | 30);
                WriteAll(writer, capture.Format, capture.SecondSectionPackets,
                    [(index, 0, new GeneratedInterface(LinkType.Raw, 0x80 | 30, 0))], expected);
            }
        }

        return (stream.ToArray(), expected);
    }

    private static void WriteAll(CaptureWriter writer, CaptureFormat format, GeneratedPacket[] packets,
        List<(int Index, int InSection, GeneratedInterface Definition)> interfaces, List<ReadPacket> expected)
    {
        foreach (var packet in packets)
        {
            var chosen = interfaces[packet.InterfaceChoice % interfaces.Count];
            var definition = chosen.Definition;
            // Whole seconds plus a fraction in the interface's units (pcap: µs or ns; pcapng: if_tsresol).
            var code = definition.ResolutionCode;
            var perSecond = (code & 0x80) != 0 ? 1UL << (code & 0x7F) : (ulong)Math.Pow(10, code);
            var units = (packet.Seconds * perSecond) + (packet.FractionSeed % perSecond);

            var timestamp = Nanoseconds(units, definition.ResolutionCode, definition.OffsetSeconds);
            var original = packet.Data.Length + packet.ExtraLength;
            var comment = format == CaptureFormat.PcapNg ? packet.Comment : null;
            writer.WritePacket(packet.Data, timestamp, original, chosen.Index, comment);
            expected.Add(new ReadPacket(expected.Count + 1, timestamp, true, chosen.Index, chosen.InSection, definition.LinkType,
                packet.Data.Length, original, 0, packet.Data, comment is null ? [] : [comment]));
        }
    }

    private static bool SamePackets(List<ReadPacket> expected, List<ReadPacket> actual)
    {
        if (expected.Count != actual.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            // File offsets are the writer's business; compare everything else.
            if (!expected[i].SameAs(actual[i] with { FileOffset = 0 }))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Written_captures_read_back_to_the_same_packets()
    {
        Prop.ForAll(CaptureGen.ToArbitrary(), capture =>
        {
            var (bytes, expected) = Write(capture);
            var outcome = CaptureReading.ReadBytesAsync(bytes).GetAwaiter().GetResult();
            return outcome.Error is null && outcome.Format == capture.Format && SamePackets(expected, outcome.Packets)
                && outcome.Sections.Count == (capture.SecondSectionPackets.Length > 0 ? 2 : 1)
                && outcome.TruncatedPacketCount == expected.Count(p => p.CapturedLength < p.OriginalLength);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Written_captures_read_the_same_when_split_into_arbitrary_segments()
    {
        var arbitrary = (from capture in CaptureGen
                         from splits in Gen.NonEmptyListOf(Gen.Choose(1, 300))
                         select (capture, splits)).ToArbitrary();
        Prop.ForAll(arbitrary, input =>
        {
            var (bytes, expected) = Write(input.capture);
            var outcome = CaptureReading.ReadAsync(CaptureReader.Create(new SegmentedPipeReader(bytes, [.. input.splits])))
                .GetAwaiter().GetResult();
            return outcome.Error is null && SamePackets(expected, outcome.Packets);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task A_simple_packet_block_reads_back_without_a_timestamp_and_cut_to_the_snap_length()
    {
        using var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new CaptureWriterOptions { SnapLength = 64, LeaveOpen = true }))
        {
            writer.WriteSimplePacket(new byte[64], originalLength: 300);
            writer.WriteSimplePacket(new byte[10]);
        }

        var outcome = await CaptureReading.ReadBytesAsync(stream.ToArray());
        Assert.Equal(2, outcome.Packets.Count);
        Assert.All(outcome.Packets, p => Assert.False(p.HasTimestamp));
        Assert.Equal((64, 300), (outcome.Packets[0].CapturedLength, outcome.Packets[0].OriginalLength));
        Assert.Equal((10, 10), (outcome.Packets[1].CapturedLength, outcome.Packets[1].OriginalLength));
        Assert.Null(outcome.EarliestTimestamp);
    }
}
