using SipReg.Testing;

namespace SipReg.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Version_prints_the_one_version_of_the_build()
    {
        var (exit, stdout, _) = await Cli.RunAsync("--version");

        Assert.Equal(0, exit);
        Assert.Equal("sipreg " + Program.Version + "\n", stdout);
        Assert.Matches(@"^\d+\.\d+\.\d+", Program.Version);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exit, stdout, _) = await Cli.RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (var command in Program.Commands)
        {
            Assert.Contains("  " + command.Spec.Name, stdout, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var command in Program.Commands)
        {
            data.Add(command.Spec.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Every_command_has_help_with_usage_options_and_examples(string name)
    {
        var (exit, stdout, stderr) = await Cli.RunAsync(name, "--help");

        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Contains("Usage: sipreg " + name, stdout, StringComparison.Ordinal);
        Assert.Contains("Options:", stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:", stdout, StringComparison.Ordinal);
        Assert.Contains("sipreg " + name + " ", stdout.Split("Examples:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_one_line_on_stderr_and_exit_2()
    {
        var (exit, stdout, stderr) = await Cli.RunAsync("analyse-this");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("sipreg: unknown command 'analyse-this'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--colour", Corpus.PathOf("live/05_final_403.pcap"));

        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--colour'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_outside_the_allowed_ones_is_a_usage_error()
    {
        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--format", "xml", Corpus.PathOf("live/05_final_403.pcap"));

        Assert.Equal(2, exit);
        Assert.Contains("--format", stderr, StringComparison.Ordinal);
        Assert.Contains("text, json, html", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("messages")]
    [InlineData("dns")]
    [InlineData("info")]
    public async Task A_file_that_is_not_a_capture_exits_2_with_one_line_naming_the_offset(string command)
    {
        var (exit, stdout, stderr) = await Cli.RunAsync(command, Corpus.PathOf("edge/garbage_not_a_capture.pcap"));

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("0x20544547", line, StringComparison.Ordinal);
        Assert.Contains("offset 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_one_line()
    {
        var (exit, _, stderr) = await Cli.RunAsync("analyze", "/nonexistent/capture.pcap");

        Assert.Equal(2, exit);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("sipreg: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_read_when_the_path_is_a_dash()
    {
        var capture = await File.ReadAllBytesAsync(Corpus.PathOf("live/05_final_403.pcap"));

        var (exit, stdout, _) = await Cli.RunAsync(capture, "analyze", "--format", "json", "-");

        Assert.Equal(1, exit);
        Assert.Contains("\"status\": \"failed\"", stdout, StringComparison.Ordinal);
    }
}
