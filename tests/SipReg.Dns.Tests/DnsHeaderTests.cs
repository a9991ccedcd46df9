namespace SipReg.Dns.Tests;

public class DnsHeaderTests
{
    private static DnsHeader Header(ushort flags)
    {
        byte[] bytes = [0x12, 0x34, (byte)(flags >> 8), (byte)flags, 0, 1, 0, 2, 0, 3, 0, 4];
        Assert.True(DnsHeader.TryRead(bytes, out var header));
        return header;
    }

    [Fact]
    public void Id_and_counts_are_big_endian_per_RFC1035_4_1_1()
    {
        var header = Header(0);
        Assert.Equal(0x1234, header.Id);
        Assert.Equal(1, header.QuestionCount);
        Assert.Equal(2, header.AnswerCount);
        Assert.Equal(3, header.AuthorityCount);
        Assert.Equal(4, header.AdditionalCount);
    }

    // RFC 1035 §4.1.1 bit layout: QR(15) OPCODE(14-11) AA(10) TC(9) RD(8) RA(7) Z(6) AD(5) CD(4) RCODE(3-0); AD/CD: RFC 4035 §3.2.
    [Theory]
    [InlineData(0x8000, "QR")]
    [InlineData(0x0400, "AA")]
    [InlineData(0x0200, "TC")]
    [InlineData(0x0100, "RD")]
    [InlineData(0x0080, "RA")]
    [InlineData(0x0040, "Z")]
    [InlineData(0x0020, "AD")]
    [InlineData(0x0010, "CD")]
    public void Each_flag_bit_sets_exactly_its_property(int flags, string name)
    {
        var h = Header((ushort)flags);
        Assert.Equal(name == "QR", h.IsResponse);
        Assert.Equal(name == "AA", h.AuthoritativeAnswer);
        Assert.Equal(name == "TC", h.Truncation);
        Assert.Equal(name == "RD", h.RecursionDesired);
        Assert.Equal(name == "RA", h.RecursionAvailable);
        Assert.Equal(name == "Z", h.Z);
        Assert.Equal(name == "AD", h.AuthenticData);
        Assert.Equal(name == "CD", h.CheckingDisabled);
        Assert.Equal(DnsOpcode.Query, h.Opcode);
        Assert.Equal(0, h.Rcode);
    }

    [Fact]
    public void Opcode_and_rcode_are_the_4_bit_fields()
    {
        var h = Header((5 << 11) | 3);
        Assert.Equal(DnsOpcode.Update, h.Opcode);
        Assert.Equal(3, h.Rcode);
    }

    [Fact]
    public void Fewer_than_12_bytes_is_no_header()
    {
        Assert.False(DnsHeader.TryRead(new byte[11], out _));
    }

    [Fact]
    public void Message_shorter_than_header_is_malformed_without_exception()
    {
        var message = DnsMessage.Read(new byte[] { 0xab, 0xcd, 0x81, 0x80, 0, 1, 0 });
        Assert.False(message.HasHeader);
        Assert.True(message.IsMalformed);
        Assert.Equal(new DnsDiagnostic(0, DnsSection.Header, DnsDiagnosticReason.MessageTooShort), message.GetDiagnostic(0));
        Assert.False(message.Questions.MoveNext());
    }

    [Fact]
    public void Extended_rcode_comes_from_the_OPT_TTL_upper_byte_RFC6891_6_1_3()
    {
        // Response, RCODE 0 in the header, OPT with extended RCODE 1: 1 << 4 | 0 = 16 = BADVERS.
        var bytes = Hex.Bytes("""
            0001 8100 0000 0000 0000 0001
            00 0029 1000 01000000 0000   # root, OPT, UDP 4096, ext rcode 1 version 0, no options
            """);
        var message = DnsMessage.Read(bytes);
        Assert.False(message.IsMalformed);
        Assert.True(message.HasOpt);
        Assert.Equal(DnsResponseCode.BadVersion, message.ResponseCode);
        Assert.True(message.TryGetOpt(out var opt));
        Assert.Equal(4096, opt.UdpPayloadSize);
        Assert.Equal(1, opt.ExtendedRcode);
        Assert.Equal(0, opt.Version);
    }

    [Fact]
    public void Response_code_without_OPT_is_the_header_rcode()
    {
        var message = DnsMessage.Read(Hex.Bytes("0001 8183 0000 0000 0000 0000"));
        Assert.Equal(DnsResponseCode.NameError, message.ResponseCode);
        Assert.False(message.HasOpt);
    }
}
