namespace SipReg.Dns;

/// <summary>The data of an SRV record (RFC 2782): where a service such as <c>_sip._udp</c> runs.</summary>
public readonly ref struct DnsSrvRecord
{
    internal DnsSrvRecord(ushort priority, ushort weight, ushort port, DnsName target)
    {
        Priority = priority;
        Weight = weight;
        Port = port;
        Target = target;
    }

    /// <summary>Lower values are tried first.</summary>
    public ushort Priority { get; }

    /// <summary>Relative share among targets of the same priority (RFC 2782 weighted selection).</summary>
    public ushort Weight { get; }

    /// <summary>The port of the service on the target.</summary>
    public ushort Port { get; }

    /// <summary>The target host; the root name (<c>.</c>) means "the service is not available here".</summary>
    public DnsName Target { get; }
}
