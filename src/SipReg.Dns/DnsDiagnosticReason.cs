namespace SipReg.Dns;

/// <summary>What is wrong with a DNS message, at a <see cref="DnsDiagnostic.Offset"/>.</summary>
public enum DnsDiagnosticReason : byte
{
    /// <summary>Nothing is wrong.</summary>
    None = 0,

    /// <summary>The message is shorter than the 12-byte header (RFC 1035 §4.1.1).</summary>
    MessageTooShort = 1,

    /// <summary>The message ends before all the questions/records its header counts (partial data is kept).</summary>
    Truncated = 2,

    /// <summary>A name runs past the end of the message (or past the end of the RDATA holding it).</summary>
    NameTruncated = 3,

    /// <summary>A label length byte uses a reserved label type 01 or 10 (values 64-191): RFC 1035 §4.1.4, RFC 6891 §5.</summary>
    ReservedLabelType = 4,

    /// <summary>A name is longer than 255 bytes in wire form (RFC 1035 §3.1).</summary>
    NameTooLong = 5,

    /// <summary>A compression pointer points past the end of the message.</summary>
    PointerOutsideMessage = 6,

    /// <summary>A compression pointer points into the 12-byte header.</summary>
    PointerIntoHeader = 7,

    /// <summary>
    /// A compression pointer points forward: RFC 1035 §4.1.4 allows only pointers to a prior occurrence.
    /// Reported unless <see cref="DnsDecoderOptions.AllowForwardPointers"/> is set.
    /// </summary>
    ForwardPointer = 8,

    /// <summary>Compression pointers loop (a pointer to itself, or more hops than <see cref="DnsDecoderOptions.MaxCompressionHops"/>).</summary>
    CompressionLoop = 9,

    /// <summary>A record's RDLENGTH runs past the end of the message.</summary>
    RecordDataPastEnd = 10,

    /// <summary>A record's typed data does not consume exactly RDLENGTH bytes (too short or too long for its type).</summary>
    RecordDataLengthMismatch = 11,

    /// <summary>There is more than one OPT record, or one outside the additional section (RFC 6891 §6.1.1).</summary>
    InvalidOptRecord = 12,

    /// <summary>Bytes remain after the last record the header counts. Not malformed by itself.</summary>
    TrailingData = 13,
}
