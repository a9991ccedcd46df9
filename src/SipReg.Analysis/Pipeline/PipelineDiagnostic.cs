namespace SipReg.Analysis.Pipeline;

/// <summary>A problem found while reading a capture: where (byte offset and/or frame) and what.</summary>
/// <param name="Offset">Byte offset in the (decompressed) capture, or -1 when the problem is not at a file position.</param>
/// <param name="FrameNumber">1-based frame number, or 0 when the problem is not in a frame.</param>
/// <param name="Message">What was wrong, in one line.</param>
public sealed record PipelineDiagnostic(long Offset, long FrameNumber, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        (FrameNumber > 0 ? "frame " + FrameNumber + ": " : "") + (Offset >= 0 ? "offset " + Offset + ": " : "") + Message;
}
