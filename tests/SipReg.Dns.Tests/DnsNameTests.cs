namespace SipReg.Dns.Tests;

public class DnsNameTests
{
    // Header of a response with one question and the given answer count.
    private const string Response1Q = "beef 8180 0001";

    private static string Text(DnsName name) => DnsTestDescriber.Text(name);

    [Fact]
    public void Compressed_names_follow_pointers_to_prior_names_RFC1035_4_1_4()
    {
        // Question f.isi.arpa at 12; answer owner "foo" + pointer to 12; CNAME data: pointer to "arpa" (offset 18).
        var bytes = Hex.Bytes($"""
            {Response1Q} 0001 0000 0000
            01 66 03 697369 04 61727061 00  0001 0001     # f.isi.arpa A IN  (12..23, arpa at 18)
            03 666f6f c00c  0005 0001 00000e10 0002 c012  # foo.f.isi.arpa CNAME arpa
            """);
        var message = DnsMessage.Read(bytes);
        Assert.False(message.IsMalformed);
        Assert.True(message.TryGetFirstQuestion(out var q));
        Assert.Equal("f.isi.arpa", Text(q.Name));
        var answers = message.Answers;
        Assert.True(answers.MoveNext());
        Assert.Equal("foo.f.isi.arpa", Text(answers.Current.Name));
        Assert.True(answers.Current.TryGetDomainName(out var cname));
        Assert.Equal("arpa", Text(cname));
        Assert.True(answers.Current.Name.NameEquals("FOO.f.ISI.arpa."));
        Assert.False(answers.Current.Name.NameEquals("foo.f.isi"));
    }

    [Fact]
    public void Pointer_to_itself_is_a_loop_and_terminates()
    {
        var message = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000  c00c 0001 0001"));
        Assert.True(message.IsMalformed);
        Assert.Equal(new DnsDiagnostic(12, DnsSection.Question, DnsDiagnosticReason.CompressionLoop), message.GetDiagnostic(0));
        // The name's end is still known (2 bytes), so the question itself is kept.
        Assert.True(message.TryGetFirstQuestion(out var q));
        Assert.False(q.Name.IsValid);
        Assert.Equal("<compression pointer loop>", q.Name.ToString());
    }

    [Fact]
    public void Label_then_pointer_to_that_pointer_is_a_loop()
    {
        var message = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000  03 736970 c010 0001 0001"));
        Assert.Equal(DnsDiagnosticReason.CompressionLoop, message.GetDiagnostic(0).Reason);
        Assert.Equal(16, message.GetDiagnostic(0).Offset);
    }

    [Fact]
    public void Two_cycle_across_records_terminates_in_both_modes()
    {
        // Answer 1 (at 12) owner = pointer to answer 2's owner (at 28); answer 2 owner = "a" + pointer to 12.
        var bytes = Hex.Bytes("""
            beef 8180 0000 0002 0000 0000
            c01c 0001 0001 00000001 0004 c0000201   # 12..27
            01 61 c00c 0001 0001 00000001 0004 c0000202
            """);
        var strict = DnsMessage.Read(bytes);
        Assert.True(strict.IsMalformed);
        var lenient = DnsMessage.Read(bytes, new DnsDecoderOptions { AllowForwardPointers = true });
        Assert.True(lenient.IsMalformed);
        Assert.Equal(DnsDiagnosticReason.CompressionLoop, lenient.GetDiagnostic(0).Reason);
        Assert.Equal(DnsDiagnosticReason.CompressionLoop, strict.GetDiagnostic(0).Reason);
        Assert.Equal(2, strict.GetReadCount(DnsSection.Answer));
    }

    [Fact]
    public void Forward_pointer_is_malformed_when_strict_as_edge_manifest_dns_pointer_forward_outside_expects()
    {
        // edge/manifest.json, dns_pointer_forward_outside.pcap response 1: "RFC 1035 requires pointers to a PRIOR
        // occurrence -> expected: treat as malformed (strict). A lenient reader may decode it; say which."
        // Question name = pointer to the CNAME data further on (offset 30: sip1.example.com).
        var bytes = Hex.Bytes($"""
            {Response1Q} 0001 0000 0000
            c01e 0005 0001                                   # 12..17
            c00c 0005 0001 00000e10 0012                     # 18..29
            04 73697031 07 6578616d706c65 03 636f6d 00       # 30..47 sip1.example.com
            """);
        var strict = DnsMessage.Read(bytes);
        Assert.True(strict.IsMalformed);
        Assert.Equal(new DnsDiagnostic(12, DnsSection.Question, DnsDiagnosticReason.ForwardPointer), strict.GetDiagnostic(0));

        var lenient = DnsMessage.Read(bytes, new DnsDecoderOptions { AllowForwardPointers = true });
        Assert.False(lenient.IsMalformed);
        Assert.True(lenient.TryGetFirstQuestion(out var q));
        Assert.Equal("sip1.example.com", Text(q.Name));
    }

