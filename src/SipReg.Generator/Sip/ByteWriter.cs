using System.Buffers.Text;
using System.Text;

namespace SipReg.Generator.Sip;

/// <summary>An append-only ASCII byte buffer that is reused across messages (no strings per message).</summary>
internal sealed class ByteWriter
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    private byte[] _buffer;

    public ByteWriter(int capacity = 2048) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public ByteWriter Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        return this;
    }

    /// <summary>Appends ASCII text (non-ASCII characters become '?').</summary>
    public ByteWriter Text(string text)
    {
        int count = Encoding.ASCII.GetBytes(text, Reserve(text.Length));
        Length -= text.Length - count;
        return this;
    }

    public ByteWriter Byte(byte value)
    {
        Reserve(1)[0] = value;
        return this;
    }

    public ByteWriter Crlf() => Raw("\r\n"u8);

    public ByteWriter Number(long value)
    {
        Span<byte> span = Reserve(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        Length -= 20 - written;
        return this;
    }

    /// <summary>Appends a number zero-padded to <paramref name="digits"/> decimal digits.</summary>
    public ByteWriter Number(long value, int digits)
    {
        Span<byte> span = Reserve(20);
        Utf8Formatter.TryFormat(value, span, out int written, new System.Buffers.StandardFormat('D', (byte)digits));
        Length -= 20 - written;
        return this;
    }

    /// <summary>Appends the low <paramref name="digits"/> hex digits of <paramref name="value"/> (lowercase).</summary>
    public ByteWriter Hex(ulong value, int digits = 16)
    {
        Span<byte> span = Reserve(digits);
        for (int i = digits - 1; i >= 0; i--)
        {
            span[i] = HexDigits[(int)(value & 0xF)];
            value >>= 4;
        }

        return this;
    }

    public ByteWriter Host(Packets.NetEndpoint endpoint)
    {
        Span<byte> span = Reserve(48);
        int written = endpoint.FormatHost(span);
        Length -= 48 - written;
        return this;
    }

    public ByteWriter HostPort(Packets.NetEndpoint endpoint) => Host(endpoint).Byte((byte)':').Number(endpoint.Port);

    private Span<byte> Reserve(int length)
    {
        if (Length + length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + length));
        }

        Span<byte> span = _buffer.AsSpan(Length, length);
        Length += length;
        return span;
    }
}
