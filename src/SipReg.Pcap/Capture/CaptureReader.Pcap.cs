using System.Buffers.Binary;

namespace SipReg.Pcap;

/// <summary>Classic pcap (draft-ietf-opsawg-pcap): the 24-byte file header and the packet records.</summary>
public sealed partial class CaptureReader
{
    private const int PcapHeaderLength = 24;
    private const uint PcapMicrosecondMagic = 0xA1B2C3D4;
    private const uint PcapNanosecondMagic = 0xA1B23C4D;

    // Alexey Kuznetzov's modified pcap: 24-byte record headers (ifindex, protocol, pkt_type, padding added).
    private const uint PcapModifiedMagic = 0xA1B2CD34;

    private bool _pcapBigEndian;
    private bool _pcapNanoseconds;
    private int _pcapRecordHeaderLength = 16;
    private uint _pcapMaxCapturedLength;
    private LinkType _pcapLinkType;

    private static bool IsPcapMagic(uint magicLittleEndian) =>
        magicLittleEndian is PcapMicrosecondMagic or PcapNanosecondMagic or PcapModifiedMagic
        || BinaryPrimitives.ReverseEndianness(magicLittleEndian) is PcapMicrosecondMagic or PcapNanosecondMagic or PcapModifiedMagic;

    private void ReadPcapHeader()
    {
        if (_remaining.Length < PcapHeaderLength)
        {
            Report(0, 0, $"truncated pcap file header: {_remaining.Length} of {PcapHeaderLength} bytes present", fatal: true);
            return;
        }

        Span<byte> stack = stackalloc byte[PcapHeaderLength];
        var header = Peek(PcapHeaderLength, stack);

        // §4: the magic is written in the writer's byte order; read little-endian, a swapped value means big-endian.
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        _pcapBigEndian = magic is not (PcapMicrosecondMagic or PcapNanosecondMagic or PcapModifiedMagic);
        if (_pcapBigEndian)
        {
            magic = BinaryPrimitives.ReverseEndianness(magic);
        }

        _pcapNanoseconds = magic == PcapNanosecondMagic;
        _pcapRecordHeaderLength = magic == PcapModifiedMagic ? 24 : 16;
        var major = ReadUInt16(header[4..], _pcapBigEndian);
        var minor = ReadUInt16(header[6..], _pcapBigEndian);
        var snapLength = ReadUInt32(header[16..], _pcapBigEndian);

        // §4: LinkType is the low 16 bits; the upper bits carry the FCS length and flags.
        var linkType = (LinkType)(ushort)(ReadUInt32(header[20..], _pcapBigEndian) & 0xFFFF);
        _pcapLinkType = linkType;
        _pcapMaxCapturedLength = (uint)Math.Max(_options.MaxRecordLength, Math.Min(snapLength, (uint)Math.Max(0, _options.MaxBlockLength)));

        _sections.Add(new CaptureSection(0, 0, _pcapBigEndian, major, minor, null, null, null, []));
        _interfaces.Add(new CaptureInterface(0, 0, 0, linkType, snapLength, _pcapNanoseconds ? (byte)9 : (byte)6, 0, null, null, []));
        _remaining = _remaining.Slice(PcapHeaderLength);
        _offset = PcapHeaderLength;
    }

    private bool TryReadPcapRecord(out CapturePacket packet)
    {
        packet = default;
        var headerLength = _pcapRecordHeaderLength;
        var available = _remaining.Length;
        if (available < headerLength)
        {
            return NeedMoreData(available == 0
                ? null
                : $"truncated record header at offset {_offset}: {available} of {headerLength} bytes present");
        }

        Span<byte> stack = stackalloc byte[24];
        var header = Peek(headerLength, stack);
        var seconds = ReadUInt32(header, _pcapBigEndian);
        var fraction = ReadUInt32(header[4..], _pcapBigEndian);
        var capturedLength = ReadUInt32(header[8..], _pcapBigEndian);
        var originalLength = ReadUInt32(header[12..], _pcapBigEndian);
        if (capturedLength > _pcapMaxCapturedLength)
        {
            // Checked before waiting for the data: a lying length must neither allocate nor buffer its size.
            Report(_offset, 0, $"record caplen {capturedLength} exceeds snaplen/maximum {_pcapMaxCapturedLength} at offset {_offset}", fatal: true);
            return false;
        }

        var total = headerLength + (int)capturedLength;
        if (available < total)
        {
            return NeedMoreData(
                $"truncated record at offset {_offset}: header announces {capturedLength} bytes, only {available - headerLength} present");
        }

        var offset = _offset;
        var record = TakeContiguous(total);
        var timestamp = (long)seconds * 1_000_000_000 + (_pcapNanoseconds ? fraction : fraction * 1000L);
        var wireLength = (int)Math.Min(originalLength, int.MaxValue);
        var frame = NextFrame(timestamp, hasTimestamp: true, truncated: capturedLength < originalLength);
        packet = new CapturePacket(frame, timestamp, true, 0, _pcapLinkType, wireLength, offset, record[headerLength..]);
        return true;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> source, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(source) : BinaryPrimitives.ReadUInt16LittleEndian(source);

    private static uint ReadUInt32(ReadOnlySpan<byte> source, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(source) : BinaryPrimitives.ReadUInt32LittleEndian(source);
}
