using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SipReg.Pcap;

/// <summary>pcapng (draft-ietf-opsawg-pcapng): block framing, sections, interfaces and packet blocks.</summary>
public sealed partial class CaptureReader
{
    // §3.1: Block Type, Block Total Length, body, Block Total Length.
    private const int BlockHeaderLength = 8;
    private const int MinimumBlockLength = 12;

    // §4.1: type, length, byte-order magic, versions, section length (8), trailing length.
    private const int MinimumSectionHeaderLength = 28;

    private const ushort ShbHardware = 2;
    private const ushort ShbOperatingSystem = 3;
    private const ushort ShbUserApplication = 4;
    private const ushort IfName = 2;
    private const ushort IfDescription = 3;
    private const ushort IfTimestampResolution = 9;
    private const ushort IfTimestampOffset = 14;

    private readonly List<int> _sectionInterfaces = [];
    private readonly List<CaptureNameRecord> _nameRecords = [];
    private bool _bigEndian;

    /// <summary>Address-to-name records of the pcapng Name Resolution Blocks read so far (metadata, not packets).</summary>
    public IReadOnlyList<CaptureNameRecord> NameRecords => _nameRecords;

    private bool TryReadPcapNgPacket(out CapturePacket packet)
    {
        packet = default;
        Span<byte> stack = stackalloc byte[MinimumBlockLength];
        while (!_finished)
        {
            var available = _remaining.Length;
            if (available < MinimumBlockLength)
            {
                return NeedMoreData(available == 0
                    ? null
                    : $"truncated block header at offset {_offset}: {available} of {MinimumBlockLength} bytes present");
            }

            var header = Peek(MinimumBlockLength, stack);
            var bigEndian = _bigEndian;
            var type = ReadUInt32(header, bigEndian);
            if (type == PcapNgBlockType.SectionHeader)
            {
                // §4.1: the byte-order magic decides the order of everything in the section, this block's length included.
                var bom = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
                if (bom == PcapNgBlockType.ByteOrderMagic)
                {
                    bigEndian = false;
                }
                else if (bom == BinaryPrimitives.ReverseEndianness(PcapNgBlockType.ByteOrderMagic))
                {
                    bigEndian = true;
                }
                else
                {
                    Report(_offset, 0, $"section header block at offset {_offset} has an invalid byte-order magic 0x{bom:x8}", fatal: true);
                    return false;
                }
            }

            var length = ReadUInt32(header[4..], bigEndian);
            if (length < MinimumBlockLength || (length & 3) != 0 || length > (uint)_options.MaxBlockLength
                || (type == PcapNgBlockType.SectionHeader && length < MinimumSectionHeaderLength))
            {
                // §3.1: the total length is a multiple of 4 and covers at least type, length and trailing length.
                var reason = length > (uint)_options.MaxBlockLength && (length & 3) == 0
                    ? $"exceeds MaxBlockLength {_options.MaxBlockLength}"
                    : "is invalid";
                Report(_offset, 0, $"block total length {length} at offset {_offset} {reason} (block type 0x{type:x8})", fatal: true);
                return false;
            }

            if (available < length)
            {
                return NeedMoreData(
                    $"truncated block at offset {_offset}: block length {length}, only {available} bytes present");
            }

            var offset = _offset;
            var trailingOffset = (int)length - 4;
            var block = TakeContiguous((int)length);
            var trailing = ReadUInt32(block[trailingOffset..], bigEndian);
            if (trailing != length)
            {
                Report(offset, 0, $"block length mismatch at offset {offset}: leading {length}, trailing {trailing}", fatal: true);
                return false;
            }

            var body = block[BlockHeaderLength..trailingOffset];
            switch (type)
            {
                case PcapNgBlockType.EnhancedPacket:
                    if (TryReadEnhancedPacket(body, offset, obsolete: false, out packet))
                    {
                        return true;
                    }

                    break;
                case PcapNgBlockType.ObsoletePacket:
                    if (TryReadEnhancedPacket(body, offset, obsolete: true, out packet))
                    {
                        return true;
                    }

                    break;
                case PcapNgBlockType.SimplePacket:
                    if (TryReadSimplePacket(body, offset, out packet))
                    {
                        return true;
                    }

                    break;
                case PcapNgBlockType.SectionHeader:
                    StartSection(body, offset, bigEndian);
                    break;
                case PcapNgBlockType.InterfaceDescription:
                    AddInterface(body, offset);
                    break;
                case PcapNgBlockType.NameResolution:
                    ReadNameResolution(body, offset);
                    break;
                default:
                    // §3.1 and §4.6-4.7: statistics, decryption secrets, custom and unknown blocks are
                    // not packets; their total length lets them be skipped.
                    break;
            }
        }

        return false;
    }

