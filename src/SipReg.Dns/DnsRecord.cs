using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>
/// One resource record (RFC 1035 §4.1.3): a view into the message with its owner name, type, class, TTL and RDATA, and
/// typed views of the data (<c>TryGet*</c>). Unknown types are kept raw: use <see cref="Type"/> and <see cref="Data"/>.
/// </summary>
public readonly ref struct DnsRecord
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly DnsDecoderOptions _options;
    private readonly int _fieldsOffset;

    internal DnsRecord(ReadOnlySpan<byte> message, scoped in DnsDecoderOptions options, DnsSection section, int offset, int fieldsOffset, int dataLength)
    {
        _message = message;
        _options = options;
        Section = section;
        Offset = offset;
        _fieldsOffset = fieldsOffset;
        DataLength = dataLength;
    }

    /// <summary>The section the record is in.</summary>
    public DnsSection Section { get; }

    /// <summary>Byte offset of the record (its owner name) in the message.</summary>
    public int Offset { get; }

    /// <summary>The owner name.</summary>
    public DnsName Name => new(_message, Offset, _options);

    /// <summary>TYPE, possibly a value without a name in <see cref="DnsRecordType"/>.</summary>
    public DnsRecordType Type => (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(_message[_fieldsOffset..]);

    /// <summary>CLASS as on the wire, all 16 bits (for OPT: the requestor's UDP payload size).</summary>
    public ushort RawClass => BinaryPrimitives.ReadUInt16BigEndian(_message[(_fieldsOffset + 2)..]);

    /// <summary>CLASS without its top bit (the mDNS cache-flush bit, RFC 6762 §10.2).</summary>
    public DnsClass Class => (DnsClass)(RawClass & 0x7FFF);

    /// <summary>The top bit of CLASS: in mDNS the cache-flush bit (RFC 6762 §10.2). Meaningless in unicast DNS.</summary>
    public bool CacheFlush => (RawClass & 0x8000) != 0;

    /// <summary>TTL in seconds (for OPT: extended RCODE, version and flags, see <see cref="DnsOptRecord"/>).</summary>
    public uint Ttl => BinaryPrimitives.ReadUInt32BigEndian(_message[(_fieldsOffset + 4)..]);

    /// <summary>Byte offset of RDATA in the message.</summary>
    public int DataOffset => _fieldsOffset + 10;

    /// <summary>RDLENGTH.</summary>
    public int DataLength { get; }

    /// <summary>RDATA, raw (names inside it may be compression pointers into the message).</summary>
    public ReadOnlySpan<byte> Data => _message.Slice(DataOffset, DataLength);

    /// <summary>Checks the typed data of the record: it must consume exactly RDLENGTH and its names must decode.</summary>
    /// <param name="errorOffset">Where the problem is, or -1.</param>
    /// <returns>The problem, or <see cref="DnsDiagnosticReason.None"/>.</returns>
    public DnsDiagnosticReason ValidateData(out int errorOffset)
    {
        var reason = DnsRecordData.Validate(_message, Type, DataOffset, DataOffset + DataLength, _options, out errorOffset);
        if (reason == DnsDiagnosticReason.None)
        {
            errorOffset = -1;
        }

        return reason;
    }

    private bool Is(DnsRecordType type) => Type == type && ValidateData(out _) == DnsDiagnosticReason.None;

    /// <summary>The address of an A (4 bytes) or AAAA (16 bytes) record, in network order.</summary>
    /// <param name="address">The address bytes, or empty.</param>
    /// <returns><see langword="false"/> for other types or a wrong length.</returns>
    public bool TryGetAddress(out ReadOnlySpan<byte> address)
    {
        if (Is(DnsRecordType.A) || Is(DnsRecordType.AAAA))
        {
            address = Data;
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>The single name of a CNAME, NS or PTR record (RFC 1035 §3.3).</summary>
    /// <param name="name">The name, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for other types or malformed data.</returns>
    public bool TryGetDomainName(out DnsName name)
    {
        if (Is(DnsRecordType.CNAME) || Is(DnsRecordType.NS) || Is(DnsRecordType.PTR))
        {
            name = new DnsName(_message, DataOffset, _options);
            return true;
        }

        name = default;
        return false;
    }

    /// <summary>An SRV record (RFC 2782); a compressed target is followed although RFC 2782 forbids compressing it.</summary>
    /// <param name="srv">The SRV view, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for other types or malformed data.</returns>
    public bool TryGetSrv(out DnsSrvRecord srv)
    {
        if (!Is(DnsRecordType.SRV))
        {
            srv = default;
            return false;
        }

        var data = Data;
        srv = new DnsSrvRecord(
            BinaryPrimitives.ReadUInt16BigEndian(data),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
            new DnsName(_message, DataOffset + 6, _options));
        return true;
    }

    /// <summary>A NAPTR record (RFC 3403 §4.1).</summary>
    /// <param name="naptr">The NAPTR view, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for other types or malformed data.</returns>
    public bool TryGetNaptr(out DnsNaptrRecord naptr)
    {
        if (!Is(DnsRecordType.NAPTR))
        {
            naptr = default;
            return false;
        }

        var data = Data;
        int pos = 4;
        var flags = data.Slice(pos + 1, data[pos]);
        pos += 1 + flags.Length;
        var services = data.Slice(pos + 1, data[pos]);
        pos += 1 + services.Length;
        var regexp = data.Slice(pos + 1, data[pos]);
        pos += 1 + regexp.Length;
        naptr = new DnsNaptrRecord(
            BinaryPrimitives.ReadUInt16BigEndian(data),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            flags,
            services,
            regexp,
            new DnsName(_message, DataOffset + pos, _options));
        return true;
    }

    /// <summary>An MX record (RFC 1035 §3.3.9).</summary>
    /// <param name="mx">The MX view, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for other types or malformed data.</returns>
    public bool TryGetMx(out DnsMxRecord mx)
    {
        if (!Is(DnsRecordType.MX))
        {
            mx = default;
            return false;
        }

        mx = new DnsMxRecord(BinaryPrimitives.ReadUInt16BigEndian(Data), new DnsName(_message, DataOffset + 2, _options));
        return true;
    }

    /// <summary>An SOA record (RFC 1035 §3.3.13).</summary>
    /// <param name="soa">The SOA view, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for other types or malformed data.</returns>
    public bool TryGetSoa(out DnsSoaRecord soa)
    {
        if (!Is(DnsRecordType.SOA))
        {
            soa = default;
            return false;
        }

        int start = DataOffset;
        int end = start + DataLength;
        DnsLabelEnumerator.TrySkip(_message, start, end, out int second, out _);
        var numbers = _message.Slice(end - 20, 20);
        soa = new DnsSoaRecord(
            new DnsName(_message, start, _options),
            new DnsName(_message, second, _options),
            BinaryPrimitives.ReadUInt32BigEndian(numbers),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[16..]));
        return true;
    }

    /// <summary>The character-strings of a TXT record (RFC 1035 §3.3.14).</summary>
    /// <param name="strings">An enumerator of the strings, or an empty one.</param>
    /// <returns><see langword="false"/> for other types or malformed data.</returns>
    public bool TryGetText(out DnsCharacterStringEnumerator strings)
    {
        strings = Is(DnsRecordType.TXT) ? new DnsCharacterStringEnumerator(Data) : default;
        return Type == DnsRecordType.TXT && strings.Remaining.Length == DataLength;
    }

    /// <summary>The EDNS view of an OPT record (RFC 6891 §6.1.2).</summary>
    /// <param name="opt">The OPT view, or <c>default</c>.</param>
    /// <returns><see langword="false"/> for other types or malformed options.</returns>
    public bool TryGetOpt(out DnsOptRecord opt)
    {
        if (!Is(DnsRecordType.OPT))
        {
            opt = default;
            return false;
        }

        opt = new DnsOptRecord(RawClass, Ttl, Data);
        return true;
    }
}
