using System.Diagnostics.CodeAnalysis;

namespace SipReg.Sip;

/// <summary>Throw helpers, kept out of the hot methods so those stay small.</summary>
internal static class SipThrow
{
    [DoesNotReturn]
    public static void Exception(SipExceptionReason reason) => throw new SipException(reason);

    [DoesNotReturn]
    public static void Exception(SipExceptionReason reason, int offset, ReadOnlySpan<byte> excerpt) =>
        throw new SipException(reason, offset, excerpt);
}
