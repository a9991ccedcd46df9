using System.Diagnostics;
using SipReg.Testing;

namespace SipReg.Cli.Tests;

/// <summary>
/// The HTML report in a real browser: Debian's headless Chromium renders it (no network), the rendered DOM must show the
/// flows and findings, and a screenshot is saved as a test artifact (<c>artifacts/browser/</c>).
/// </summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Theory]
    [InlineData("live/10b_gruu_path_service_route.pcap", "path-service-route")]
    [InlineData("live/11_expiry_mismatch_late_refresh.pcap", "binding-lapsed")]
    [InlineData("live/04a_423_pingpong.pcap", "423-pingpong")]
    public async Task Html_report_renders_the_flows_and_findings_in_chromium(string capture, string name)
    {
        Assert.True(File.Exists(Chromium), "the browser test needs Debian's chromium: run ./test.sh (it installs it) or apt-get install chromium");
        var artifacts = Path.Combine(Corpus.RepositoryRoot, "artifacts", "browser");
        Directory.CreateDirectory(artifacts);
        var html = Path.Combine(artifacts, name + ".html");
        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--format", "html", "--fail-on", "never", "-o", html, Corpus.PathOf(capture));
        Assert.True(exit == 0, stderr);
        var (_, json, _) = await Cli.RunAsync("analyze", "--format", "json", Corpus.PathOf(capture));
        using var report = System.Text.Json.JsonDocument.Parse(json);

        var dom = await RunChromiumAsync("--dump-dom", "file://" + html);
        var screenshot = Path.Combine(artifacts, name + ".png");
        await RunChromiumAsync("--screenshot=" + screenshot, "--window-size=1100,1800", "file://" + html);

        Assert.Contains("id=\"capture-status\"", dom, StringComparison.Ordinal);
        Assert.Contains(report.RootElement.GetProperty("status").GetString()!, dom, StringComparison.Ordinal);
        var flows = report.RootElement.GetProperty("flows").GetArrayLength();
        for (var i = 1; i <= flows; i++)
        {
            Assert.Contains($"id=\"flow-{i}\"", dom, StringComparison.Ordinal);
        }

        Assert.Contains("<svg class=\"ladder\"", dom, StringComparison.Ordinal);
        foreach (var finding in report.RootElement.GetProperty("findings").EnumerateArray())
        {
            Assert.Contains($"data-rule=\"{finding.GetProperty("rule").GetString()}\"", dom, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("http://", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }

    private static async Task<string> RunChromiumAsync(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("sipreg-chromium-");
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.FullName,
        })
        {
            start.ArgumentList.Add(flag);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, "chromium failed: " + await stderr);
        profile.Delete(recursive: true);
        return await stdout;
    }
}
