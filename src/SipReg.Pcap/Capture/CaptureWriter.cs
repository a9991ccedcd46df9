using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SipReg.Pcap;

/// <summary>
/// Writes pcap or pcapng captures to a stream: the file header (or Section Header Block and first Interface
/// Description Block) at construction, then one record or Enhanced Packet Block per <see cref="WritePacket"/>.
/// </summary>
/// <remarks>
/// <code>
/// using var writer = new CaptureWriter(File.Create("out.pcapng"), new CaptureWriterOptions { Nanoseconds = true });
/// writer.WritePacket(frame, timestampNanoseconds, comment: "REGISTER");
/// </code>
/// The writer does not buffer beyond one block: give it a <see cref="BufferedStream"/> for many small packets.
/// </remarks>
public sealed class CaptureWriter : IDisposable, IAsyncDisposable
{
    private const int PcapHeaderLength = 24;
    private const ushort OptionComment = 1;
    private const ushort OptionShbUserApplication = 4;
    private const ushort OptionIfName = 2;
    private const ushort OptionIfTimestampResolution = 9;
    private const ushort OptionIfTimestampOffset = 14;

    private readonly Stream _stream;
    private readonly CaptureWriterOptions _options;
    private readonly List<WriterInterface> _interfaces = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private bool _bigEndian;
    private int _sectionIndex;
    private int _sectionCount;
    private int _sectionInterfaceCount;
    private bool _disposed;

    /// <summary>Creates the writer and writes the file header (pcap) or the first section and interface (pcapng).</summary>
    /// <param name="stream">Where the capture goes.</param>
    /// <param name="options">Format, byte order, resolution, link type; null for the defaults (pcapng, Ethernet, µs).</param>
    /// <exception cref="ArgumentException"><see cref="CaptureWriterOptions.Format"/> is not pcap or pcapng.</exception>
    public CaptureWriter(Stream stream, CaptureWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _options = options ?? new CaptureWriterOptions();
        _bigEndian = _options.BigEndian;
        switch (_options.Format)
        {
            case CaptureFormat.Pcap:
                WritePcapHeader();
                _interfaces.Add(new WriterInterface(0, _options.LinkType, _options.Nanoseconds ? (byte)9 : (byte)6, 0));
                break;
            case CaptureFormat.PcapNg:
                StartSection(_options.BigEndian);
                AddInterface(_options.LinkType, _options.SnapLength, _options.Nanoseconds ? (byte)9 : (byte)6);
                break;
            default:
                throw new ArgumentException("format must be Pcap or PcapNg", nameof(options));
        }
    }

    /// <summary>The format being written.</summary>
    public CaptureFormat Format => _options.Format;

    /// <summary>Interfaces defined so far over all sections (the values <see cref="WritePacket"/> accepts are those of the current section).</summary>
    public int InterfaceCount => _interfaces.Count;

    /// <summary>Packets written so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>pcapng only: starts a new section (a Section Header Block); interfaces must then be defined again.</summary>
    /// <param name="bigEndian">The byte order of the new section.</param>
    /// <exception cref="PcapException">The format is classic pcap.</exception>
    public void StartSection(bool bigEndian)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequirePcapNg(nameof(StartSection));
        _sectionIndex = _sectionCount++;
        _bigEndian = bigEndian;
        _sectionInterfaceCount = 0;
        var application = _options.UserApplication is null ? 0 : OptionLength(Encoding.UTF8.GetByteCount(_options.UserApplication));
        var length = 28 + application + (application > 0 ? 4 : 0);
        var block = Begin(length);

