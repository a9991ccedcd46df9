namespace SipReg.Dns;

/// <summary>The parts of a DNS message (RFC 1035 §4.1).</summary>
public enum DnsSection : byte
{
    /// <summary>The 12-byte header.</summary>
    Header = 0,

    /// <summary>The question section.</summary>
    Question = 1,

    /// <summary>The answer section.</summary>
    Answer = 2,

    /// <summary>The authority section.</summary>
    Authority = 3,

    /// <summary>The additional section.</summary>
    Additional = 4,
}