    private bool TryReadEnhancedPacket(ReadOnlySpan<byte> body, long offset, bool obsolete, out CapturePacket packet)
    {
        packet = default;
        var name = obsolete ? "packet block" : "EPB";

        // §4.3 (and Appendix A for the obsolete Packet Block): interface id, timestamp (high, low), captured length,
        // original length, data padded to 32 bits, options.
        if (body.Length < 20)
        {
            Report(offset, 0, $"{name} at offset {offset} is too short ({body.Length + 12} bytes)", fatal: true);
            return false;
        }

        var interfaceId = obsolete ? ReadUInt16(body, _bigEndian) : ReadUInt32(body, _bigEndian);
        if (interfaceId >= (uint)_sectionInterfaces.Count)
        {
            Report(offset, 0, $"{name} at offset {offset} references undefined interface {interfaceId}", fatal: true);
            return false;
        }

        var units = ((ulong)ReadUInt32(body[4..], _bigEndian) << 32) | ReadUInt32(body[8..], _bigEndian);
        var capturedLength = ReadUInt32(body[12..], _bigEndian);
        var originalLength = ReadUInt32(body[16..], _bigEndian);
        if (capturedLength > (uint)(body.Length - 20))
        {
            Report(offset, 0, $"{name} at offset {offset}: captured length {capturedLength} exceeds the block", fatal: true);
            return false;
        }

        var captured = (int)capturedLength;
        var optionsStart = 20 + ((captured + 3) & ~3);
        var options = optionsStart < body.Length ? body[optionsStart..] : default;
        var captureInterface = _interfaces[_sectionInterfaces[(int)interfaceId]];
        var timestamp = captureInterface.ToNanoseconds(units);
        var frame = NextFrame(timestamp, hasTimestamp: true, truncated: capturedLength < originalLength);
        packet = new CapturePacket(frame, timestamp, true, captureInterface.Index, captureInterface.LinkType,
            (int)Math.Min(originalLength, int.MaxValue), offset, body.Slice(20, captured), options, _bigEndian);
        return true;
    }

    private bool TryReadSimplePacket(ReadOnlySpan<byte> body, long offset, out CapturePacket packet)
    {
        packet = default;
        if (body.Length < 4)
        {
            Report(offset, 0, $"simple packet block at offset {offset} is too short", fatal: true);
            return false;
        }

        // §4.4: a Simple Packet Block belongs to the section's first interface.
        if (_sectionInterfaces.Count == 0)
        {
            Report(offset, 0, $"simple packet block at offset {offset} but the section defines no interface", fatal: true);
            return false;
        }

        var captureInterface = _interfaces[_sectionInterfaces[0]];
        var originalLength = ReadUInt32(body, _bigEndian);

        // §4.4: the captured length is the minimum of the snap length and the original length (and what the block holds).
        var captured = (uint)(body.Length - 4);
        captured = Math.Min(captured, originalLength);
        if (captureInterface.SnapLength != 0)
        {
            captured = Math.Min(captured, captureInterface.SnapLength);
        }

        var frame = NextFrame(0, hasTimestamp: false, truncated: captured < originalLength);
        packet = new CapturePacket(frame, 0, false, captureInterface.Index, captureInterface.LinkType,
            (int)Math.Min(originalLength, int.MaxValue), offset, body.Slice(4, (int)captured), default, _bigEndian);
        return true;
    }

    private void StartSection(ReadOnlySpan<byte> body, long offset, bool bigEndian)
    {
        var major = ReadUInt16(body[4..], bigEndian);
        var minor = ReadUInt16(body[6..], bigEndian);
        if (major != 1)
        {
            // §4.1: a reader must not read a section of a major version it does not know.
            Report(offset, 0, $"section header block at offset {offset} has unsupported version {major}.{minor}", fatal: true);
            return;
        }

        _bigEndian = bigEndian;
        _sectionInterfaces.Clear();
        string? hardware = null;
        string? operatingSystem = null;
        string? application = null;
        List<string>? comments = null;
        var options = new PcapNgOptionReader(body[16..], bigEndian);
        var count = 0;
        while (NextOption(ref options, ref count, offset))
        {
            switch (options.Code)
            {
                case PcapNgOptionReader.Comment:
                    (comments ??= []).Add(DecodeText(options.Value));
                    break;
                case ShbHardware:
                    hardware = DecodeText(options.Value);
                    break;
                case ShbOperatingSystem:
                    operatingSystem = DecodeText(options.Value);
                    break;
                case ShbUserApplication:
                    application = DecodeText(options.Value);
                    break;
            }
        }

        _sections.Add(new CaptureSection(_sections.Count, offset, bigEndian, major, minor, hardware, operatingSystem, application,
            comments ?? (IReadOnlyList<string>)[]));
    }

