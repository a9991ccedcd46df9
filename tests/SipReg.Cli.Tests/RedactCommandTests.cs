using System.Text.Json;
using SipReg.Testing;

namespace SipReg.Cli.Tests;

public sealed class RedactCommandTests
{
    [Fact]
    public async Task A_redacted_capture_analyses_to_the_same_result_and_hides_the_originals()
    {
        var capture = Corpus.PathOf("live/10b_gruu_path_service_route.pcap");
        var redacted = Path.Combine(Path.GetTempPath(), "sipreg-redacted-" + Guid.NewGuid().ToString("N") + ".pcap");
        try
        {
            var (exit, _, stderr) = await Cli.RunAsync("redact", "--key", "5eed0f5a17ab1e", capture, redacted);
            Assert.True(exit == 0, stderr);

            using var before = JsonDocument.Parse((await Cli.RunAsync("analyze", "--format", "json", capture)).Stdout);
            using var after = JsonDocument.Parse((await Cli.RunAsync("analyze", "--format", "json", redacted)).Stdout);
            Assert.Equal(before.RootElement.GetProperty("status").GetString(), after.RootElement.GetProperty("status").GetString());
            Assert.Equal(Rules(before), Rules(after));
            Assert.Equal(
                before.RootElement.GetProperty("flows").EnumerateArray().Select(f => f.GetProperty("status").GetString()),
                after.RootElement.GetProperty("flows").EnumerateArray().Select(f => f.GetProperty("status").GetString()));

            var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(redacted));
            Assert.DoesNotContain("alice", text, StringComparison.Ordinal);
            Assert.DoesNotContain("corpus.test", text, StringComparison.Ordinal);
            Assert.DoesNotContain(before.RootElement.GetProperty("flows")[0].GetProperty("callId").GetString()!, text, StringComparison.Ordinal);

            // The same key gives the same bytes.
            var again = redacted + ".again";
            await Cli.RunAsync("redact", "--key", "5eed0f5a17ab1e", capture, again);
            Assert.Equal(await File.ReadAllBytesAsync(redacted), await File.ReadAllBytesAsync(again));
            File.Delete(again);
        }
        finally
        {
            File.Delete(redacted);
        }
    }

    [Fact]
    public async Task Redacting_a_file_that_is_not_a_capture_exits_2_and_writes_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), "sipreg-redacted-" + Guid.NewGuid().ToString("N") + ".pcap");

        var (exit, _, stderr) = await Cli.RunAsync("redact", Corpus.PathOf("edge/garbage_not_a_capture.pcap"), output);

        Assert.Equal(2, exit);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task A_key_that_is_not_hex_is_a_usage_error()
    {
        var (exit, _, stderr) = await Cli.RunAsync("redact", "--key", "xyz", Corpus.PathOf("live/05_final_403.pcap"), "-");

        Assert.Equal(2, exit);
        Assert.Contains("--key", stderr, StringComparison.Ordinal);
    }

    private static string[] Rules(JsonDocument report) =>
        [.. report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!).Order(StringComparer.Ordinal)];
}
