using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>The 12-byte header of a DNS message (RFC 1035 §4.1.1, AD/CD bits from RFC 4035 §3.2).</summary>
public readonly struct DnsHeader
{
    /// <summary>Size of the header in bytes.</summary>
    public const int Size = 12;

    private readonly ushort _flags;

    /// <summary>Reads a header from the first 12 bytes of <paramref name="data"/>.</summary>
    /// <param name="data">At least 12 bytes.</param>
    /// <param name="header">The header, or <c>default</c>.</param>
    /// <returns><see langword="false"/> when fewer than 12 bytes are given.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out DnsHeader header)
    {
        if (data.Length < Size)
        {
            header = default;
            return false;
        }

        header = new DnsHeader(
            BinaryPrimitives.ReadUInt16BigEndian(data),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[10..]));
        return true;
    }

    private DnsHeader(ushort id, ushort flags, ushort qd, ushort an, ushort ns, ushort ar)
    {
        Id = id;
        _flags = flags;
        QuestionCount = qd;
        AnswerCount = an;
        AuthorityCount = ns;
        AdditionalCount = ar;
    }

    /// <summary>The transaction ID that pairs a response with its query.</summary>
    public ushort Id { get; }

    /// <summary>The raw 16-bit flags word (QR, OPCODE, AA, TC, RD, RA, Z, AD, CD, RCODE).</summary>
    public ushort Flags => _flags;

    /// <summary>QR: the message is a response.</summary>
    public bool IsResponse => (_flags & 0x8000) != 0;

    /// <summary>The kind of query.</summary>
    public DnsOpcode Opcode => (DnsOpcode)((_flags >> 11) & 0xF);

    /// <summary>AA: the answer is authoritative.</summary>
    public bool AuthoritativeAnswer => (_flags & 0x0400) != 0;

    /// <summary>TC: the message was truncated to fit the transport; the client should retry over TCP (RFC 7766 §5).</summary>
    public bool Truncation => (_flags & 0x0200) != 0;

    /// <summary>RD: recursion desired.</summary>
    public bool RecursionDesired => (_flags & 0x0100) != 0;

    /// <summary>RA: recursion available.</summary>
    public bool RecursionAvailable => (_flags & 0x0080) != 0;

    /// <summary>Z: the reserved bit, which must be zero.</summary>
    public bool Z => (_flags & 0x0040) != 0;

    /// <summary>AD: authentic data (RFC 4035 §3.2.3).</summary>
    public bool AuthenticData => (_flags & 0x0020) != 0;

    /// <summary>CD: checking disabled (RFC 4035 §3.2.2).</summary>
    public bool CheckingDisabled => (_flags & 0x0010) != 0;

    /// <summary>The low 4 bits of the response code; see <see cref="DnsMessage.ResponseCode"/> for the extended value.</summary>
    public byte Rcode => (byte)(_flags & 0xF);

    /// <summary>QDCOUNT: the number of questions.</summary>
    public ushort QuestionCount { get; }

    /// <summary>ANCOUNT: the number of answer records.</summary>
    public ushort AnswerCount { get; }

    /// <summary>NSCOUNT: the number of authority records.</summary>
    public ushort AuthorityCount { get; }

    /// <summary>ARCOUNT: the number of additional records.</summary>
    public ushort AdditionalCount { get; }
}
