using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>One entry of the question section (RFC 1035 §4.1.2): a view into the message.</summary>
public readonly ref struct DnsQuestion
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly DnsDecoderOptions _options;
    private readonly int _fieldsOffset;

    internal DnsQuestion(ReadOnlySpan<byte> message, scoped in DnsDecoderOptions options, int offset, int fieldsOffset)
    {
        _message = message;
        _options = options;
        Offset = offset;
        _fieldsOffset = fieldsOffset;
    }

    /// <summary>Byte offset of the question (its name) in the message.</summary>
    public int Offset { get; }

    /// <summary>QNAME.</summary>
    public DnsName Name => new(_message, Offset, _options);

    /// <summary>QTYPE.</summary>
    public DnsRecordType Type => (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(_message[_fieldsOffset..]);

    /// <summary>QCLASS as on the wire, all 16 bits.</summary>
    public ushort RawClass => BinaryPrimitives.ReadUInt16BigEndian(_message[(_fieldsOffset + 2)..]);

    /// <summary>QCLASS without its top bit (the mDNS QU bit, RFC 6762 §5.4).</summary>
    public DnsClass Class => (DnsClass)(RawClass & 0x7FFF);

    /// <summary>The top bit of QCLASS: in mDNS the "unicast response requested" (QU) bit (RFC 6762 §5.4). Meaningless in unicast DNS.</summary>
    public bool UnicastResponse => (RawClass & 0x8000) != 0;
}
