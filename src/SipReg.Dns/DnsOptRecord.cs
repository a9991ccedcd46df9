using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>
/// The EDNS OPT pseudo-record (RFC 6891 §6.1.2–§6.1.3): CLASS is the UDP payload size, TTL holds the extended RCODE,
/// the version and the DO flag, RDATA a list of options.
/// </summary>
public readonly ref struct DnsOptRecord
{
    private readonly uint _ttl;

    internal DnsOptRecord(ushort udpPayloadSize, uint ttl, ReadOnlySpan<byte> data)
    {
        UdpPayloadSize = udpPayloadSize;
        _ttl = ttl;
        Data = data;
    }

    /// <summary>The largest UDP payload the sender can receive (RFC 6891 §6.2.3).</summary>
    public ushort UdpPayloadSize { get; }

    /// <summary>The upper 8 bits of the 12-bit response code (RFC 6891 §6.1.3).</summary>
    public byte ExtendedRcode => (byte)(_ttl >> 24);

    /// <summary>The EDNS version (0 today; a server answers an unknown one with BADVERS).</summary>
    public byte Version => (byte)(_ttl >> 16);

    /// <summary>DO: the sender accepts DNSSEC records (RFC 3225).</summary>
    public bool DnssecOk => (_ttl & 0x8000) != 0;

    /// <summary>The 15 flag bits after DO, which must be zero.</summary>
    public ushort Z => (ushort)(_ttl & 0x7FFF);

    /// <summary>RDATA: the options, raw.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The options (code, data), e.g. 10 = COOKIE (RFC 7873), 12 = padding (RFC 7830).</summary>
    public DnsOptionEnumerator Options => new(Data);
}

/// <summary>Walks the options of an OPT record: {OPTION-CODE, OPTION-LENGTH, OPTION-DATA} (RFC 6891 §6.1.2).</summary>
public ref struct DnsOptionEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    internal DnsOptionEnumerator(ReadOnlySpan<byte> data)
    {
        _remaining = data;
        Code = 0;
        Current = default;
    }

    /// <summary>The current option's code.</summary>
    public ushort Code { readonly get; private set; }

    /// <summary>The current option's data.</summary>
    public ReadOnlySpan<byte> Current { readonly get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>A copy of this enumerator.</returns>
    public readonly DnsOptionEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next option.</summary>
    /// <returns><see langword="false"/> at the end (or when an option runs past the end).</returns>
    public bool MoveNext()
    {
        if (_remaining.Length < 4)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_remaining[2..]);
        if (4 + length > _remaining.Length)
        {
            return false;
        }

        Code = BinaryPrimitives.ReadUInt16BigEndian(_remaining);
        Current = _remaining.Slice(4, length);
        _remaining = _remaining[(4 + length)..];
        return true;
    }
}
