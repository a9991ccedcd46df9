namespace SipReg.Pcap;

/// <summary>Why a <see cref="PcapException"/> was thrown.</summary>
public enum PcapExceptionReason
{
    /// <summary>Not classified (API misuse reported by message only).</summary>
    Unspecified = 0,

    /// <summary>The input holds no bytes at all.</summary>
    EmptyInput,

    /// <summary>The first four bytes are neither a pcap magic nor a pcapng Section Header Block.</summary>
    UnknownMagic,

    /// <summary>The input ends before a whole magic number.</summary>
    TooShort,

    /// <summary>The input starts as gzip but its compressed data cannot be read.</summary>
    CorruptCompression,

    /// <summary>The API was used in a way it does not allow (e.g. a pcapng-only call on a pcap writer).</summary>
    Misuse,
}
