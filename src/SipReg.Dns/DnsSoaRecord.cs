namespace SipReg.Dns;

/// <summary>
/// The data of an SOA record (RFC 1035 §3.3.13). In the authority section of a negative answer (NXDOMAIN, NODATA) its
/// <see cref="Minimum"/> bounds how long the answer is cached (RFC 2308 §5).
/// </summary>
public readonly ref struct DnsSoaRecord
{
    internal DnsSoaRecord(DnsName primaryNameServer, DnsName responsibleMailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        PrimaryNameServer = primaryNameServer;
        ResponsibleMailbox = responsibleMailbox;
        Serial = serial;
        Refresh = refresh;
        Retry = retry;
        Expire = expire;
        Minimum = minimum;
    }

    /// <summary>MNAME: the zone's primary name server.</summary>
    public DnsName PrimaryNameServer { get; }

    /// <summary>RNAME: the mailbox of the person responsible, as a name.</summary>
    public DnsName ResponsibleMailbox { get; }

    /// <summary>SERIAL: the zone's version.</summary>
    public uint Serial { get; }

    /// <summary>REFRESH in seconds.</summary>
    public uint Refresh { get; }

    /// <summary>RETRY in seconds.</summary>
    public uint Retry { get; }

    /// <summary>EXPIRE in seconds.</summary>
    public uint Expire { get; }

    /// <summary>MINIMUM in seconds (negative caching TTL, RFC 2308).</summary>
    public uint Minimum { get; }
}
