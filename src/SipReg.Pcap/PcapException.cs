namespace SipReg.Pcap;

/// <summary>
/// The one exception type of SipReg.Pcap: thrown for API misuse and for input that cannot be read as a capture at all
/// (unknown magic, empty file). Damage inside a readable capture is reported as a diagnostic instead.
/// </summary>
public sealed class PcapException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/> in the input.</summary>
    /// <param name="message">What was wrong, in one line.</param>
    /// <param name="offset">Byte offset in the (decompressed) input where the problem was found, or -1 when not located.</param>
    public PcapException(string message, long offset = -1)
        : base(offset >= 0 ? $"{message} (at byte offset {offset})" : message)
    {
        Offset = offset;
    }

    /// <summary>Creates the exception with an inner exception (an I/O or decompression error).</summary>
    /// <param name="message">What was wrong, in one line.</param>
    /// <param name="offset">Byte offset where the problem was found, or -1.</param>
    /// <param name="inner">The underlying error.</param>
    public PcapException(string message, long offset, Exception inner)
        : base(offset >= 0 ? $"{message} (at byte offset {offset})" : message, inner)
    {
        Offset = offset;
    }

    /// <summary>Byte offset in the (decompressed) input where the problem was found, or -1 when not located.</summary>
    public long Offset { get; }

    /// <summary>Creates the exception with a reason that callers can act on (an exit code, a message of their own).</summary>
    /// <param name="reason">Why the input or call was refused.</param>
    /// <param name="message">What was wrong, in one line.</param>
    /// <param name="offset">Byte offset where the problem was found, or -1.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public PcapException(PcapExceptionReason reason, string message, long offset = -1, Exception? inner = null)
        : base(offset >= 0 ? $"{message} (at byte offset {offset})" : message, inner)
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Why the exception was thrown (<see cref="PcapExceptionReason.Unspecified"/> when not classified).</summary>
    public PcapExceptionReason Reason { get; }
}
