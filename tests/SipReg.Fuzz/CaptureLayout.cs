using System.Buffers.Binary;

namespace SipReg.Fuzz;

/// <summary>The container of a capture as the mutator sees it.</summary>
internal enum CaptureContainer
{
    /// <summary>Neither pcap nor pcapng magic (already garbage, or gzip).</summary>
    Unknown,

    /// <summary>Classic libpcap: 24-byte file header, 16-byte record headers.</summary>
    Pcap,

    /// <summary>pcapng: blocks with a leading and trailing total length.</summary>
    PcapNg,
}

/// <summary>One record (pcap) or block (pcapng) of a capture: where it starts and how long it is, header included.</summary>
/// <param name="Offset">Byte offset of the record header or block type.</param>
/// <param name="Length">Bytes of the whole record or block.</param>
/// <param name="BigEndian">The byte order of its length fields.</param>
/// <param name="BlockType">pcapng block type (0 for pcap records, but also for a damaged pcapng block).</param>
/// <param name="IsPcapRecord">True for a classic pcap record, false for a pcapng block.</param>
internal readonly record struct CaptureRecord(int Offset, int Length, bool BigEndian, uint BlockType, bool IsPcapRecord)
{
    /// <summary>pcap: offset of <c>incl_len</c>; pcapng: offset of the leading block total length.</summary>
    public int LengthFieldOffset => IsPcapRecord ? Offset + 8 : Offset + 4;

    /// <summary>True for pcapng blocks that hold a packet (EPB, SPB, obsolete PB) and for every pcap record.</summary>
    public bool IsPacket => IsPcapRecord || BlockType is 2 or 3 or 6;
}

/// <summary>
/// Finds the records of a pcap file or the blocks of a pcapng file by their own length fields, stopping at the first
/// length that does not fit (the rest is then one opaque tail). This is independent of SipReg.Pcap on purpose: the
/// mutator must not share the reader's bugs.
/// </summary>
internal sealed class CaptureLayout
{
    private CaptureLayout(CaptureContainer container, bool bigEndian, int headerLength, List<CaptureRecord> records, int end)
    {
        Container = container;
        BigEndian = bigEndian;
        HeaderLength = headerLength;
        Records = records;
        End = end;
    }

    public CaptureContainer Container { get; }

    /// <summary>Byte order of the pcap file header (for pcapng, of the first section).</summary>
    public bool BigEndian { get; }

    /// <summary>pcap: 24 (the file header); pcapng: 0 (the Section Header Block is a record like any other).</summary>
    public int HeaderLength { get; }

    public List<CaptureRecord> Records { get; }

    /// <summary>Offset just past the last whole record; bytes after it are a tail that did not parse.</summary>
    public int End { get; }

    public static CaptureLayout Parse(ReadOnlySpan<byte> data)
    {
        var records = new List<CaptureRecord>();
        if (data.Length >= 24)
        {
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
            bool? pcapBigEndian = magic switch
            {
                0xA1B2C3D4 or 0xA1B23C4D => false,
                0xD4C3B2A1 or 0x4D3CB2A1 => true,
                _ => null,
            };
            if (pcapBigEndian is bool be)
            {
                int offset = 24;
                while (offset + 16 <= data.Length)
                {
                    uint caplen = Read32(data[(offset + 8)..], be);
                    if (caplen > (uint)(data.Length - offset - 16))
                    {
                        break;
                    }

                    records.Add(new CaptureRecord(offset, 16 + (int)caplen, be, 0, true));
                    offset += 16 + (int)caplen;
                }

                return new CaptureLayout(CaptureContainer.Pcap, be, 24, records, offset);
            }
        }

        if (data.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(data) == 0x0A0D0D0A)
        {
            bool be = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]) != 0x1A2B3C4D;
            bool first = be;
            int offset = 0;
            while (offset + 12 <= data.Length)
            {
                uint type = Read32(data[offset..], be);
                if (type == 0x0A0D0D0A)
                {
                    be = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 8)..]) != 0x1A2B3C4D;
                }

                uint length = Read32(data[(offset + 4)..], be);
                if (length < 12 || length % 4 != 0 || length > (uint)(data.Length - offset))
                {
                    break;
                }

                records.Add(new CaptureRecord(offset, (int)length, be, type, false));
                offset += (int)length;
            }

            return new CaptureLayout(CaptureContainer.PcapNg, first, 0, records, offset);
        }

        return new CaptureLayout(CaptureContainer.Unknown, false, 0, records, 0);
    }

    public static uint Read32(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);

    public static void Write32(Span<byte> data, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data, value);
        }
    }
}
