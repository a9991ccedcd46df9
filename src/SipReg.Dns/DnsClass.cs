namespace SipReg.Dns;

/// <summary>Record classes (RFC 1035 §3.2.4). Any other 15-bit value is kept as a number.</summary>
public enum DnsClass : ushort
{
    /// <summary>The Internet (IN).</summary>
    Internet = 1,

    /// <summary>Chaos (CH).</summary>
    Chaos = 3,

    /// <summary>Hesiod (HS).</summary>
    Hesiod = 4,

    /// <summary>No class (NONE, RFC 2136).</summary>
    None = 254,

    /// <summary>Any class (ANY, "*" in RFC 1035).</summary>
    Any = 255,
}
