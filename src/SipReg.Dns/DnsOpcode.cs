namespace SipReg.Dns;

/// <summary>The 4-bit OPCODE of a DNS header (RFC 1035 §4.1.1, RFC 1996, RFC 2136). Other values are kept as numbers.</summary>
public enum DnsOpcode : byte
{
    /// <summary>A standard query (QUERY).</summary>
    Query = 0,

    /// <summary>An inverse query (IQUERY, obsolete: RFC 3425).</summary>
    InverseQuery = 1,

    /// <summary>A server status request (STATUS).</summary>
    Status = 2,

    /// <summary>A zone change notification (NOTIFY, RFC 1996).</summary>
    Notify = 4,

    /// <summary>A dynamic update (UPDATE, RFC 2136).</summary>
    Update = 5,
}
