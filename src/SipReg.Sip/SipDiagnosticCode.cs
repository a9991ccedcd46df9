namespace SipReg.Sip;

/// <summary>What is wrong (or unusual) in a SIP message or byte stream.</summary>
public enum SipDiagnosticCode
{
    /// <summary>No diagnostic.</summary>
    None = 0,

    /// <summary>Bytes before the start line that are neither a start line nor the CRLFs RFC 3261 §7.5 allows; they were skipped.</summary>
    JunkBeforeStartLine,

    /// <summary>No plausible request line or status line was found.</summary>
    NoStartLine,

    /// <summary>The start line is not a valid Request-Line or Status-Line (RFC 3261 §7.1, §7.2).</summary>
    MalformedStartLine,

    /// <summary>A line ends with a bare LF instead of CRLF (tolerated, as Wireshark does).</summary>
    BareLineFeed,

    /// <summary>A header line has no colon or an invalid field name; the line was ignored.</summary>
    MalformedHeaderLine,

    /// <summary>A continuation line (starting with SP/HTAB) has no header to continue; it was ignored.</summary>
    OrphanContinuationLine,

    /// <summary>A known header's value does not follow its RFC grammar.</summary>
    MalformedHeaderValue,

    /// <summary>The header section does not end with an empty line.</summary>
    MissingHeaderTerminator,

    /// <summary>The header section is larger than <see cref="SipParserOptions.MaxHeaderBytes"/>.</summary>
    HeaderSectionTooLarge,

    /// <summary>The message has more header fields than <see cref="SipParserOptions.MaxHeaderCount"/>.</summary>
    TooManyHeaders,

    /// <summary>A message on a stream has no Content-Length; RFC 3261 §18.3 requires one, 0 was assumed.</summary>
    MissingContentLength,

    /// <summary>Content-Length is not a non-negative decimal number; 0 was assumed.</summary>
    InvalidContentLength,

    /// <summary>Several Content-Length headers disagree; the first was used.</summary>
    ConflictingContentLength,

    /// <summary>Content-Length is larger than <see cref="SipParserOptions.MaxBodyBytes"/>.</summary>
    BodyTooLarge,

    /// <summary>Content-Length is larger than the bytes after the header section (RFC 3261 §18.3: for a datagram, the message is malformed).</summary>
    ContentLengthBeyondData,

    /// <summary>A datagram carries bytes after the body that Content-Length declares; RFC 3261 §18.3 says to discard them.</summary>
    BytesAfterBody,

    /// <summary>Bytes on a stream that do not start a SIP message or a keep-alive; they were skipped.</summary>
    UnexpectedStreamBytes,
}
