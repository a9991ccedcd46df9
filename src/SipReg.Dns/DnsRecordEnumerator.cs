using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>Walks one record section; yields only the records the validating pass could read.</summary>
public ref struct DnsRecordEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly DnsDecoderOptions _options;
    private readonly DnsSection _section;
    private int _position;
    private int _remaining;

    internal DnsRecordEnumerator(ReadOnlySpan<byte> message, scoped in DnsDecoderOptions options, int offset, int count, DnsSection section)
    {
        _message = message;
        _options = options;
        _position = offset;
        _remaining = count;
        _section = section;
        Current = default;
    }

    /// <summary>The current record.</summary>
    public DnsRecord Current { readonly get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>A copy of this enumerator.</returns>
    public readonly DnsRecordEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next record.</summary>
    /// <returns><see langword="false"/> after the last readable record.</returns>
    public bool MoveNext()
    {
        if (_remaining <= 0)
        {
            return false;
        }

        _remaining--;
        DnsLabelEnumerator.TrySkip(_message, _position, _message.Length, out int fields, out _);
        int dataLength = BinaryPrimitives.ReadUInt16BigEndian(_message[(fields + 8)..]);
        Current = new DnsRecord(_message, _options, _section, _position, fields, dataLength);
        _position = fields + 10 + dataLength;
        return true;
    }
}
