using System.Buffers.Binary;

namespace SipReg.Pcap;

/// <summary>
/// Walks the options of a pcapng block (draft-ietf-opsawg-pcapng §3.5): code (2 bytes), length (2 bytes), value
/// padded to 32 bits, until <c>opt_endofopt</c> or the end of the span. Every length is bounds-checked; a malformed
/// option ends the walk and sets <see cref="IsMalformed"/>.
/// </summary>
internal ref struct PcapNgOptionReader
{
    /// <summary>opt_endofopt.</summary>
    public const ushort EndOfOptions = 0;

    /// <summary>opt_comment (UTF-8 text), valid in every block.</summary>
    public const ushort Comment = 1;

    /// <summary>epb_flags / pack_flags (32-bit link-layer flags) in packet blocks.</summary>
    public const ushort Flags = 2;

    private readonly ReadOnlySpan<byte> _options;
    private readonly bool _bigEndian;
    private int _position;

    public PcapNgOptionReader(ReadOnlySpan<byte> options, bool bigEndian)
    {
        _options = options;
        _bigEndian = bigEndian;
        _position = 0;
        Code = 0;
        Value = default;
        IsMalformed = false;
    }

    /// <summary>The current option's code.</summary>
    public ushort Code { get; private set; }

    /// <summary>The current option's value (without padding).</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>True when an option's length ran past the end of the block.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Offset of the current option from the start of the options.</summary>
    public int OptionOffset { get; private set; }

    /// <summary>Moves to the next option; false at opt_endofopt, at the end, or at a malformed option.</summary>
    public bool MoveNext()
    {
        var remaining = _options.Length - _position;
        if (remaining < 4)
        {
            // Fewer than 4 bytes left: the end of options (a missing opt_endofopt is allowed).
            return false;
        }

        var header = _options.Slice(_position, 4);
        var code = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header) : BinaryPrimitives.ReadUInt16LittleEndian(header);
        int length = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
        if (code == EndOfOptions)
        {
            return false;
        }

        if (length > remaining - 4)
        {
            IsMalformed = true;
            return false;
        }

        OptionOffset = _position;
        Code = code;
        Value = _options.Slice(_position + 4, length);
        var padded = (length + 3) & ~3;
        _position = Math.Min(_options.Length, _position + 4 + padded);
        return true;
    }
}
