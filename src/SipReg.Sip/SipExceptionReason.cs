namespace SipReg.Sip;

/// <summary>Why a <see cref="SipException"/> was thrown: always a misuse of the API, never bad message bytes.</summary>
public enum SipExceptionReason
{
    /// <summary>An index is outside the collection it addresses.</summary>
    IndexOutOfRange = 1,

    /// <summary>The input is larger than the caps allow the parser to copy.</summary>
    InputTooLarge,

    /// <summary>An argument has a value the method does not accept.</summary>
    InvalidArgument,
}
