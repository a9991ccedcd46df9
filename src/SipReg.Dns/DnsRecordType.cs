namespace SipReg.Dns;

/// <summary>
/// Record (and question) types this library knows by name (RFC 1035 §3.2.2 and later RFCs). Any other 16-bit value is
/// valid too and is kept as a number; its data stays raw.
/// </summary>
public enum DnsRecordType : ushort
{
    /// <summary>An IPv4 address (RFC 1035).</summary>
    A = 1,

    /// <summary>An authoritative name server (RFC 1035).</summary>
    NS = 2,

    /// <summary>A canonical name (alias target, RFC 1035).</summary>
    CNAME = 5,

    /// <summary>Start of a zone of authority (RFC 1035); in a negative answer it gives the negative TTL (RFC 2308).</summary>
    SOA = 6,

    /// <summary>A domain name pointer (RFC 1035).</summary>
    PTR = 12,

    /// <summary>A mail exchange (RFC 1035).</summary>
    MX = 15,

    /// <summary>Text strings (RFC 1035).</summary>
    TXT = 16,

    /// <summary>An IPv6 address (RFC 3596).</summary>
    AAAA = 28,

    /// <summary>A service location (RFC 2782); SIP uses <c>_sip._udp</c> and friends (RFC 3263).</summary>
    SRV = 33,

    /// <summary>A naming authority pointer (RFC 3403); SIP uses it to choose a transport (RFC 3263 §4.1).</summary>
    NAPTR = 35,

    /// <summary>The EDNS pseudo-record (RFC 6891).</summary>
    OPT = 41,

    /// <summary>A DNSSEC signature (RFC 4034).</summary>
    RRSIG = 46,

    /// <summary>Next secure record (RFC 4034).</summary>
    NSEC = 47,

    /// <summary>A DNSSEC key (RFC 4034).</summary>
    DNSKEY = 48,

    /// <summary>A service binding (RFC 9460).</summary>
    SVCB = 64,

    /// <summary>An HTTPS service binding (RFC 9460).</summary>
    HTTPS = 65,

    /// <summary>A query for all records (RFC 1035 "*"; RFC 8482).</summary>
    ANY = 255,

    /// <summary>A URI (RFC 7553).</summary>
    URI = 256,
}
