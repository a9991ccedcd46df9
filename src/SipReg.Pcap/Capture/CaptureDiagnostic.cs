namespace SipReg.Pcap;

/// <summary>
/// Something wrong found in a readable capture: where (byte offset in the decompressed input, frame number) and what.
/// </summary>
/// <param name="Offset">Byte offset of the record or block where the problem was found, in the (decompressed) input.</param>
/// <param name="FrameNumber">1-based frame number of the packet concerned, or 0 when the problem is not about one packet.</param>
/// <param name="Message">What was wrong, in one line.</param>
/// <param name="IsFatal">True when reading stopped there (<see cref="CaptureReader.Error"/>).</param>
public sealed record CaptureDiagnostic(long Offset, long FrameNumber, string Message, bool IsFatal)
{
    /// <summary>The diagnostic as one line: <c>offset N[, frame F]: message</c>.</summary>
    /// <returns>The formatted line.</returns>
    public override string ToString() =>
        FrameNumber > 0 ? $"offset {Offset}, frame {FrameNumber}: {Message}" : $"offset {Offset}: {Message}";
}
