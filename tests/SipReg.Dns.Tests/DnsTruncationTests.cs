namespace SipReg.Dns.Tests;

public class DnsTruncationTests
{
    private const string Query = "07 6578616d706c65 03 636f6d 00 0001 0001";   // example.com A IN, 12..28

    [Fact]
    public void Fewer_records_than_ANCOUNT_keeps_the_ones_read()
    {
        var message = DnsMessage.Read(Hex.Bytes($"0001 8180 0001 0003 0000 0000 {Query} c00c 0001 0001 0000003c 0004 c0000201"));
        Assert.True(message.IsMalformed);
        Assert.Equal(new DnsDiagnostic(45, DnsSection.Answer, DnsDiagnosticReason.Truncated), message.GetDiagnostic(0));
        Assert.Equal(1, message.GetReadCount(DnsSection.Answer));
        Assert.Equal(3, message.Header.AnswerCount);
        var answers = message.Answers;
        Assert.True(answers.MoveNext());
        Assert.True(answers.Current.TryGetAddress(out var a));
        Assert.Equal(new byte[] { 192, 0, 2, 1 }, a.ToArray());
        Assert.False(answers.MoveNext());
        Assert.Equal(0, message.GetReadCount(DnsSection.Additional));
    }

    [Fact]
    public void Rdlength_past_the_end_is_located_at_the_rdlength_field()
    {
        var message = DnsMessage.Read(Hex.Bytes($"0001 8180 0001 0001 0000 0000 {Query} c00c 0001 0001 0000003c 00c8 c0000201"));
        Assert.True(message.IsMalformed);
        Assert.Equal(new DnsDiagnostic(39, DnsSection.Answer, DnsDiagnosticReason.RecordDataPastEnd), message.GetDiagnostic(0));
        Assert.Equal(0, message.GetReadCount(DnsSection.Answer));
        Assert.Equal(1, message.GetReadCount(DnsSection.Question));
    }

    [Fact]
    public void Cut_inside_the_question_name()
    {
        var message = DnsMessage.Read(Hex.Bytes("0001 8180 0001 0000 0000 0000 07 6578616d70"));
        Assert.True(message.IsMalformed);
        Assert.Equal(DnsDiagnosticReason.NameTruncated, message.GetDiagnostic(0).Reason);
        Assert.Equal(0, message.GetReadCount(DnsSection.Question));
    }

    [Fact]
    public void Cut_inside_the_fixed_fields_of_a_record()
    {
        var message = DnsMessage.Read(Hex.Bytes($"0001 8180 0001 0001 0000 0000 {Query} c00c 0001 00"));
        Assert.Equal(new DnsDiagnostic(31, DnsSection.Answer, DnsDiagnosticReason.Truncated), message.GetDiagnostic(0));
    }

    [Fact]
    public void Trailing_bytes_are_reported_but_not_malformed()
    {
        var message = DnsMessage.Read(Hex.Bytes($"0001 0100 0001 0000 0000 0000 {Query} 0000"));
        Assert.False(message.IsMalformed);
        Assert.Equal(new DnsDiagnostic(29, DnsSection.Additional, DnsDiagnosticReason.TrailingData), message.GetDiagnostic(0));
        Assert.True(DnsMessage.TryRead(Hex.Bytes($"0001 0100 0001 0000 0000 0000 {Query}"), out _));
    }

    [Fact]
    public void Opt_outside_the_additional_section_is_invalid_RFC6891_6_1_1()
    {
        var message = DnsMessage.Read(Hex.Bytes("0001 8180 0000 0001 0000 0000 00 0029 1000 00000000 0000"));
        Assert.True(message.IsMalformed);
        Assert.Equal(DnsDiagnosticReason.InvalidOptRecord, message.GetDiagnostic(0).Reason);
        Assert.False(message.HasOpt);
    }

    [Fact]
    public void Only_the_first_four_diagnostics_are_kept_but_all_are_counted()
    {
        // Five questions, each a self-pointer (a loop each).
        var message = DnsMessage.Read(Hex.Bytes("0001 8180 0005 0000 0000 0000" + string.Concat(Enumerable.Range(0, 5).Select(i => $" c0{12 + (6 * i):x2} 0001 0001"))));
        Assert.Equal(5, message.DiagnosticCount);
        Assert.Equal(4, message.StoredDiagnosticCount);
        Assert.Equal(5, message.GetReadCount(DnsSection.Question));
        Assert.Equal(30, message.GetDiagnostic(3).Offset);
        Assert.Throws<DnsException>(() => DnsMessage.Read(new byte[12]).GetDiagnostic(0));
    }
}
