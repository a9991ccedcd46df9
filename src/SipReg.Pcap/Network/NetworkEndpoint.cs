using System.Text;

namespace SipReg.Pcap;

/// <summary>
/// A transport endpoint: an IPv4 or IPv6 address and a UDP/TCP port, held by value (usable as a dictionary key).
/// Formats as <c>192.0.2.1:5060</c> or <c>[2001:db8::1]:5060</c>.
/// </summary>
public readonly struct NetworkEndpoint : IEquatable<NetworkEndpoint>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The longest text <see cref="TryFormat(Span{char}, out int)"/> can write.</summary>
    public const int MaxTextLength = NetworkAddress.MaxTextLength + 8;

    /// <summary>Creates an endpoint.</summary>
    /// <param name="address">The IP address.</param>
    /// <param name="port">The UDP or TCP port.</param>
    public NetworkEndpoint(NetworkAddress address, ushort port)
    {
        Address = address;
        Port = port;
    }

    /// <summary>The IP address.</summary>
    public NetworkAddress Address { get; }

    /// <summary>The UDP or TCP port.</summary>
    public ushort Port { get; }

    /// <summary>Formats as <c>ip:port</c>, or <c>[ipv6]:port</c> (RFC 5952 §6).</summary>
    /// <param name="destination">Where to write; <see cref="MaxTextLength"/> characters always suffice.</param>
    /// <param name="charsWritten">Characters written.</param>
    /// <returns>False when the destination is too small.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength];
        return AsciiText.TryCopy(utf8[..Format(utf8)], destination, out charsWritten);
    }

    /// <summary>Formats as UTF-8 <c>ip:port</c>, or <c>[ipv6]:port</c>.</summary>
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

    /// <summary>The endpoint as <c>ip:port</c> or <c>[ipv6]:port</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength];
        return Encoding.ASCII.GetString(utf8[..Format(utf8)]);
    }

    /// <inheritdoc/>
    public bool Equals(NetworkEndpoint other) => Port == other.Port && Address.Equals(other.Address);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NetworkEndpoint other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, Port);

    /// <summary>Compares two endpoints for equality.</summary>
    /// <param name="left">One endpoint.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when address and port are equal.</returns>
    public static bool operator ==(NetworkEndpoint left, NetworkEndpoint right) => left.Equals(right);

    /// <summary>Compares two endpoints for inequality.</summary>
    /// <param name="left">One endpoint.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when address or port differ.</returns>
    public static bool operator !=(NetworkEndpoint left, NetworkEndpoint right) => !left.Equals(right);

    internal int CompareTo(NetworkEndpoint other)
    {
        var byAddress = Address.CompareTo(other.Address);
        return byAddress != 0 ? byAddress : Port.CompareTo(other.Port);
    }

    private int Format(Span<byte> destination)
    {
        var pos = 0;
        var v6 = Address.IsIPv6;
        if (v6)
        {
            destination[pos++] = (byte)'[';
        }

        Address.TryFormat(destination[pos..], out var written);
        pos += written;
        if (v6)
        {
            destination[pos++] = (byte)']';
        }

        destination[pos++] = (byte)':';
        Port.TryFormat(destination[pos..], out written);
        return pos + written;
    }
}
