using System.Text;

namespace SipReg.Sip;

/// <summary>
/// The one exception type of SipReg.Sip. It reports misuse of the API; malformed SIP bytes are never an exception
/// (they produce <see cref="SipDiagnostic"/>s).
/// </summary>
public sealed class SipException : Exception
{
    private const int MaxExcerptBytes = 32;

    /// <summary>Creates the exception from a reason, an offset and the bytes involved (escaped and cut short in the message).</summary>
    /// <param name="reason">Why it was thrown.</param>
    /// <param name="offset">The 0-based offset or index concerned, or -1.</param>
    /// <param name="excerpt">The bytes concerned; only the first 32 are kept in the message.</param>
    public SipException(SipExceptionReason reason, int offset, ReadOnlySpan<byte> excerpt)
        : base(BuildMessage(reason, offset, excerpt))
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception from a reason alone.</summary>
    /// <param name="reason">Why it was thrown.</param>
    public SipException(SipExceptionReason reason)
        : this(reason, -1, default)
    {
    }

    /// <summary>Creates an exception with <see cref="SipExceptionReason.InvalidArgument"/> and a message.</summary>
    public SipException()
        : this(SipExceptionReason.InvalidArgument)
    {
    }

    /// <summary>Creates an exception with <see cref="SipExceptionReason.InvalidArgument"/> and a message.</summary>
    /// <param name="message">The message.</param>
    public SipException(string message)
        : base(message)
    {
        Reason = SipExceptionReason.InvalidArgument;
        Offset = -1;
    }

    /// <summary>Creates an exception with <see cref="SipExceptionReason.InvalidArgument"/>, a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SipException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = SipExceptionReason.InvalidArgument;
        Offset = -1;
    }

    /// <summary>Why it was thrown.</summary>
    public SipExceptionReason Reason { get; }

    /// <summary>The 0-based offset or index concerned, or -1.</summary>
    public int Offset { get; }

    private static string BuildMessage(SipExceptionReason reason, int offset, ReadOnlySpan<byte> excerpt)
    {
        var text = new StringBuilder(reason.ToString());
        if (offset >= 0)
        {
            text.Append(" at ").Append(offset);
        }

        if (!excerpt.IsEmpty)
        {
            text.Append(": '");
            var n = Math.Min(excerpt.Length, MaxExcerptBytes);
            for (var i = 0; i < n; i++)
            {
                var b = excerpt[i];
                if (b is >= 0x20 and < 0x7F && b != (byte)'\\')
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append(b switch { (byte)'\r' => "\\r", (byte)'\n' => "\\n", (byte)'\t' => "\\t", (byte)'\\' => "\\\\", _ => $"\\x{b:X2}" });
                }
            }

            text.Append('\'');
            if (excerpt.Length > MaxExcerptBytes)
            {
                text.Append("...");
            }
        }

        return text.ToString();
    }
}
