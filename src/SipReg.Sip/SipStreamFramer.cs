using System.Buffers;

namespace SipReg.Sip;

/// <summary>
/// Finds where SIP messages and keep-alives end in a byte stream (TCP/TLS), apart from parsing them:
/// header section up to the empty line, then <c>Content-Length</c> bytes of body (RFC 3261 §18.3).
/// </summary>
/// <remarks>
/// Messages may be split or batched anywhere. Call <c>Scan</c> on the unconsumed bytes: on
/// <see cref="SipFrameStatus.NeedMoreData"/> consume nothing and wait for more; otherwise consume
/// <see cref="SipFrame.Length"/> bytes and call again. CRLF ping/pong (RFC 5626 §3.5.1) and STUN (RFC 5389) are
/// recognised. Bare LF line endings are tolerated, as Wireshark does.
/// </remarks>
public static class SipStreamFramer
{
    /// <summary>Frames the next item at the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The unconsumed stream bytes.</param>
    /// <param name="isCompleted">True when no more bytes will come (a lone CRLF is then a pong, not the start of a ping; a
    /// start line without header end is then invalid). <see cref="SipFrameStatus.NeedMoreData"/> at completion means the
    /// remaining bytes are an incomplete message (e.g. a body cut short by the end of the capture).</param>
    /// <param name="options">The caps: a header section that does not end within <see cref="SipParserOptions.MaxHeaderBytes"/>
    /// is invalid; a <c>Content-Length</c> above <see cref="SipParserOptions.MaxBodyBytes"/> is reported and the body is not
    /// waited for (its bytes are resynchronised over).</param>
    /// <returns>What was found and its length.</returns>
    public static SipFrame Scan(in ReadOnlySequence<byte> buffer, bool isCompleted, SipParserOptions options)
    {
        var max = options.MaxHeaderBytes;
        if (buffer.IsSingleSegment || buffer.FirstSpan.Length >= Math.Min(buffer.Length, max))
        {
            var first = buffer.FirstSpan;
            return ScanCore(first[..(int)Math.Min(first.Length, max)], buffer.Length, isCompleted, options);
        }

        // The header section straddles segments: copy at most MaxHeaderBytes into a per-thread scratch buffer that
        // only ever grows, so framing allocates nothing once it has seen the largest header section.
        var n = (int)Math.Min(buffer.Length, max);
        var scratch = s_scratch;
        if (scratch is null || scratch.Length < n)
        {
            s_scratch = scratch = new byte[Math.Max(n, Math.Min(max, 4096))];
        }

        buffer.Slice(0, n).CopyTo(scratch);
        return ScanCore(scratch.AsSpan(0, n), buffer.Length, isCompleted, options);
    }

    [ThreadStatic]
    private static byte[]? s_scratch;

    /// <summary>Frames the next item at the start of a contiguous buffer.</summary>
    /// <param name="buffer">The unconsumed stream bytes.</param>
    /// <param name="isCompleted">True when no more bytes will come.</param>
    /// <param name="options">The caps.</param>
    /// <returns>What was found and its length.</returns>
    public static SipFrame Scan(ReadOnlySpan<byte> buffer, bool isCompleted, SipParserOptions options) =>
        ScanCore(buffer[..Math.Min(buffer.Length, options.MaxHeaderBytes)], buffer.Length, isCompleted, options);

    // s: the first bytes (at most MaxHeaderBytes) of the buffer; available: all bytes available.
    private static SipFrame ScanCore(ReadOnlySpan<byte> s, long available, bool isCompleted, SipParserOptions options)
    {
        if (s.IsEmpty)
        {
            return SipFrame.NeedMore;
        }

        var b0 = s[0];
        if (b0 == '\r')
        {
            return ScanCrlf(s, isCompleted);
        }

        if (b0 == '\n')
        {
            return SipFrame.Skip(1, SipDiagnosticCode.UnexpectedStreamBytes);
        }

        if ((b0 & 0xC0) == 0 && !SipSyntax.TokenChars.Contains(b0))
        {
            // RFC 5389 §6 / RFC 7983: STUN starts with two zero bits; a method token may start with a digit or
            // '!%*+-.' too, but STUN's first byte (message type, 0x00-0x3F) is never one of those.
            if (s.Length < 8)
            {
                return isCompleted ? SipFrame.Skip(s.Length, SipDiagnosticCode.UnexpectedStreamBytes) : SipFrame.NeedMore;
            }

            if (SipKeepAlive.IsStunHeader(s))
            {
                var length = SipKeepAlive.StunLength(s);
                return available >= length ? SipFrame.Alive(length, SipKeepAliveKind.Stun) : SipFrame.NeedMore;
            }

            return Resync(s, SipDiagnosticCode.UnexpectedStreamBytes);
        }

        var firstLf = s.IndexOf((byte)'\n');
        if (firstLf < 0)
        {
            if (!SipStartLine.CouldStart(s))
            {
                return SipFrame.Skip(s.Length, SipDiagnosticCode.UnexpectedStreamBytes);
            }

            return s.Length >= options.MaxHeaderBytes
                ? SipFrame.Skip(s.Length, SipDiagnosticCode.HeaderSectionTooLarge)
                : isCompleted ? SipFrame.Skip(s.Length, SipDiagnosticCode.MissingHeaderTerminator) : SipFrame.NeedMore;
        }

        if (!SipStartLine.IsPlausible(s[..firstLf]))
        {
            return Resync(s, SipDiagnosticCode.UnexpectedStreamBytes);
        }

        var headerEnd = FindHeaderEnd(s, firstLf);
        if (headerEnd < 0)
        {
            if (s.Length >= options.MaxHeaderBytes)
            {
                return Resync(s, SipDiagnosticCode.HeaderSectionTooLarge);
            }

            return isCompleted ? SipFrame.Skip((int)Math.Min(available, int.MaxValue), SipDiagnosticCode.MissingHeaderTerminator) : SipFrame.NeedMore;
        }

        var diagnostic = ReadContentLength(s[(firstLf + 1)..headerEnd], out var contentLength);
        if (contentLength > options.MaxBodyBytes)
        {
            diagnostic = SipDiagnosticCode.BodyTooLarge;
            contentLength = 0;
        }

        var total = headerEnd + contentLength;
        return available < total
            ? SipFrame.NeedMore
            : new SipFrame(SipFrameStatus.Message, (int)total, headerEnd, SipKeepAliveKind.None, diagnostic);
    }

