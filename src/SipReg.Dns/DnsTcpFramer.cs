using System.Buffers;
using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>
/// Finds DNS messages in a TCP byte stream: each is preceded by a 2-byte big-endian length (RFC 1035 §4.2.2,
/// RFC 7766 §8). Several messages may share a segment and one message (or even its length prefix) may span segments.
/// </summary>
/// <remarks>
/// The prefix caps a message at 65535 bytes, so a bad length cannot make a caller buffer more than that. A length
/// below the 12-byte header is still returned as a message (the decoder then reports it as malformed) so that the
/// stream keeps its framing.
/// </remarks>
public static class DnsTcpFramer
{
    /// <summary>Size of the length prefix.</summary>
    public const int PrefixLength = 2;

    /// <summary>Takes the next complete message from the front of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Unread stream bytes; on success it is sliced past the message, otherwise left as it was.</param>
    /// <param name="message">The message without its prefix, or empty.</param>
    /// <returns><see langword="true"/> when a message is complete; <see langword="false"/> when more data is needed.</returns>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        if (buffer.Length < PrefixLength)
        {
            message = default;
            return false;
        }

        int length;
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= PrefixLength)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(first);
        }
        else
        {
            // The prefix itself straddles two segments.
            Span<byte> prefix = stackalloc byte[PrefixLength];
            buffer.Slice(0, PrefixLength).CopyTo(prefix);
            length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        }

        if (buffer.Length < PrefixLength + length)
        {
            message = default;
            return false;
        }

        message = buffer.Slice(PrefixLength, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>Takes the next complete message from the front of a contiguous buffer.</summary>
    /// <param name="buffer">Unread stream bytes.</param>
    /// <param name="message">The message without its prefix, or empty.</param>
    /// <param name="consumed">Bytes to advance past (prefix and message), or 0.</param>
    /// <returns><see langword="true"/> when a message is complete; <see langword="false"/> when more data is needed.</returns>
    public static bool TryReadMessage(ReadOnlySpan<byte> buffer, out ReadOnlySpan<byte> message, out int consumed)
    {
        if (buffer.Length >= PrefixLength)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
            if (buffer.Length >= PrefixLength + length)
            {
                message = buffer.Slice(PrefixLength, length);
                consumed = PrefixLength + length;
                return true;
            }
        }

        message = default;
        consumed = 0;
        return false;
    }

    /// <summary>
    /// Gives a framed message as one span: itself when it is in one segment, else a copy in <paramref name="scratch"/>.
    /// </summary>
    /// <param name="message">A message from <see cref="TryReadMessage(ref ReadOnlySequence{byte}, out ReadOnlySequence{byte})"/>.</param>
    /// <param name="scratch">At least <c>message.Length</c> bytes (65535 always suffice).</param>
    /// <returns>The contiguous bytes.</returns>
    /// <exception cref="DnsException"><paramref name="scratch"/> is too small for a multi-segment message.</exception>
    public static ReadOnlySpan<byte> ToContiguous(in ReadOnlySequence<byte> message, Span<byte> scratch)
    {
        if (message.IsSingleSegment)
        {
            return message.FirstSpan;
        }

        if (scratch.Length < message.Length)
        {
            DnsThrow.InvalidArgument(nameof(scratch), "smaller than the message");
        }

        message.CopyTo(scratch);
        return scratch[..(int)message.Length];
    }
}