        // draft-ietf-opsawg-pcapng §4.1: byte-order magic, version 1.0, section length -1 (not given).
        WriteUInt32(block, PcapNgBlockType.SectionHeader);
        WriteUInt32(block[4..], (uint)length);
        WriteUInt32(block[8..], PcapNgBlockType.ByteOrderMagic);
        WriteUInt16(block[12..], 1);
        WriteUInt16(block[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(block[16..], -1);
        var position = 24;
        if (application > 0)
        {
            position = WriteTextOption(block, position, OptionShbUserApplication, _options.UserApplication!);
            position = WriteEndOfOptions(block, position);
        }

        WriteUInt32(block[position..], (uint)length);
        _stream.Write(block);
    }

    /// <summary>pcapng only: defines an interface in the current section (an Interface Description Block).</summary>
    /// <param name="linkType">The interface's link type.</param>
    /// <param name="snapLength">Its snap length (0 = none).</param>
    /// <param name="timestampResolutionCode">
    /// <c>if_tsresol</c>: 10^-n seconds for n below 0x80, 2^-(n &amp; 0x7f) with the high bit set; 6 (µs) is written by
    /// omitting the option. Decimal 0..19 and binary 0..63 are accepted.
    /// </param>
    /// <param name="name"><c>if_name</c>, or null.</param>
    /// <param name="timestampOffsetSeconds"><c>if_tsoffset</c>: seconds subtracted from timestamps on writing, added back on reading.</param>
    /// <returns>The interface's global index, to pass to <see cref="WritePacket"/>.</returns>
    /// <exception cref="PcapException">The format is classic pcap.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The resolution is not supported.</exception>
    public int AddInterface(LinkType linkType, uint snapLength = 262144, byte timestampResolutionCode = 6, string? name = null,
        long timestampOffsetSeconds = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequirePcapNg(nameof(AddInterface));
        var exponent = timestampResolutionCode & 0x7F;
        if ((timestampResolutionCode & 0x80) == 0 ? exponent > 19 : exponent > 63)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampResolutionCode), timestampResolutionCode, "unsupported timestamp resolution");
        }

        var options = 0;
        if (timestampResolutionCode != 6)
        {
            options += OptionLength(1);
        }

        if (timestampOffsetSeconds != 0)
        {
            options += OptionLength(8);
        }

        if (name is not null)
        {
            options += OptionLength(Encoding.UTF8.GetByteCount(name));
        }

        var length = 20 + options + (options > 0 ? 4 : 0);
        var block = Begin(length);

        // §4.2: LinkType, reserved, SnapLen, options.
        WriteUInt32(block, PcapNgBlockType.InterfaceDescription);
        WriteUInt32(block[4..], (uint)length);
        WriteUInt16(block[8..], (ushort)linkType);
        WriteUInt16(block[10..], 0);
        WriteUInt32(block[12..], snapLength);
        var position = 16;
        if (name is not null)
        {
            position = WriteTextOption(block, position, OptionIfName, name);
        }

        if (timestampResolutionCode != 6)
        {
            position = WriteOptionHeader(block, position, OptionIfTimestampResolution, 1);
            block[position] = timestampResolutionCode;
            position += 4;
        }

        if (timestampOffsetSeconds != 0)
        {
            position = WriteOptionHeader(block, position, OptionIfTimestampOffset, 8);
            if (_bigEndian)
            {
                BinaryPrimitives.WriteInt64BigEndian(block[position..], timestampOffsetSeconds);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(block[position..], timestampOffsetSeconds);
            }

            position += 8;
        }

        if (options > 0)
        {
            position = WriteEndOfOptions(block, position);
        }

        WriteUInt32(block[position..], (uint)length);
        _stream.Write(block);
        _interfaces.Add(new WriterInterface(_sectionIndex, linkType, timestampResolutionCode, timestampOffsetSeconds)
        {
            IndexInSection = _sectionInterfaceCount++,
        });
        return _interfaces.Count - 1;
    }

    /// <summary>Writes one packet: a pcap record or a pcapng Enhanced Packet Block.</summary>
    /// <param name="data">The captured bytes.</param>
    /// <param name="timestampNanoseconds">Capture time, ns since the Unix epoch (not negative); cut down to the interface's resolution.</param>
    /// <param name="originalLength">Length on the wire; -1 for <c>data.Length</c>.</param>
    /// <param name="interfaceIndex">The interface (global index from <see cref="AddInterface"/>; 0 for pcap).</param>
    /// <param name="comment">pcapng <c>opt_comment</c>, or null (pcap cannot carry one and ignores it).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value cannot be represented in the format.</exception>
    public void WritePacket(ReadOnlySpan<byte> data, long timestampNanoseconds, int originalLength = -1, int interfaceIndex = 0,
        string? comment = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var wireLength = originalLength < 0 ? data.Length : originalLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(wireLength, data.Length, nameof(originalLength));
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNanoseconds);
        var captureInterface = CurrentInterface(interfaceIndex);
        if (_options.Format == CaptureFormat.Pcap)
        {
            WritePcapRecord(data, timestampNanoseconds, wireLength);
        }
        else
        {
            WriteEnhancedPacket(data, captureInterface, ToUnits(timestampNanoseconds, captureInterface), wireLength, comment);
        }

        PacketCount++;
    }

    /// <summary>pcapng only: writes a Simple Packet Block (no timestamp; belongs to the section's first interface).</summary>
    /// <param name="data">The captured bytes.</param>
    /// <param name="originalLength">Length on the wire; -1 for <c>data.Length</c>.</param>
    /// <exception cref="PcapException">The format is classic pcap, or the section has no interface.</exception>
    public void WriteSimplePacket(ReadOnlySpan<byte> data, int originalLength = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequirePcapNg(nameof(WriteSimplePacket));
        if (_sectionInterfaceCount == 0)
        {
            throw new PcapException(PcapExceptionReason.Misuse, "a simple packet block needs an interface in the section");
        }

        var wireLength = originalLength < 0 ? data.Length : originalLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(wireLength, data.Length, nameof(originalLength));
        var length = 16 + Pad(data.Length);
        var block = Begin(length);

        // §4.4: original length, data; the captured length is implied by the block length.
        WriteUInt32(block, PcapNgBlockType.SimplePacket);
        WriteUInt32(block[4..], (uint)length);
        WriteUInt32(block[8..], (uint)wireLength);
        data.CopyTo(block[12..]);
        block[(12 + data.Length)..(length - 4)].Clear();
        WriteUInt32(block[(length - 4)..], (uint)length);
        _stream.Write(block);
        PacketCount++;
    }

    /// <summary>Flushes the stream.</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Flushes, closes the stream unless <see cref="CaptureWriterOptions.LeaveOpen"/>, returns the pooled buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Flush();
        if (!_options.LeaveOpen)
        {
            _stream.Dispose();
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Like <see cref="Dispose"/>, flushing asynchronously.</summary>
    /// <returns>A task that completes when the stream is flushed (and closed).</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stream.FlushAsync().ConfigureAwait(false);
        if (!_options.LeaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void WritePcapHeader()
    {
        // draft-ietf-opsawg-pcap §4: magic, version 2.4, reserved (2 x 4), SnapLen, LinkType.
        var header = Begin(PcapHeaderLength);
        WriteUInt32(header, _options.Nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4);
        WriteUInt16(header[4..], 2);
        WriteUInt16(header[6..], 4);
        WriteUInt32(header[8..], 0);
        WriteUInt32(header[12..], 0);
        WriteUInt32(header[16..], _options.SnapLength);
        WriteUInt32(header[20..], (ushort)_options.LinkType);
        _stream.Write(header);
    }

    private void WritePcapRecord(ReadOnlySpan<byte> data, long timestampNanoseconds, int wireLength)
    {
        var seconds = timestampNanoseconds / 1_000_000_000;
        if (seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampNanoseconds), timestampNanoseconds, "beyond the 32-bit seconds of pcap");
        }

        var nanoseconds = timestampNanoseconds % 1_000_000_000;
        var record = Begin(16 + data.Length);
        WriteUInt32(record, (uint)seconds);
        WriteUInt32(record[4..], (uint)(_options.Nanoseconds ? nanoseconds : nanoseconds / 1000));
        WriteUInt32(record[8..], (uint)data.Length);
        WriteUInt32(record[12..], (uint)wireLength);
        data.CopyTo(record[16..]);
        _stream.Write(record);
    }

    private void WriteEnhancedPacket(ReadOnlySpan<byte> data, WriterInterface captureInterface, ulong units, int wireLength, string? comment)
    {
        var commentLength = comment is null ? 0 : Encoding.UTF8.GetByteCount(comment);
        var options = comment is null ? 0 : OptionLength(commentLength) + 4;
        var length = 32 + Pad(data.Length) + options;
        var block = Begin(length);

        // §4.3: interface id, timestamp high and low 32 bits, captured length, original length, data, options.
        WriteUInt32(block, PcapNgBlockType.EnhancedPacket);
        WriteUInt32(block[4..], (uint)length);
        WriteUInt32(block[8..], (uint)captureInterface.IndexInSection);
        WriteUInt32(block[12..], (uint)(units >> 32));
        WriteUInt32(block[16..], (uint)units);
        WriteUInt32(block[20..], (uint)data.Length);
        WriteUInt32(block[24..], (uint)wireLength);
        data.CopyTo(block[28..]);
        var position = 28 + Pad(data.Length);
        block[(28 + data.Length)..position].Clear();
        if (comment is not null)
        {
            position = WriteTextOption(block, position, OptionComment, comment);
            position = WriteEndOfOptions(block, position);
        }

        WriteUInt32(block[position..], (uint)length);
        _stream.Write(block);
    }

    private WriterInterface CurrentInterface(int interfaceIndex)
    {
        if ((uint)interfaceIndex >= (uint)_interfaces.Count || _interfaces[interfaceIndex].SectionIndex != _sectionIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(interfaceIndex), interfaceIndex, "no such interface in the current section");
        }

        return _interfaces[interfaceIndex];
    }

    private static ulong ToUnits(long timestampNanoseconds, WriterInterface captureInterface)
    {
        var relative = (Int128)timestampNanoseconds - (Int128)captureInterface.TimestampOffsetSeconds * 1_000_000_000;
        if (relative < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampNanoseconds), timestampNanoseconds, "before the interface's if_tsoffset");
        }

        var nanoseconds = (UInt128)relative;
        var code = captureInterface.TimestampResolutionCode;
        var exponent = code & 0x7F;
        UInt128 units;
        if ((code & 0x80) != 0)
        {
            // 2^-n units, rounded up so that the reader's floor(units * 1e9 / 2^n) gives back the same nanosecond.
            var scaled = nanoseconds << exponent;
            units = (scaled + 999_999_999) / 1_000_000_000;
        }
        else if (exponent <= 9)
        {
            units = nanoseconds / Pow10(9 - exponent);
        }
        else
        {
            units = nanoseconds * Pow10(exponent - 9);
        }

        if (units > ulong.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampNanoseconds), timestampNanoseconds, "does not fit in 64 bits at the interface's resolution");
        }

        return (ulong)units;
    }

    private static UInt128 Pow10(int exponent)
    {
        UInt128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private void RequirePcapNg(string operation)
    {
        if (_options.Format != CaptureFormat.PcapNg)
        {
            throw new PcapException(PcapExceptionReason.Misuse, operation + " needs the pcapng format");
        }
    }

    private Span<byte> Begin(int length)
    {
        if (_buffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        return _buffer.AsSpan(0, length);
    }

    private static int Pad(int length) => (length + 3) & ~3;

    private static int OptionLength(int valueLength) => 4 + Pad(valueLength);

    private int WriteOptionHeader(Span<byte> block, int position, ushort code, int valueLength)
    {
        WriteUInt16(block[position..], code);
        WriteUInt16(block[(position + 2)..], (ushort)valueLength);
        block.Slice(position + 4, Pad(valueLength)).Clear();
        return position + 4;
    }

    private int WriteTextOption(Span<byte> block, int position, ushort code, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(text), "an option value is at most 65535 bytes");
        }

        position = WriteOptionHeader(block, position, code, length);
        Encoding.UTF8.GetBytes(text, block[position..]);
        return position + Pad(length);
    }

    private static int WriteEndOfOptions(Span<byte> block, int position)
    {
        block.Slice(position, 4).Clear();
        return position + 4;
    }

    private void WriteUInt16(Span<byte> destination, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        }
    }

    private void WriteUInt32(Span<byte> destination, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        }
    }

    private sealed record WriterInterface(int SectionIndex, LinkType LinkType, byte TimestampResolutionCode, long TimestampOffsetSeconds)
    {
        public int IndexInSection { get; init; }
    }
}
