namespace SipReg.Pcap;

/// <summary>
/// One capture interface: the single implicit interface of a classic pcap file, or a pcapng Interface Description
/// Block. Its <see cref="Index"/> is global across pcapng sections.
/// </summary>
public sealed class CaptureInterface
{
    private readonly ulong _decimalMultiplier;

    internal CaptureInterface(int index, int sectionIndex, int indexInSection, LinkType linkType, uint snapLength,
        byte timestampResolutionCode, long timestampOffsetSeconds, string? name, string? description, IReadOnlyList<string> comments)
    {
        Index = index;
        SectionIndex = sectionIndex;
        IndexInSection = indexInSection;
        LinkType = linkType;
        SnapLength = snapLength;
        TimestampResolutionCode = timestampResolutionCode;
        TimestampOffsetSeconds = timestampOffsetSeconds;
        Name = name;
        Description = description;
        Comments = comments;
        _decimalMultiplier = (timestampResolutionCode & 0x80) == 0 && timestampResolutionCode <= 9
            ? (ulong)Pow10(9 - timestampResolutionCode)
            : 0;
    }

    /// <summary>0-based index over the whole file (the value of <see cref="CapturePacket.InterfaceIndex"/>).</summary>
    public int Index { get; }

    /// <summary>0-based index of the pcapng section that defined the interface (0 for classic pcap).</summary>
    public int SectionIndex { get; }

    /// <summary>0-based interface id inside its section (the id that Enhanced Packet Blocks carry).</summary>
    public int IndexInSection { get; }

    /// <summary>The link-layer header type of the interface's packets.</summary>
    public LinkType LinkType { get; }

    /// <summary>A readable name of <see cref="LinkType"/>, e.g. "Ethernet", "Linux cooked v2".</summary>
    public string LinkTypeName => LinkTypeNames.GetName(LinkType);

    /// <summary>The snap length declared for the interface (0 = no limit in pcapng).</summary>
    public uint SnapLength { get; }

    /// <summary>
    /// The pcapng <c>if_tsresol</c> byte: high bit clear = 10^-n seconds, high bit set = 2^-n seconds. Classic pcap
    /// reports 6 (microsecond magic) or 9 (nanosecond magic); a pcapng interface without the option reports 6.
    /// </summary>
    public byte TimestampResolutionCode { get; }

    /// <summary>The resolution as text: "1e-6", "1e-9", "2^-20".</summary>
    public string TimestampResolution =>
        (TimestampResolutionCode & 0x80) != 0 ? $"2^-{TimestampResolutionCode & 0x7F}" : $"1e-{TimestampResolutionCode}";

    /// <summary>Timestamp units per second (1000000 for microseconds), or 0 when that does not fit in 64 bits.</summary>
    public ulong TimestampUnitsPerSecond
    {
        get
        {
            var exponent = TimestampResolutionCode & 0x7F;
            if ((TimestampResolutionCode & 0x80) != 0)
            {
                return exponent < 64 ? 1UL << exponent : 0;
            }

            return exponent <= 19 ? (ulong)Pow10(exponent) : 0;
        }
    }

    /// <summary>The pcapng <c>if_tsoffset</c>: seconds added to every timestamp of the interface (0 when absent).</summary>
    public long TimestampOffsetSeconds { get; }

    /// <summary>The pcapng <c>if_name</c>, or null.</summary>
    public string? Name { get; }

    /// <summary>The pcapng <c>if_description</c>, or null.</summary>
    public string? Description { get; }

    /// <summary>The interface's <c>opt_comment</c> values (empty when none).</summary>
    public IReadOnlyList<string> Comments { get; }

    /// <summary>
    /// Converts a timestamp in the interface's units into nanoseconds since the Unix epoch, adding
    /// <see cref="TimestampOffsetSeconds"/>; rounds down, saturates instead of overflowing.
    /// </summary>
    internal long ToNanoseconds(ulong units)
    {
        long nanoseconds;
        if (_decimalMultiplier != 0 && units <= long.MaxValue / _decimalMultiplier)
        {
            nanoseconds = (long)(units * _decimalMultiplier);
        }
        else
        {
            nanoseconds = Saturate(ToNanosecondsSlow(units));
        }

        if (TimestampOffsetSeconds != 0)
        {
            // draft-ietf-opsawg-pcapng §4.2 if_tsoffset: seconds to add to each timestamp to get absolute time.
            var offset = (Int128)TimestampOffsetSeconds * 1_000_000_000 + nanoseconds;
            return Saturate(offset);
        }

        return nanoseconds;
    }

    private UInt128 ToNanosecondsSlow(ulong units)
    {
        var exponent = TimestampResolutionCode & 0x7F;
        if ((TimestampResolutionCode & 0x80) != 0)
        {
            // 2^-n second units: floor(units * 1e9 / 2^n).
            var scaled = (UInt128)units * 1_000_000_000UL;
            return exponent >= 128 ? UInt128.Zero : scaled >> exponent;
        }

        if (exponent <= 9)
        {
            return (UInt128)units * (ulong)Pow10(9 - exponent);
        }

        var divisorExponent = exponent - 9;
        if (divisorExponent > 38)
        {
            return UInt128.Zero;
        }

        UInt128 divisor = 1;
        for (var i = 0; i < divisorExponent; i++)
        {
            divisor *= 10;
        }

        return units / divisor;
    }

    private static long Saturate(UInt128 value) => value > (UInt128)long.MaxValue ? long.MaxValue : (long)value;

    private static long Saturate(Int128 value) =>
        value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent && i < 19; i++)
        {
            result *= 10;
        }

        return result;
    }
}
