namespace SipReg.Dns;

/// <summary>Why a <see cref="DnsException"/> was thrown: always misuse of the API, never bad bytes in a message.</summary>
public enum DnsExceptionReason
{
    /// <summary>An option value is out of its documented range.</summary>
    InvalidOption = 1,

    /// <summary>A record was asked for a typed view of another type (e.g. SRV data of an A record).</summary>
    WrongRecordType = 2,

    /// <summary>An argument is out of range (e.g. a capacity of zero or an address longer than 16 bytes).</summary>
    InvalidArgument = 3,
}
