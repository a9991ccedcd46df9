namespace SipReg.Dns;

/// <summary>
/// The one exception type of SipReg.Dns, thrown only for misuse of the API. Malformed DNS bytes never throw: they
/// come back as <see cref="DnsDiagnostic"/>s on the <see cref="DnsMessage"/>.
/// </summary>
public sealed class DnsException : Exception
{
    /// <summary>Creates the exception from its reason and a one-line explanation.</summary>
    /// <param name="reason">Why the call was rejected.</param>
    /// <param name="message">What was wrong, in one line.</param>
    public DnsException(DnsExceptionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the call was rejected.</summary>
    public DnsExceptionReason Reason { get; }
}
