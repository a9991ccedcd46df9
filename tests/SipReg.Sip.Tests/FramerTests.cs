using System.Buffers;
using System.Buffers.Binary;
using static SipReg.Sip.Tests.TestText;

namespace SipReg.Sip.Tests;

public class FramerTests
{
    private static readonly SipParserOptions s_options = default;

    private static SipFrame Scan(byte[] bytes, bool completed = false) => SipStreamFramer.Scan(new ReadOnlySequence<byte>(bytes), completed, s_options);

    private static byte[] WithBody(string body) =>
        B($"MESSAGE sip:x SIP/2.0\r\nCall-ID: b\r\nContent-Length: {body.Length}\r\n\r\n{body}").ToArray();

    [Fact]
    public void Whole_message_is_framed_by_header_end_and_content_length()
    {
        var bytes = WithBody("hello");
        var f = Scan(bytes);
        Assert.Equal(SipFrameStatus.Message, f.Status);
        Assert.Equal(bytes.Length, f.Length);
        Assert.Equal(bytes.Length - 5, f.HeaderLength);
        Assert.Equal(SipDiagnosticCode.None, f.Diagnostic);
    }

    [Fact]
    public void Every_prefix_needs_more_data_and_consumes_nothing()
    {
        foreach (var text in new[] { Register, Unauthorized, Ok })
        {
            var bytes = B(text).ToArray();
            for (var n = 0; n < bytes.Length; n++)
            {
                var f = Scan(bytes[..n]);
                Assert.Equal(SipFrameStatus.NeedMoreData, f.Status);
                Assert.Equal(0, f.Length);
            }

            Assert.Equal(bytes.Length, Scan(bytes).Length);
        }

        var withBody = WithBody("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        for (var n = 0; n < withBody.Length; n++)
        {
            Assert.Equal(SipFrameStatus.NeedMoreData, Scan(withBody[..n]).Status);
        }
    }

    [Fact]
    public void One_byte_per_segment_frames_like_the_whole()
    {
        var bytes = WithBody("0123456789");
        var f = SipStreamFramer.Scan(Segments.Split(bytes, 1), false, s_options);
        Assert.Equal(new SipFrame(SipFrameStatus.Message, bytes.Length, bytes.Length - 10, SipKeepAliveKind.None, SipDiagnosticCode.None), f);
    }

    [Fact]
    public void Batched_messages_are_framed_one_after_the_other()
    {
        var a = WithBody("first");
        var b = B(Ok).ToArray();
        var all = a.Concat(b).Concat(a).ToArray();
        var lengths = new List<int>();
        var rest = new ReadOnlySequence<byte>(all);
        while (!rest.IsEmpty)
        {
            var f = SipStreamFramer.Scan(rest, false, s_options);
            Assert.Equal(SipFrameStatus.Message, f.Status);
            lengths.Add(f.Length);
            rest = rest.Slice(f.Length);
        }

        Assert.Equal([a.Length, b.Length, a.Length], lengths);
    }

    [Fact]
    public void Compact_content_length_frames_the_body()
    {
        var bytes = B("MESSAGE sip:x SIP/2.0\r\nl: 3\r\n\r\nabcMESSAGE").ToArray();
        Assert.Equal(bytes.Length - 7, Scan(bytes).Length);
    }

    [Fact]
    public void Bare_lf_header_end_is_tolerated()
    {
        var bytes = B("OPTIONS sip:x SIP/2.0\nContent-Length: 2\n\nokNEXT").ToArray();
        Assert.Equal(bytes.Length - 4, Scan(bytes).Length);
    }

    [Fact]
    public void Missing_content_length_on_a_stream_is_zero_with_a_diagnostic()
    {
        // RFC 3261 §18.3: Content-Length MUST be used with stream-oriented transports.
        var bytes = B("OPTIONS sip:x SIP/2.0\r\nCall-ID: a\r\n\r\nXYZ").ToArray();
        var f = Scan(bytes);
        Assert.Equal(bytes.Length - 3, f.Length);
        Assert.Equal(SipDiagnosticCode.MissingContentLength, f.Diagnostic);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("99999999999")]
    public void Garbage_content_length_is_zero_with_a_diagnostic(string value)
    {
        var bytes = B($"OPTIONS sip:x SIP/2.0\r\nContent-Length: {value}\r\n\r\n").ToArray();
        var f = Scan(bytes);
        Assert.Equal(SipFrameStatus.Message, f.Status);
        Assert.Equal(bytes.Length, f.Length);
        Assert.Equal(SipDiagnosticCode.InvalidContentLength, f.Diagnostic);
    }

    [Fact]
    public void Content_length_above_the_body_cap_is_not_waited_for()
    {
        var bytes = B("OPTIONS sip:x SIP/2.0\r\nContent-Length: 1000\r\n\r\n").ToArray();
        var f = SipStreamFramer.Scan(new ReadOnlySequence<byte>(bytes), false, new SipParserOptions { MaxBodyBytes = 100 });
        Assert.Equal(SipFrameStatus.Message, f.Status);
        Assert.Equal(bytes.Length, f.Length);
        Assert.Equal(SipDiagnosticCode.BodyTooLarge, f.Diagnostic);
    }

    [Fact]
    public void Header_section_above_the_cap_is_invalid()
    {
        var bytes = B("OPTIONS sip:x SIP/2.0\r\nX: " + new string('a', 500)).ToArray();
        var f = SipStreamFramer.Scan(new ReadOnlySequence<byte>(bytes), false, new SipParserOptions { MaxHeaderBytes = 200 });
        Assert.Equal(SipFrameStatus.Invalid, f.Status);
        Assert.Equal(SipDiagnosticCode.HeaderSectionTooLarge, f.Diagnostic);
        Assert.True(f.Length > 0);
    }

    [Fact]
    public void Crlf_ping_and_pong_are_keep_alives()
    {
        // RFC 5626 §3.5.1: the client sends CRLFCRLF (ping), the server answers CRLF (pong).
        var ping = Scan("\r\n\r\nOPTIONS"u8.ToArray());
        Assert.Equal(SipFrame.Alive(4, SipKeepAliveKind.Ping), ping);
        var pong = Scan("\r\nOPTIONS sip:x SIP/2.0"u8.ToArray());
        Assert.Equal(SipFrame.Alive(2, SipKeepAliveKind.Pong), pong);
        Assert.Equal(SipFrameStatus.NeedMoreData, Scan("\r\n"u8.ToArray()).Status);
        Assert.Equal(SipFrame.Alive(2, SipKeepAliveKind.Pong), Scan("\r\n"u8.ToArray(), completed: true));
    }

    [Fact]
    public void Stun_on_the_stream_is_a_keep_alive()
    {
        var stun = StunBindingRequest(8);
        Assert.Equal(SipFrame.Alive(28, SipKeepAliveKind.Stun), Scan(stun));
        Assert.Equal(SipFrameStatus.NeedMoreData, Scan(stun[..10]).Status);
    }

    [Fact]
    public void Garbage_resyncs_at_the_next_start_line()
    {
        var junk = "\u0001\u0002binary junk\r\nmore\r\n";
        var bytes = B(junk + Register).ToArray();
        var f = Scan(bytes);
        Assert.Equal(SipFrameStatus.Invalid, f.Status);
        Assert.Equal(B(junk).Length, f.Length);
        Assert.Equal(SipFrameStatus.Message, Scan(bytes[f.Length..]).Status);
    }

    [Fact]
    public void Text_junk_line_is_skipped()
    {
        var bytes = B("hello there\r\n" + Register).ToArray();
        var f = Scan(bytes);
        Assert.Equal(SipFrameStatus.Invalid, f.Status);
        Assert.Equal(13, f.Length);
    }

    [Fact]
    public void Classify_datagrams()
    {
        Assert.Equal(SipKeepAliveKind.Ping, SipKeepAlive.Classify("\r\n\r\n"u8));
        Assert.Equal(SipKeepAliveKind.Pong, SipKeepAlive.Classify("\r\n"u8));
        Assert.Equal(SipKeepAliveKind.Stun, SipKeepAlive.Classify(StunBindingRequest(0)));
        Assert.Equal(SipKeepAliveKind.Stun, SipKeepAlive.Classify(StunBindingRequest(12)));
        Assert.Equal(SipKeepAliveKind.None, SipKeepAlive.Classify(B(Register)));
        Assert.Equal(SipKeepAliveKind.None, SipKeepAlive.Classify(StunBindingRequest(12)[..24]));
        Assert.Equal(SipKeepAliveKind.None, SipKeepAlive.Classify("\r\n\r\n\r\n"u8));
        var badCookie = StunBindingRequest(0);
        badCookie[4] = 0;
        Assert.Equal(SipKeepAliveKind.None, SipKeepAlive.Classify(badCookie));
    }

    /// <summary>An RFC 5389 §6 binding request: type 0x0001, length, magic cookie, 96-bit transaction id, attributes.</summary>
    internal static byte[] StunBindingRequest(int attributeBytes)
    {
        var b = new byte[20 + attributeBytes];
        BinaryPrimitives.WriteUInt16BigEndian(b, 0x0001);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)attributeBytes);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), 0x2112A442);
        for (var i = 8; i < 20; i++)
        {
            b[i] = (byte)i;
        }

        return b;
    }
}
