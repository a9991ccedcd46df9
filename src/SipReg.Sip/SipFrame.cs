namespace SipReg.Sip;

/// <summary>The result of <see cref="SipStreamFramer"/>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Length">Bytes of the message or keep-alive, or bytes to skip when <see cref="SipFrameStatus.Invalid"/>; 0 when more data is needed.</param>
/// <param name="HeaderLength">For a message: bytes of the start line and header section including the empty line.</param>
/// <param name="KeepAlive">For a keep-alive: which kind.</param>
/// <param name="Diagnostic">The first problem found while framing (e.g. a missing Content-Length, a cap reached), or None.</param>
public readonly record struct SipFrame(SipFrameStatus Status, int Length, int HeaderLength, SipKeepAliveKind KeepAlive, SipDiagnosticCode Diagnostic)
{
    internal static SipFrame NeedMore => default;

    internal static SipFrame Skip(int length, SipDiagnosticCode code) => new(SipFrameStatus.Invalid, Math.Max(1, length), 0, SipKeepAliveKind.None, code);

    internal static SipFrame Alive(int length, SipKeepAliveKind kind) => new(SipFrameStatus.KeepAlive, length, 0, kind, SipDiagnosticCode.None);
}
