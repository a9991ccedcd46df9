namespace SipReg.Sip;

/// <summary>What <see cref="SipStreamFramer"/> found at the start of a stream buffer.</summary>
public enum SipFrameStatus
{
    /// <summary>Not enough bytes to decide; consume nothing and call again with more data.</summary>
    NeedMoreData = 0,

    /// <summary>A complete SIP message of <see cref="SipFrame.Length"/> bytes.</summary>
    Message,

    /// <summary>A complete keep-alive of <see cref="SipFrame.Length"/> bytes (see <see cref="SipFrame.KeepAlive"/>).</summary>
    KeepAlive,

    /// <summary>Bytes that start neither a message nor a keep-alive: skip <see cref="SipFrame.Length"/> bytes to resynchronise.</summary>
    Invalid,
}
