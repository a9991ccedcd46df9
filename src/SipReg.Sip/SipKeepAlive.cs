using System.Buffers.Binary;

namespace SipReg.Sip;

/// <summary>Recognises keep-alives sent on a SIP port: CRLF ping/pong (RFC 5626) and STUN (RFC 5389).</summary>
public static class SipKeepAlive
{
    /// <summary>The STUN magic cookie at offset 4 (RFC 5389 §6).</summary>
    internal const uint StunMagicCookie = 0x2112A442;

    /// <summary>Size of the STUN header (RFC 5389 §6).</summary>
    internal const int StunHeaderLength = 20;

    /// <summary>Classifies a whole UDP datagram (or any complete payload).</summary>
    /// <param name="payload">The datagram's payload.</param>
    /// <returns>The keep-alive kind, or <see cref="SipKeepAliveKind.None"/> for anything else (including a SIP message).</returns>
    public static SipKeepAliveKind Classify(ReadOnlySpan<byte> payload)
    {
        if (payload.SequenceEqual("\r\n\r\n"u8))
        {
            return SipKeepAliveKind.Ping;
        }

        if (payload.SequenceEqual("\r\n"u8))
        {
            return SipKeepAliveKind.Pong;
        }

        return IsStunHeader(payload) && StunLength(payload) == payload.Length ? SipKeepAliveKind.Stun : SipKeepAliveKind.None;
    }

    /// <summary>
    /// RFC 5389 §6: the two most significant bits are zero and the magic cookie is at offset 4; the message length
    /// (after the 20-byte header) is a multiple of 4.
    /// </summary>
    internal static bool IsStunHeader(ReadOnlySpan<byte> header) =>
        header.Length >= 8 && (header[0] & 0xC0) == 0 && BinaryPrimitives.ReadUInt32BigEndian(header[4..]) == StunMagicCookie
        && (BinaryPrimitives.ReadUInt16BigEndian(header[2..]) & 3) == 0;

    /// <summary>Whole length of a STUN message from its header.</summary>
    internal static int StunLength(ReadOnlySpan<byte> header) => StunHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
}