    private void AddInterface(ReadOnlySpan<byte> body, long offset)
    {
        // §4.2: LinkType (2), reserved (2), SnapLen (4), options.
        if (body.Length < 8)
        {
            Report(offset, 0, $"interface description block at offset {offset} is too short", fatal: true);
            return;
        }

        if (_interfaces.Count >= _options.MaxInterfaces)
        {
            Report(offset, 0, $"interface description block at offset {offset}: more than MaxInterfaces {_options.MaxInterfaces} interfaces", fatal: true);
            return;
        }

        var linkType = (LinkType)ReadUInt16(body, _bigEndian);
        var snapLength = ReadUInt32(body[4..], _bigEndian);
        byte resolution = 6;
        long timestampOffset = 0;
        string? name = null;
        string? description = null;
        List<string>? comments = null;
        var options = new PcapNgOptionReader(body[8..], _bigEndian);
        var count = 0;
        while (NextOption(ref options, ref count, offset))
        {
            var value = options.Value;
            switch (options.Code)
            {
                case PcapNgOptionReader.Comment:
                    (comments ??= []).Add(DecodeText(value));
                    break;
                case IfName:
                    name = DecodeText(value);
                    break;
                case IfDescription:
                    description = DecodeText(value);
                    break;
                case IfTimestampResolution when value.Length >= 1:
                    resolution = value[0];
                    break;
                case IfTimestampOffset when value.Length >= 8:
                    timestampOffset = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
                    break;
            }
        }

        var index = _interfaces.Count;
        var section = Math.Max(0, _sections.Count - 1);
        _interfaces.Add(new CaptureInterface(index, section, _sectionInterfaces.Count, linkType, snapLength, resolution,
            timestampOffset, name, description, comments ?? (IReadOnlyList<string>)[]));
        _sectionInterfaces.Add(index);
    }

    private void ReadNameResolution(ReadOnlySpan<byte> body, long offset)
    {
        // §4.5: records of type (2), value length (2), value padded to 32 bits, ended by nrb_record_end (0); then options.
        var position = 0;
        while (body.Length - position >= 4)
        {
            var type = ReadUInt16(body[position..], _bigEndian);
            int length = ReadUInt16(body[(position + 2)..], _bigEndian);
            if (type == 0)
            {
                return;
            }

            if (length > body.Length - position - 4)
            {
                Report(offset, 0, $"name resolution block at offset {offset}: record length runs past the end of the block; later records ignored", fatal: false);
                return;
            }

            var value = body.Slice(position + 4, length);
            position += 4 + ((length + 3) & ~3);
            var addressLength = type switch
            {
                1 => 4,
                2 => 16,
                _ => 0,
            };
            if (addressLength == 0 || value.Length <= addressLength)
            {
                // Other record types, and address records without a name, carry nothing to keep.
                continue;
            }

            if (_nameRecords.Count >= _options.MaxNameRecords)
            {
                Report(offset, 0, $"name resolution block at offset {offset}: more than MaxNameRecords {_options.MaxNameRecords} records; the rest ignored", fatal: false);
                return;
            }

            var names = new List<string>();
            foreach (var name in new NulTerminatedStrings(value[addressLength..]))
            {
                names.Add(Encoding.UTF8.GetString(name));
            }

            if (names.Count > 0)
            {
                _nameRecords.Add(new CaptureNameRecord(offset, new IPAddress(value[..addressLength]), names));
            }
        }
    }

    /// <summary>The non-empty NUL-terminated strings of a span (a missing final NUL is tolerated).</summary>
    private ref struct NulTerminatedStrings
    {
        private ReadOnlySpan<byte> _rest;

        public NulTerminatedStrings(ReadOnlySpan<byte> value)
        {
            _rest = value;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly NulTerminatedStrings GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!_rest.IsEmpty)
            {
                var end = _rest.IndexOf((byte)0);
                Current = end >= 0 ? _rest[..end] : _rest;
                _rest = end >= 0 ? _rest[(end + 1)..] : default;
                if (!Current.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool NextOption(ref PcapNgOptionReader options, ref int count, long blockOffset)
    {
        if (!options.MoveNext())
        {
            if (options.IsMalformed)
            {
                Report(blockOffset, 0, $"block at offset {blockOffset}: option length runs past the end of the block; later options ignored", fatal: false);
            }

            return false;
        }

        if (++count > _options.MaxOptionsPerBlock)
        {
            Report(blockOffset, 0, $"block at offset {blockOffset}: more than MaxOptionsPerBlock {_options.MaxOptionsPerBlock} options; the rest ignored", fatal: false);
            return false;
        }

        return true;
    }

    private static string DecodeText(ReadOnlySpan<byte> value)
    {
        // Some writers NUL-terminate option strings; the terminator is not part of the text.
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? value[..end] : value);
    }
}
