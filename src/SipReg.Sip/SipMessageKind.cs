namespace SipReg.Sip;

/// <summary>What a parsed message is.</summary>
public enum SipMessageKind
{
    /// <summary>No start line could be read; only diagnostics are available.</summary>
    Invalid = 0,

    /// <summary>A request (RFC 3261 §7.1).</summary>
    Request,

    /// <summary>A response (RFC 3261 §7.2).</summary>
    Response,
}
