using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class DnsRuleTests
{
    [Theory]
    [InlineData("NXDOMAIN")]
    [InlineData("SERVFAIL")]
    [InlineData("REFUSED")]
    public void A_failed_lookup_and_no_register_is_no_register_dns_failure(string rcode)
    {
        var report = new Scenario().Dns("_sip._udp.example.com", "SRV", rcode).Analyze();

        Assert.Equal(RegistrationStatus.NoRegister, report.Status);
        Assert.Equal("no-register", report.StatusName);
        var f = Assert.Single(report.Findings);
        Assert.Equal("no-register-dns-failure", f.Rule);
        Assert.Contains(rcode, f.Detail, StringComparison.Ordinal);
        Assert.Equal(DnsOutcome.Error, Assert.Single(report.DnsClues).Outcome);
    }

    [Fact]
    public void An_empty_srv_answer_is_a_failure()
    {
        var report = new Scenario().Dns("_sip._udp.example.com", "SRV", "NOERROR", answers: 0).Analyze();
        Assert.True(report.Has("no-register-dns-failure"));
        Assert.Equal(DnsOutcome.Empty, report.DnsClues[0].Outcome);
    }

    [Fact]
    public void An_unanswered_query_is_a_failure()
    {
        var report = new Scenario().Dns("_sip._udp.example.com", "SRV", rcode: null).Analyze();
        Assert.True(report.Has("no-register-dns-failure"));
        Assert.Equal(DnsOutcome.NoResponse, report.DnsClues[0].Outcome);
    }

    [Fact]
    public void An_empty_aaaa_beside_a_good_a_is_not_a_failure()
    {
        var report = new Scenario().Dns("sip1.example.com", "A", "NOERROR", answers: 1).Dns("sip1.example.com", "AAAA", "NOERROR", answers: 0).Analyze();

        Assert.Equal(RegistrationStatus.NoRegister, report.Status);
        Assert.Empty(report.Findings);
        Assert.DoesNotContain(report.DnsClues, c => c.IsFailure);
    }

    [Fact]
    public void An_empty_aaaa_alone_is_a_failure()
    {
        Assert.True(new Scenario().Dns("sip1.example.com", "AAAA", "NOERROR").Analyze().Has("no-register-dns-failure"));
    }

    [Fact]
    public void Nothing_at_all_is_no_register_no_dns()
    {
        var report = RegistrationAnalyzer.Analyze([]);
        Assert.Equal(RegistrationStatus.NoRegister, report.Status);
        Assert.Equal("no-register-no-dns", Assert.Single(report.Findings).Rule);
    }

    [Fact]
    public void Dns_without_register_is_not_no_register_no_dns()
    {
        Assert.False(new Scenario().Dns("_sip._udp.example.com", "SRV", "NOERROR", answers: 1).Analyze().Has("no-register-no-dns"));
    }

    [Fact]
    public void A_failed_lookup_beside_a_registration_is_dns_failure()
    {
        var report = new Scenario().Dns("_sip._tcp.example.com", "SRV", "NXDOMAIN").Register().Ok().Analyze();

        Assert.True(report.Has("dns-failure"));
        Assert.False(report.Has("no-register-dns-failure"));
        Assert.Equal(RegistrationStatus.Registered, report.Status);
    }

    [Fact]
    public void Good_lookups_beside_a_registration_are_no_dns_failure()
    {
        var report = new Scenario().Dns("_sip._udp.example.com", "SRV", "NOERROR", answers: 2).Register().Ok().Analyze();
        Assert.False(report.Has("dns-failure"));
    }

    [Fact]
    public void Dns_not_related_to_sip_is_ignored()
    {
        var analyzer = new RegistrationAnalyzer();
        analyzer.Add(new Facts.DnsFact { FrameNumber = 1, Source = "192.0.2.1:5000", Destination = "192.0.2.53:53", QuestionName = "www.example.com", QuestionType = "A", SipRelated = false });
        analyzer.Complete();
        Assert.Empty(analyzer.Model.DnsClues);
        Assert.Equal(1, analyzer.Model.DnsMessages);
    }

    [Fact]
    public void Tls_on_5061_is_encrypted_signalling()
    {
        var report = new Scenario().Tls().Tls().Analyze();
        var f = Assert.Single(report.Findings, f => f.Rule == "encrypted-signalling");
        Assert.Equal([1L, 2], f.Frames);
        Assert.False(new Scenario().Register().Ok().Analyze().Has("encrypted-signalling"));
    }

    [Fact]
    public void A_retransmitted_query_is_one_clue_and_an_error_response_without_question_still_answers_it()
    {
        var analyzer = new RegistrationAnalyzer();
        var query = new Facts.DnsFact { FrameNumber = 1, Source = "192.0.2.1:5000", Destination = "192.0.2.53:53", Id = 7, QuestionName = "_sip._udp.example.com", QuestionType = "SRV", SipRelated = true };
        analyzer.Add(query);
        analyzer.Add(query with { FrameNumber = 2 });
        analyzer.Add(new Facts.DnsFact { FrameNumber = 3, Source = "192.0.2.53:53", Destination = "192.0.2.1:5000", Id = 7, IsResponse = true, Rcode = "FORMERR", SipRelated = true });
        analyzer.Complete();

        var clue = Assert.Single(analyzer.Model.DnsClues);
        Assert.Equal(1, clue.Retransmissions);
        Assert.Equal(3, clue.ResponseFrame);
        Assert.Equal(DnsOutcome.Error, clue.Outcome);
        Assert.Equal("_sip._udp.example.com", clue.Name);
    }
}
