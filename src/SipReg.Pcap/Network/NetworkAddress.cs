using System.Buffers.Binary;
using System.Text;

namespace SipReg.Pcap;

/// <summary>
/// An IPv4 or IPv6 address held by value (no heap): the address bits as a big-endian number and the family.
/// </summary>
/// <remarks>An IPv4 address occupies the low 32 bits of <see cref="Value"/>.</remarks>
public readonly struct NetworkAddress : IEquatable<NetworkAddress>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The longest text <see cref="TryFormat(Span{char}, out int)"/> can write ("ffff:...:255.255.255.255").</summary>
    public const int MaxTextLength = 45;

    private NetworkAddress(UInt128 value, NetworkAddressFamily family)
    {
        Value = value;
        Family = family;
    }

    /// <summary>The address bits as a big-endian number (IPv4 in the low 32 bits).</summary>
    public UInt128 Value { get; }

    /// <summary>The address family; <see cref="NetworkAddressFamily.None"/> for the default value.</summary>
    public NetworkAddressFamily Family { get; }

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIPv4 => Family == NetworkAddressFamily.IPv4;

    /// <summary>True for an IPv6 address.</summary>
    public bool IsIPv6 => Family == NetworkAddressFamily.IPv6;

    /// <summary>True for 127.0.0.0/8 (RFC 1122 §3.2.1.3) and ::1 (RFC 4291 §2.5.3).</summary>
    public bool IsLoopback => TryGetIPv4(out var v4) ? (v4 >> 24) == 127 : Family == NetworkAddressFamily.IPv6 && Value == UInt128.One;

    /// <summary>True for the RFC 1918 private ranges 10/8, 172.16/12, 192.168/16, and IPv6 unique local fc00::/7 (RFC 4193).</summary>
    public bool IsPrivateUse => TryGetIPv4(out var v4)
        ? (v4 >> 24) == 10 || (v4 >> 20) == 0xAC1 || (v4 >> 16) == 0xC0A8
        : Family == NetworkAddressFamily.IPv6 && (byte)(Value >> 121) == 0x7E;

    /// <summary>True for the RFC 6598 shared address space 100.64.0.0/10 (carrier-grade NAT).</summary>
    public bool IsSharedAddressSpace => TryGetIPv4(out var v4) && (v4 >> 22) == (100u << 2 | 1);

    /// <summary>True for link-local 169.254.0.0/16 (RFC 3927) and fe80::/10 (RFC 4291 §2.5.6).</summary>
    public bool IsLinkLocal => TryGetIPv4(out var v4)
        ? (v4 >> 16) == 0xA9FE
        : Family == NetworkAddressFamily.IPv6 && (ushort)(Value >> 118) == 0xFE80 >> 6;

    /// <summary>
    /// True when the address cannot be routed on the public Internet as seen by a SIP registrar: private use
    /// (<see cref="IsPrivateUse"/>), shared CGNAT space (<see cref="IsSharedAddressSpace"/>), link-local or loopback.
    /// </summary>
    /// <remarks>An IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) is judged by its IPv4 address.</remarks>
    public bool IsPrivate => IsPrivateUse || IsSharedAddressSpace || IsLinkLocal || IsLoopback;

    /// <summary>Creates an IPv4 address from its 32-bit big-endian value (192.0.2.1 is 0xC0000201).</summary>
    /// <param name="value">The address as a number.</param>
    /// <returns>The address.</returns>
    public static NetworkAddress FromIPv4(uint value) => new(value, NetworkAddressFamily.IPv4);

    /// <summary>Creates an IPv4 address from its 4 bytes in network order.</summary>
    /// <param name="bytes">At least 4 bytes; the first 4 are read.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 4 bytes.</exception>
    public static NetworkAddress FromIPv4(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt32BigEndian(bytes), NetworkAddressFamily.IPv4);

    /// <summary>Creates an IPv6 address from its 16 bytes in network order.</summary>
    /// <param name="bytes">At least 16 bytes; the first 16 are read.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 16 bytes.</exception>
    public static NetworkAddress FromIPv6(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128BigEndian(bytes), NetworkAddressFamily.IPv6);

    /// <summary>Creates an IPv6 address from its 128-bit big-endian value.</summary>
    /// <param name="value">The address as a number.</param>
    /// <returns>The address.</returns>
    public static NetworkAddress FromIPv6(UInt128 value) => new(value, NetworkAddressFamily.IPv6);

    /// <summary>Writes the address bytes in network order (4 for IPv4, 16 for IPv6).</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="bytesWritten">4, 16, or 0 when the destination is too small or the address is the default value.</param>
    /// <returns>True when written.</returns>
    public bool TryWriteBytes(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (Family == NetworkAddressFamily.IPv4 && destination.Length >= 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Value);
            bytesWritten = 4;
        }
        else if (Family == NetworkAddressFamily.IPv6 && destination.Length >= 16)
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, Value);
            bytesWritten = 16;
        }

        return bytesWritten != 0;
    }

    /// <summary>
    /// Formats the address: dotted quad for IPv4, RFC 5952 text for IPv6 (lower-case hex, the longest run of two or more
    /// zero groups as "::", IPv4-mapped addresses as ::ffff:a.b.c.d). The default value formats as an empty string.
    /// </summary>
    /// <param name="destination">Where to write; <see cref="MaxTextLength"/> characters always suffice.</param>
    /// <param name="charsWritten">Characters written.</param>
    /// <returns>False when the destination is too small.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength];
        return AsciiText.TryCopy(utf8[..Format(utf8)], destination, out charsWritten);
    }

    /// <summary>Formats the address as ASCII/UTF-8 text; see <see cref="TryFormat(Span{char}, out int)"/>.</summary>
    /// <param name="utf8Destination">Where to write.</param>
    /// <param name="bytesWritten">Bytes written.</param>
    /// <returns>False when the destination is too small.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength];
        return AsciiText.TryCopy(utf8[..Format(utf8)], utf8Destination, out bytesWritten);
    }

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The address as text; see <see cref="TryFormat(Span{char}, out int)"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength];
        return Encoding.ASCII.GetString(utf8[..Format(utf8)]);
    }

    /// <inheritdoc/>
    public bool Equals(NetworkAddress other) => Value == other.Value && Family == other.Family;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NetworkAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Family);

    /// <summary>Compares two addresses for equality.</summary>
    /// <param name="left">One address.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when family and bits are equal.</returns>
    public static bool operator ==(NetworkAddress left, NetworkAddress right) => left.Equals(right);

    /// <summary>Compares two addresses for inequality.</summary>
    /// <param name="left">One address.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when family or bits differ.</returns>
    public static bool operator !=(NetworkAddress left, NetworkAddress right) => !left.Equals(right);

    /// <summary>Orders by family then bits (used to put a connection's endpoints in a canonical order).</summary>
    internal int CompareTo(NetworkAddress other) =>
        Family != other.Family ? Family.CompareTo(other.Family) : Value.CompareTo(other.Value);

    // The IPv4 value of an IPv4 address or of an IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2).
    private bool TryGetIPv4(out uint value)
    {
        value = (uint)Value;
        return Family == NetworkAddressFamily.IPv4
            || (Family == NetworkAddressFamily.IPv6 && (Value >> 32) == 0xFFFF);
    }

    private int Format(Span<byte> destination)
    {
        if (Family == NetworkAddressFamily.IPv4)
        {
            return FormatIPv4((uint)Value, destination);
        }

        if (Family != NetworkAddressFamily.IPv6)
        {
            return 0;
        }

        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(Value >> (112 - (16 * i)));
        }

        // RFC 5952 §5: an IPv4-mapped address is written with the IPv4 part in dotted form.
        var mapped = (Value >> 32) == 0xFFFF;
        var groupCount = mapped ? 6 : 8;

        // RFC 5952 §4.2: shorten the longest run (the first one on a tie) of at least two zero groups.
        int bestStart = -1, bestLength = 1;
        for (var i = 0; i < groupCount;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < groupCount && groups[i] == 0)
            {
                i++;
            }

            if (i - start > bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        var pos = 0;
        for (var i = 0; i < groupCount; i++)
        {
            if (i == bestStart)
            {
                destination[pos++] = (byte)':';
                destination[pos++] = (byte)':';
                i += bestLength - 1;
                continue;
            }

            if (i > 0 && destination[pos - 1] != (byte)':')
            {
                destination[pos++] = (byte)':';
            }

            pos += FormatHex(groups[i], destination[pos..]);
        }

        if (mapped)
        {
            if (destination[pos - 1] != (byte)':')
            {
                destination[pos++] = (byte)':';
            }

            pos += FormatIPv4((uint)Value, destination[pos..]);
        }

        return pos;
    }

    private static int FormatIPv4(uint value, Span<byte> destination)
    {
        var pos = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            var octet = (byte)(value >> shift);
            if (octet >= 100)
            {
                destination[pos++] = (byte)('0' + (octet / 100));
            }

            if (octet >= 10)
            {
                destination[pos++] = (byte)('0' + (octet / 10 % 10));
            }

            destination[pos++] = (byte)('0' + (octet % 10));
            if (shift != 0)
            {
                destination[pos++] = (byte)'.';
            }
        }

        return pos;
    }

    private static int FormatHex(ushort value, Span<byte> destination)
    {
        var pos = 0;
        var started = false;
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            var nibble = (value >> shift) & 0xF;
            if (nibble != 0 || started || shift == 0)
            {
                destination[pos++] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
                started = true;
            }
        }

        return pos;
    }
}
