namespace SipReg.Dns;

/// <summary>
/// The data of a NAPTR record (RFC 3403 §4.1). For SIP, <see cref="Services"/> names the transport (<c>SIP+D2U</c>,
/// <c>SIPS+D2T</c>, ... RFC 3263 §4.1) and <see cref="Replacement"/> the SRV name to look up next.
/// </summary>
public readonly ref struct DnsNaptrRecord
{
    internal DnsNaptrRecord(
        ushort order, ushort preference, ReadOnlySpan<byte> flags, ReadOnlySpan<byte> services, ReadOnlySpan<byte> regexp, DnsName replacement)
    {
        Order = order;
        Preference = preference;
        Flags = flags;
        Services = services;
        Regexp = regexp;
        Replacement = replacement;
    }

    /// <summary>Records with lower order are processed first.</summary>
    public ushort Order { get; }

    /// <summary>Preference among records of equal order.</summary>
    public ushort Preference { get; }

    /// <summary>FLAGS character-string, e.g. <c>s</c> (next is SRV), <c>a</c>, <c>u</c> (terminal URI).</summary>
    public ReadOnlySpan<byte> Flags { get; }

    /// <summary>SERVICES character-string, e.g. <c>SIP+D2U</c> or <c>E2U+sip</c>.</summary>
    public ReadOnlySpan<byte> Services { get; }

    /// <summary>REGEXP character-string (a substitution expression, e.g. for ENUM), often empty.</summary>
    public ReadOnlySpan<byte> Regexp { get; }

    /// <summary>REPLACEMENT: the next name to look up; the root name when <see cref="Regexp"/> is used instead.</summary>
    public DnsName Replacement { get; }
}