    /// <summary>RFC 5626 §3.5.1: CRLFCRLF is a ping, a CRLF alone a pong; RFC 3261 §7.5 allows CRLFs between messages.</summary>
    private static SipFrame ScanCrlf(ReadOnlySpan<byte> s, bool isCompleted)
    {
        if (s.Length < 2)
        {
            return isCompleted ? SipFrame.Skip(1, SipDiagnosticCode.UnexpectedStreamBytes) : SipFrame.NeedMore;
        }

        if (s[1] != '\n')
        {
            return SipFrame.Skip(1, SipDiagnosticCode.UnexpectedStreamBytes);
        }

        if (s.Length == 2 || (s.Length == 3 && s[2] == '\r'))
        {
            return isCompleted ? SipFrame.Alive(2, SipKeepAliveKind.Pong) : SipFrame.NeedMore;
        }

        return s[2] == '\r' && s[3] == '\n' ? SipFrame.Alive(4, SipKeepAliveKind.Ping) : SipFrame.Alive(2, SipKeepAliveKind.Pong);
    }

    /// <summary>End of the header section (just after the empty line), tolerating bare LFs; -1 if not there yet.</summary>
    private static int FindHeaderEnd(ReadOnlySpan<byte> s, int firstLf)
    {
        var i = firstLf + 1;
        while (i < s.Length)
        {
            if (s[i] == '\n')
            {
                return i + 1;
            }

            if (s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
            {
                return i + 2;
            }

            var lf = s[i..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                return -1;
            }

            i += lf + 1;
        }

        return -1;
    }

    /// <summary>Content-Length (or its compact form <c>l</c>, RFC 3261 §7.3.3) of a header section; 0 with a diagnostic if absent or invalid.</summary>
    private static SipDiagnosticCode ReadContentLength(ReadOnlySpan<byte> headers, out long contentLength)
    {
        contentLength = 0;
        while (!headers.IsEmpty)
        {
            var lf = headers.IndexOf((byte)'\n');
            var line = lf < 0 ? headers : headers[..lf];
            headers = lf < 0 ? default : headers[(lf + 1)..];
            if (line.IsEmpty || line[0] == ' ' || line[0] == '\t')
            {
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = SipSyntax.Trim(line[..colon]);
            if (SipHeaderNames.Lookup(name) != SipHeaderName.ContentLength)
            {
                continue;
            }

            var value = SipSyntax.Trim(line[(colon + 1)..]);
            if (!SipSyntax.TryParseDecimal(value, 10, out contentLength))
            {
                contentLength = 0;
                return SipDiagnosticCode.InvalidContentLength;
            }

            return SipDiagnosticCode.None;
        }

        // RFC 3261 §18.3: Content-Length is mandatory on streams; without it the body is taken as empty.
        return SipDiagnosticCode.MissingContentLength;
    }

    /// <summary>Skips to the next line that looks like a start line, or to the last line start if none is complete.</summary>
    private static SipFrame Resync(ReadOnlySpan<byte> s, SipDiagnosticCode code)
    {
        var i = s.IndexOf((byte)'\n');
        var lastLineStart = -1;
        while (i >= 0 && i + 1 < s.Length)
        {
            var start = i + 1;
            lastLineStart = start;
            var lf = s[start..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                break;
            }

            if (SipStartLine.IsPlausible(s[start..(start + lf)]))
            {
                return SipFrame.Skip(start, code);
            }

            i = start + lf;
        }

        return SipFrame.Skip(lastLineStart > 0 ? lastLineStart : s.Length, code);
    }
}
