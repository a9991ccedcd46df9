namespace SipReg.Dns;

/// <summary>The usual text names of types, classes, opcodes and response codes (as dig and Wireshark print them).</summary>
public static class DnsMnemonics
{
    /// <summary>The mnemonic of a record type, e.g. <c>SRV</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>A constant string, or <see langword="null"/> for a type without a name here (print it as <c>TYPE</c>n, RFC 3597 §5).</returns>
    public static string? GetTypeName(DnsRecordType type) => type switch
    {
        DnsRecordType.A => "A",
        DnsRecordType.NS => "NS",
        DnsRecordType.CNAME => "CNAME",
        DnsRecordType.SOA => "SOA",
        DnsRecordType.PTR => "PTR",
        DnsRecordType.MX => "MX",
        DnsRecordType.TXT => "TXT",
        DnsRecordType.AAAA => "AAAA",
        DnsRecordType.SRV => "SRV",
        DnsRecordType.NAPTR => "NAPTR",
        DnsRecordType.OPT => "OPT",
        DnsRecordType.RRSIG => "RRSIG",
        DnsRecordType.NSEC => "NSEC",
        DnsRecordType.DNSKEY => "DNSKEY",
        DnsRecordType.SVCB => "SVCB",
        DnsRecordType.HTTPS => "HTTPS",
        DnsRecordType.ANY => "ANY",
        DnsRecordType.URI => "URI",
        _ => null,
    };

    /// <summary>The mnemonic of a class, e.g. <c>IN</c>.</summary>
    /// <param name="dnsClass">The class (without the mDNS top bit).</param>
    /// <returns>A constant string, or <see langword="null"/> (print it as <c>CLASS</c>n, RFC 3597 §5).</returns>
    public static string? GetClassName(DnsClass dnsClass) => dnsClass switch
    {
        DnsClass.Internet => "IN",
        DnsClass.Chaos => "CH",
        DnsClass.Hesiod => "HS",
        DnsClass.None => "NONE",
        DnsClass.Any => "ANY",
        _ => null,
    };

    /// <summary>The mnemonic of an opcode, e.g. <c>QUERY</c>.</summary>
    /// <param name="opcode">The opcode.</param>
    /// <returns>A constant string, or <see langword="null"/>.</returns>
    public static string? GetOpcodeName(DnsOpcode opcode) => opcode switch
    {
        DnsOpcode.Query => "QUERY",
        DnsOpcode.InverseQuery => "IQUERY",
        DnsOpcode.Status => "STATUS",
        DnsOpcode.Notify => "NOTIFY",
        DnsOpcode.Update => "UPDATE",
        _ => null,
    };

    /// <summary>The mnemonic of a response code, e.g. <c>NXDOMAIN</c> (16 is <c>BADVERS</c>, also known as BADSIG).</summary>
    /// <param name="code">The (extended) response code.</param>
    /// <returns>A constant string, or <see langword="null"/>.</returns>
    public static string? GetResponseCodeName(DnsResponseCode code) => code switch
    {
        DnsResponseCode.NoError => "NOERROR",
        DnsResponseCode.FormatError => "FORMERR",
        DnsResponseCode.ServerFailure => "SERVFAIL",
        DnsResponseCode.NameError => "NXDOMAIN",
        DnsResponseCode.NotImplemented => "NOTIMP",
        DnsResponseCode.Refused => "REFUSED",
        DnsResponseCode.YXDomain => "YXDOMAIN",
        DnsResponseCode.YXRRSet => "YXRRSET",
        DnsResponseCode.NXRRSet => "NXRRSET",
        DnsResponseCode.NotAuth => "NOTAUTH",
        DnsResponseCode.NotZone => "NOTZONE",
        DnsResponseCode.BadVersion => "BADVERS",
        DnsResponseCode.BadCookie => "BADCOOKIE",
        _ => null,
    };
}
