namespace SipReg.Dns;

/// <summary>
/// A response code: the 4-bit RCODE of the header, extended to 12 bits by the EDNS OPT record (RFC 6891 §6.1.3).
/// Other values are kept as numbers.
/// </summary>
public enum DnsResponseCode : ushort
{
    /// <summary>No error (NOERROR). With no answer for the question type this is a NODATA response.</summary>
    NoError = 0,

    /// <summary>The server could not interpret the query (FORMERR).</summary>
    FormatError = 1,

    /// <summary>The server failed (SERVFAIL), e.g. its upstream did not answer.</summary>
    ServerFailure = 2,

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    NameError = 3,

    /// <summary>The kind of query is not implemented (NOTIMP).</summary>
    NotImplemented = 4,

    /// <summary>The server refused for policy reasons (REFUSED).</summary>
    Refused = 5,

    /// <summary>A name exists that should not (YXDOMAIN, RFC 2136).</summary>
    YXDomain = 6,

    /// <summary>A record set exists that should not (YXRRSET, RFC 2136).</summary>
    YXRRSet = 7,

    /// <summary>A record set that should exist does not (NXRRSET, RFC 2136).</summary>
    NXRRSet = 8,

    /// <summary>Not authoritative / not authorized (NOTAUTH, RFC 2136, RFC 8945).</summary>
    NotAuth = 9,

    /// <summary>A name is not in the zone (NOTZONE, RFC 2136).</summary>
    NotZone = 10,

    /// <summary>Bad OPT version (BADVERS, RFC 6891) or bad TSIG signature (BADSIG, RFC 8945): both are 16.</summary>
    BadVersion = 16,

    /// <summary>Bad or missing server cookie (BADCOOKIE, RFC 7873).</summary>
    BadCookie = 23,
}
