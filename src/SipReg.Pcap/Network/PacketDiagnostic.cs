namespace SipReg.Pcap;

/// <summary>A located finding of the <see cref="PacketDecoder"/>: which frame, what kind, and a one-line description.</summary>
/// <param name="FrameNumber">1-based frame number of the record concerned (for a set of records, the last one seen).</param>
/// <param name="Kind">What the diagnostic is about.</param>
/// <param name="Message">One line saying what was found, e.g. "IPv4 header length 16 is less than 20".</param>
public readonly record struct PacketDiagnostic(long FrameNumber, PacketDiagnosticKind Kind, string Message)
{
    /// <summary>The diagnostic as "frame N: message".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"frame {FrameNumber}: {Message}";
}