    [Theory]
    [InlineData("c0ff", DnsDiagnosticReason.PointerOutsideMessage)]
    [InlineData("ffff", DnsDiagnosticReason.PointerOutsideMessage)]
    [InlineData("c002", DnsDiagnosticReason.PointerIntoHeader)]
    [InlineData("40", DnsDiagnosticReason.ReservedLabelType)]
    [InlineData("80", DnsDiagnosticReason.ReservedLabelType)]
    [InlineData("bf", DnsDiagnosticReason.ReservedLabelType)]
    public void Bad_pointers_and_reserved_label_types_are_located(string name, DnsDiagnosticReason reason)
    {
        var message = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000 {name} 0001 0001"));
        Assert.True(message.IsMalformed);
        Assert.Equal(reason, message.GetDiagnostic(0).Reason);
        Assert.Equal(12, message.GetDiagnostic(0).Offset);
    }

    private static string LabelHex(int length) => length.ToString("x2") + string.Concat(Enumerable.Repeat("61", length));

    [Fact]
    public void A_255_byte_name_is_valid_and_256_is_too_long_RFC1035_3_1()
    {
        // 63+63+63+61 label bytes + 4 length bytes + the root byte = 255.
        string max = LabelHex(63) + LabelHex(63) + LabelHex(63) + LabelHex(61) + "00";
        var ok = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000 {max} 0001 0001"));
        Assert.False(ok.IsMalformed);
        Assert.True(ok.TryGetFirstQuestion(out var q));
        Span<char> buffer = stackalloc char[DnsName.MaxFormattedLength];
        Assert.True(q.Name.TryFormat(buffer, out int written));
        Assert.Equal(253, written);

        string over = LabelHex(63) + LabelHex(63) + LabelHex(63) + LabelHex(62) + "00";
        var bad = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000 {over} 0001 0001"));
        Assert.Equal(DnsDiagnosticReason.NameTooLong, bad.GetDiagnostic(0).Reason);
    }

    [Fact]
    public void Label_plus_pointer_to_a_255_byte_name_is_too_long()
    {
        string max = LabelHex(63) + LabelHex(63) + LabelHex(63) + LabelHex(61) + "00";
        var bytes = Hex.Bytes($"""
            beef 8180 0001 0001 0000 0000
            {max} 0001 0001
            {LabelHex(63)} c00c 0001 0001 00000001 0004 01020304
            """);
        var message = DnsMessage.Read(bytes);
        Assert.True(message.IsMalformed);
        Assert.Equal(DnsSection.Answer, message.GetDiagnostic(0).Section);
        Assert.Equal(DnsDiagnosticReason.NameTooLong, message.GetDiagnostic(0).Reason);
        Assert.Equal(1, message.GetReadCount(DnsSection.Answer));
    }

    [Fact]
    public void Hop_limit_is_configurable()
    {
        // A chain: "a" at 12, then names that are one pointer each to the previous one.
        var bytes = Hex.Bytes("""
            beef 8180 0004 0000 0000 0000
            01 61 00 0001 0001     # 12: a
            c00c 0001 0001         # 19: -> 12
            c013 0001 0001         # 25: -> 19
            c019 0001 0001         # 31: -> 25 (3 hops)
            """);
        Assert.False(DnsMessage.Read(bytes).IsMalformed);
        var limited = DnsMessage.Read(bytes, new DnsDecoderOptions { MaxCompressionHops = 2 });
        Assert.Equal(new DnsDiagnostic(19, DnsSection.Question, DnsDiagnosticReason.CompressionLoop), limited.GetDiagnostic(0));
        Assert.Equal(DnsDecoderOptions.DefaultMaxCompressionHops, default(DnsDecoderOptions).MaxCompressionHops);
        var ex = Assert.Throws<DnsException>(() => new DnsDecoderOptions { MaxCompressionHops = 0 });
        Assert.Equal(DnsExceptionReason.InvalidOption, ex.Reason);
    }

    [Fact]
    public void Formatting_escapes_dots_backslashes_and_unprintable_bytes_RFC1035_5_1()
    {
        var message = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000  04 612e5c01 03 636f6d 00 0001 0001"));
        Assert.True(message.TryGetFirstQuestion(out var q));
        Assert.Equal(@"a\.\\\001.com", q.Name.ToString());
        Span<byte> small = stackalloc byte[5];
        Assert.False(q.Name.TryFormatUtf8(small, out _));
        Span<byte> utf8 = stackalloc byte[64];
        Assert.True(q.Name.TryFormatUtf8(utf8, out int n));
        Assert.Equal(@"a\.\\\001.com", System.Text.Encoding.ASCII.GetString(utf8[..n]));
    }

    [Fact]
    public void Root_name_formats_as_a_dot_and_equals_empty()
    {
        var message = DnsMessage.Read(Hex.Bytes($"{Response1Q} 0000 0000 0000  00 0002 0001"));
        Assert.True(message.TryGetFirstQuestion(out var q));
        Assert.True(q.Name.IsRoot);
        Assert.Equal(".", q.Name.ToString());
        Assert.True(q.Name.NameEquals(""));
        Assert.True(q.Name.NameEquals("."));
    }
}
