using System.Buffers.Binary;

namespace SipReg.Pcap;

/// <summary>
/// One packet record of a capture (a pcap record, or a pcapng Enhanced, Simple or obsolete Packet Block), as a view
/// into the reader's buffer. It is valid only until the next <c>CaptureReader.ReadAsync</c>.
/// </summary>
public readonly ref struct CapturePacket
{
    private readonly ReadOnlySpan<byte> _options;
    private readonly bool _optionsBigEndian;

    /// <summary>Creates a packet view.</summary>
    /// <param name="frameNumber">1-based frame number, counted over every packet record of the file.</param>
    /// <param name="timestampNanoseconds">Nanoseconds since the Unix epoch; ignored when <paramref name="hasTimestamp"/> is false.</param>
    /// <param name="hasTimestamp">False for records that carry no time (pcapng Simple Packet Block).</param>
    /// <param name="interfaceIndex">0-based index into the reader's interface list (global across pcapng sections).</param>
    /// <param name="linkType">The link-layer type of the packet's interface.</param>
    /// <param name="originalLength">Length of the packet on the wire; greater than <c>data.Length</c> when cut by the snap length.</param>
    /// <param name="fileOffset">Byte offset of the record (or block) header in the (decompressed) input.</param>
    /// <param name="data">The captured bytes.</param>
    public CapturePacket(long frameNumber, long timestampNanoseconds, bool hasTimestamp, int interfaceIndex, LinkType linkType,
        int originalLength, long fileOffset, ReadOnlySpan<byte> data)
    {
        FrameNumber = frameNumber;
        TimestampNanoseconds = timestampNanoseconds;
        HasTimestamp = hasTimestamp;
        InterfaceIndex = interfaceIndex;
        LinkType = linkType;
        OriginalLength = originalLength;
        FileOffset = fileOffset;
        Data = data;
    }

    /// <summary>Creates a packet view that also carries the pcapng options of its block.</summary>
    internal CapturePacket(long frameNumber, long timestampNanoseconds, bool hasTimestamp, int interfaceIndex, LinkType linkType,
        int originalLength, long fileOffset, ReadOnlySpan<byte> data, ReadOnlySpan<byte> options, bool optionsBigEndian)
        : this(frameNumber, timestampNanoseconds, hasTimestamp, interfaceIndex, linkType, originalLength, fileOffset, data)
    {
        _options = options;
        _optionsBigEndian = optionsBigEndian;
    }

    /// <summary>1-based frame number, as Wireshark numbers it (every packet record of the file counts).</summary>
    public long FrameNumber { get; }

    /// <summary>Capture time in nanoseconds since the Unix epoch, exact to the file's resolution (0 when <see cref="HasTimestamp"/> is false).</summary>
    public long TimestampNanoseconds { get; }

    /// <summary>False for records that carry no timestamp (pcapng Simple Packet Block): no time is invented.</summary>
    public bool HasTimestamp { get; }

    /// <summary>0-based index of the packet's interface in the reader's interface list (global across pcapng sections).</summary>
    public int InterfaceIndex { get; }

    /// <summary>The link-layer header type of the packet's interface (may be a value <see cref="LinkType"/> does not name).</summary>
    public LinkType LinkType { get; }

    /// <summary>Number of bytes captured (<c>Data.Length</c>).</summary>
    public int CapturedLength => Data.Length;

    /// <summary>Length of the packet on the wire.</summary>
    public int OriginalLength { get; }

    /// <summary>True when the snap length cut the packet (<see cref="CapturedLength"/> &lt; <see cref="OriginalLength"/>).</summary>
    public bool IsTruncated => Data.Length < OriginalLength;

    /// <summary>Byte offset of the record (or block) header in the (decompressed) input.</summary>
    public long FileOffset { get; }

    /// <summary>The captured bytes, starting with the link-layer header.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>
    /// The <c>opt_comment</c> values of the packet's pcapng block as UTF-8 spans (none for classic pcap records).
    /// Valid as long as the packet is.
    /// </summary>
    public CaptureCommentEnumerator Comments => new(_options, _optionsBigEndian);

    /// <summary>
    /// The direction recorded in the block's <c>epb_flags</c> (or the obsolete Packet Block's <c>pack_flags</c>),
    /// or <see cref="PacketDirection.Unknown"/>. Read from the options on each call.
    /// </summary>
    public PacketDirection Direction
    {
        get
        {
            var options = new PcapNgOptionReader(_options, _optionsBigEndian);
            while (options.MoveNext())
            {
                // draft-ietf-opsawg-pcapng §4.3.1: epb_flags (code 2), 32 bits; bits 0-1: 00 unknown, 01 inbound, 10 outbound.
                if (options.Code == PcapNgOptionReader.Flags && options.Value.Length >= 4)
                {
                    var flags = _optionsBigEndian
                        ? BinaryPrimitives.ReadUInt32BigEndian(options.Value)
                        : BinaryPrimitives.ReadUInt32LittleEndian(options.Value);
                    return (flags & 3) switch
                    {
                        1 => PacketDirection.Inbound,
                        2 => PacketDirection.Outbound,
                        _ => PacketDirection.Unknown,
                    };
                }
            }

            return PacketDirection.Unknown;
        }
    }

    /// <summary>The raw pcapng options of the packet's block (empty for classic pcap and Simple Packet Blocks).</summary>
    internal ReadOnlySpan<byte> Options => _options;

    /// <summary>The byte order of <see cref="Options"/>.</summary>
    internal bool OptionsBigEndian => _optionsBigEndian;
}
