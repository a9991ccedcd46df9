namespace SipReg.Dns;

/// <summary>The data of an MX record (RFC 1035 §3.3.9).</summary>
public readonly ref struct DnsMxRecord
{
    internal DnsMxRecord(ushort preference, DnsName exchange)
    {
        Preference = preference;
        Exchange = exchange;
    }

    /// <summary>Lower values are preferred.</summary>
    public ushort Preference { get; }

    /// <summary>The mail exchange host.</summary>
    public DnsName Exchange { get; }
}
