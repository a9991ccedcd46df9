using SipReg.Testing;

namespace SipReg.Cli.Tests;

/// <summary>The reports engineers read, pinned by approved files: a change of wording or layout is a reviewed change.</summary>
public sealed class ReportSnapshotTests
{
    [Theory]
    [InlineData("live/01_healthy_www_auth_refresh.pcap", "healthy")]
    [InlineData("live/02_auth_loop_401_sll2.pcap", "auth-loop")]
    [InlineData("live/07b_dns_nxdomain.pcap", "dns-nxdomain")]
    [InlineData("live/11_expiry_mismatch_late_refresh.pcap", "binding-lapsed")]
    public async Task Text_report(string capture, string name)
    {
        var (_, stdout, stderr) = await Cli.RunAsync("analyze", Corpus.PathOf(capture));

        Assert.Empty(stderr);
        Approvals.Verify("analyze-" + name, "txt", stdout);
    }

    [Theory]
    [InlineData("live/10b_gruu_path_service_route.pcap", "path-service-route")]
    [InlineData("live/06a_no_response_port_unreachable.pcap", "no-response")]
    public async Task Json_report(string capture, string name)
    {
        var (_, stdout, stderr) = await Cli.RunAsync("analyze", "--format", "json", Corpus.PathOf(capture));

        Assert.Empty(stderr);
        Approvals.Verify("analyze-" + name, "json", stdout);
    }

    [Fact]
    public async Task Messages_jsonl()
    {
        var (_, stdout, _) = await Cli.RunAsync("messages", "--format", "jsonl", Corpus.PathOf("live/16a_compact_headers.pcap"));

        Approvals.Verify("messages-compact-headers", "jsonl", stdout);
    }

    [Fact]
    public async Task Dns_jsonl()
    {
        var (_, stdout, _) = await Cli.RunAsync("dns", "--format", "jsonl", Corpus.PathOf("live/07a_dns_naptr_srv_a_then_register.pcap"));

        Approvals.Verify("dns-naptr-srv-a", "jsonl", stdout);
    }

    [Fact]
    public async Task Info_text()
    {
        var (_, stdout, _) = await Cli.RunAsync("info", Corpus.PathOf("edge/ng_tsresol.pcapng"));

        Approvals.Verify("info-tsresol", "txt", stdout);
    }
}
