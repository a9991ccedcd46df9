namespace SipReg.Sip;

/// <summary>A located finding about a SIP message: what, at which byte and on which line.</summary>
/// <param name="Code">What was found.</param>
/// <param name="Offset">0-based byte offset in the bytes handed to the parser or framer.</param>
/// <param name="LineNumber">1-based line number in those bytes (0 when not about a line).</param>
public readonly record struct SipDiagnostic(SipDiagnosticCode Code, int Offset, int LineNumber)
{
    /// <summary>A short text such as <c>MalformedHeaderValue at byte 120 (line 4)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        LineNumber > 0 ? $"{Code} at byte {Offset} (line {LineNumber})" : $"{Code} at byte {Offset}";
}
