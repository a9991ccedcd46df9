namespace SipReg.Dns;

/// <summary>One located problem in a DNS message: where (byte offset in the message, section) and what.</summary>
/// <param name="Offset">Byte offset in the message (0 = first header byte) where the problem was found.</param>
/// <param name="Section">The section being read.</param>
/// <param name="Reason">What is wrong.</param>
public readonly record struct DnsDiagnostic(int Offset, DnsSection Section, DnsDiagnosticReason Reason)
{
    /// <summary>Whether this problem makes the message malformed (everything but <see cref="DnsDiagnosticReason.TrailingData"/>).</summary>
    public bool IsMalformed => Reason is not DnsDiagnosticReason.None and not DnsDiagnosticReason.TrailingData;

    /// <summary>A short English description with the offset, e.g. <c>"compression loop at offset 12 (question)"</c>.</summary>
    /// <returns>The description (allocates).</returns>
    public override string ToString() => $"{Describe(Reason)} at offset {Offset} ({Section.ToString().ToLowerInvariant()})";

    /// <summary>A short English description of a reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>A constant string.</returns>
    public static string Describe(DnsDiagnosticReason reason) => reason switch
    {
        DnsDiagnosticReason.None => "no problem",
        DnsDiagnosticReason.MessageTooShort => "message shorter than the 12-byte header",
        DnsDiagnosticReason.Truncated => "message ends before the counted records",
        DnsDiagnosticReason.NameTruncated => "name runs past the end of its data",
        DnsDiagnosticReason.ReservedLabelType => "reserved label type (label length over 63)",
        DnsDiagnosticReason.NameTooLong => "name longer than 255 bytes",
        DnsDiagnosticReason.PointerOutsideMessage => "compression pointer outside the message",
        DnsDiagnosticReason.PointerIntoHeader => "compression pointer into the header",
        DnsDiagnosticReason.ForwardPointer => "compression pointer not to a prior occurrence",
        DnsDiagnosticReason.CompressionLoop => "compression pointer loop",
        DnsDiagnosticReason.RecordDataPastEnd => "record data past the end of the message",
        DnsDiagnosticReason.RecordDataLengthMismatch => "record data does not match its RDLENGTH",
        DnsDiagnosticReason.InvalidOptRecord => "misplaced or repeated OPT record",
        DnsDiagnosticReason.TrailingData => "bytes after the last record",
        _ => "unknown problem",
    };
}
