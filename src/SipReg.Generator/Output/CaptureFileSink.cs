using System.Buffers.Binary;

namespace SipReg.Generator.Output;

/// <summary>
/// A minimal capture writer over a stream: classic pcap with nanosecond or microsecond timestamps, or pcapng with one
/// section and one Ethernet interface at nanosecond resolution. Little-endian, buffered, never seeks.
/// </summary>
internal sealed class CaptureFileSink : IPacketSink
{
    private const uint PcapMagicMicroseconds = 0xA1B2C3D4;
    private const uint PcapMagicNanoseconds = 0xA1B23C4D;
    private const int SnapLength = 262_144;

    private readonly Stream _output;
    private readonly bool _pcapNg;
    private readonly bool _nanoseconds;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    /// <summary>LINKTYPE_ETHERNET.</summary>
    public const ushort LinkTypeEthernet = 1;

    public CaptureFileSink(Stream output, CaptureFileFormat format, ushort linkType = LinkTypeEthernet)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown capture file format.");
        }

        _output = output;
        _pcapNg = format == CaptureFileFormat.PcapNg;
        _nanoseconds = format != CaptureFileFormat.PcapMicroseconds;
        if (!_pcapNg)
        {
            Span<byte> header = Reserve(24);
            BinaryPrimitives.WriteUInt32LittleEndian(header, _nanoseconds ? PcapMagicNanoseconds : PcapMagicMicroseconds);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        }
        else
        {
            WritePcapNgPreamble(Reserve(PcapNgPreambleLength), linkType);
        }
    }

    /// <summary>Bytes of the section header block plus the interface description block.</summary>
    public const int PcapNgPreambleLength = 28 + 32;

    /// <summary>Writes a pcapng Section Header Block and an Ethernet Interface Description Block with if_tsresol = 9.</summary>
    public static void WritePcapNgPreamble(Span<byte> destination, ushort linkType)
    {
        // Section Header Block (pcapng §4.1): type, length, byte-order magic, version 1.0, section length -1 (unknown).
        Span<byte> shb = destination[..28];
        BinaryPrimitives.WriteUInt32LittleEndian(shb, 0x0A0D0D0A);
        BinaryPrimitives.WriteUInt32LittleEndian(shb[4..], 28);
        BinaryPrimitives.WriteUInt32LittleEndian(shb[8..], 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(shb[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(shb[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(shb[16..], -1);
        BinaryPrimitives.WriteUInt32LittleEndian(shb[24..], 28);

        // Interface Description Block (§4.2) with if_tsresol (code 9) = 9: nanoseconds, then opt_endofopt.
        Span<byte> idb = destination.Slice(28, 32);
        BinaryPrimitives.WriteUInt32LittleEndian(idb, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[4..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[8..], linkType);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[10..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[12..], SnapLength);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[16..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[18..], 1);
        idb[20] = 9;
        idb[21] = 0;
        idb[22] = 0;
        idb[23] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(idb[24..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[28..], 32);
    }

    /// <summary>Total bytes handed to the stream or still buffered.</summary>
    public long BytesWritten { get; private set; }

    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame)
    {
        if (!_pcapNg)
        {
            Span<byte> header = Reserve(16);
            long seconds = timestampNanoseconds / 1_000_000_000;
            long fraction = timestampNanoseconds % 1_000_000_000;
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(_nanoseconds ? fraction : fraction / 1000));
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)frame.Length);
            Append(frame);
            return;
        }

        // Enhanced Packet Block (pcapng §4.3): 28-byte header, data padded to 32 bits, trailing total length.
        int padded = (frame.Length + 3) & ~3;
        int total = 32 + padded;
        Span<byte> epb = Reserve(28);
        BinaryPrimitives.WriteUInt32LittleEndian(epb, 6);
        BinaryPrimitives.WriteUInt32LittleEndian(epb[4..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(epb[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(epb[12..], (uint)((ulong)timestampNanoseconds >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(epb[16..], (uint)timestampNanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(epb[20..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(epb[24..], (uint)frame.Length);
        Append(frame);
        Span<byte> tail = Reserve(padded - frame.Length + 4);
        tail[..(padded - frame.Length)].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(tail[(padded - frame.Length)..], (uint)total);
    }

    public void Flush()
    {
        if (_used > 0)
        {
            _output.Write(_buffer, 0, _used);
            _used = 0;
        }

        _output.Flush();
    }

    private Span<byte> Reserve(int length)
    {
        if (_used + length > _buffer.Length)
        {
            _output.Write(_buffer, 0, _used);
            _used = 0;
        }

        Span<byte> span = _buffer.AsSpan(_used, length);
        _used += length;
        BytesWritten += length;
        return span;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_used + data.Length > _buffer.Length)
        {
            _output.Write(_buffer, 0, _used);
            _used = 0;
            if (data.Length > _buffer.Length)
            {
                _output.Write(data);
                BytesWritten += data.Length;
                return;
            }
        }

        data.CopyTo(_buffer.AsSpan(_used));
        _used += data.Length;
        BytesWritten += data.Length;
    }
}
