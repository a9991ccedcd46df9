using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SipReg.Analysis;
using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Rules;
using SipReg.Cli.CommandLine;
using SipReg.Cli.Reports;

namespace SipReg.Cli.Commands;

/// <summary><c>sipreg analyze</c>: why the endpoint does or does not register, per registration flow.</summary>
internal sealed class AnalyzeCommand : Command
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "analyze",
        Summary = "Explain, per registration flow, why an endpoint registers or not.",
        Usage = "<capture|-> [options]",
        Description = "Reads the capture in one streaming pass and reports each registration flow (AOR and UA): its REGISTER\n" +
            "transactions, challenges, requested and granted lifetimes, Contacts, Path and Service-Route, and findings with\n" +
            "their evidence frames and what to check next. With no REGISTER at all, the DNS lookups say why.\n\n" +
            "Exit code: 0 nothing needs review, 1 a finding at or above --fail-on is present, 2 usage error or unreadable input.\n" +
            "Reading '-' (standard input) analyses a live capture as it arrives; Ctrl-C stops reading and prints the report.",
        MinPositionals = 1,
        MaxPositionals = 1,
        Options =
        [
            CommonOptions.Format("text", "json", "html"),
            CommonOptions.Output,
            new OptionSpec("--rules", "FILE", "JSON options file: disabled rules, thresholds, severities (see the README)."),
            new OptionSpec("--fail-on", "LEVEL", "Lowest finding severity that makes the exit code 1 (default warning).", ["warning", "error", "never"]),
            CommonOptions.NoProgress,
        ],
        Examples =
        [
            ("sipreg analyze phone.pcapng", "The engineer's summary, per registration flow."),
            ("sipreg analyze --format html -o report.html phone.pcap", "A self-contained HTML report with ladder diagrams and binding timelines."),
            ("tcpdump -i any -w - port 5060 or port 53 | sipreg analyze -", "Analyse live traffic; Ctrl-C prints the report."),
            ("sipreg analyze --format json --fail-on error capture.pcap > report.json", "For CI: exit 1 only on errors."),
        ],
    };

    /// <summary>Set by the process entry point: Ctrl-C stops reading and reports what was read.</summary>
    internal static CancellationToken StopReading { get; set; }

    public override async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var path = args.Positionals[0];
        var options = new AnalysisOptions();
        if (args.Get("--rules") is { } rulesFile)
        {
            try
            {
                options.ApplyJson(await File.ReadAllTextAsync(rulesFile, cancellationToken).ConfigureAwait(false));
            }
            catch (JsonException e)
            {
                throw new UsageException($"--rules {rulesFile}: not valid JSON options ({e.Message})");
            }
        }

        var total = path == "-" ? 0 : new FileInfo(path).Length;
        CaptureAnalysis analysis;

        // The progress bar is cleared (disposed) before the report is written.
        using (new HeapGovernor())
        using (var progress = console.ErrorIsTerminal && !args.Has("--no-progress") ? new ProgressBar(console.Error, total) : null)
        await using (var source = OpenMessages(console, path))
        {
            analysis = await CaptureAnalyzer.AnalyzeAsync(source, path, options, progress, cancellationToken, StopReading).ConfigureAwait(false);
        }
        await using (var output = OpenOutput(args, console))
        {
            await WriteAsync(analysis, args.Get("--format", "text"), output, console.UseColor && args.Get("--output") is null, cancellationToken).ConfigureAwait(false);
        }

        return ExitCodeFor(analysis.Report, args.Get("--fail-on", "warning"));
    }

    internal static async Task WriteAsync(CaptureAnalysis analysis, string format, Stream output, bool color, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case "json":
                await using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    AnalysisJson.Write(writer, analysis, Program.Version);
                }

                await output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                break;
            case "html":
                using (var buffer = new MemoryStream())
                {
                    await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        AnalysisJson.Write(writer, analysis, Program.Version);
                    }

                    using var document = JsonDocument.Parse(buffer.ToArray());
                    await using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    HtmlReport.Write(document.RootElement, text);
                }

                break;
            default:
                await output.WriteAsync(Encoding.UTF8.GetBytes(TextReport.Render(analysis, color)), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static int ExitCodeFor(AnalysisReport report, string failOn)
    {
        if (failOn == "never")
        {
            return ExitCode.Ok;
        }

        var threshold = failOn == "error" ? FindingSeverity.Error : FindingSeverity.Warning;
        return report.Findings.Any(f => f.Severity >= threshold) ? ExitCode.FindingsNeedReview : ExitCode.Ok;
    }
}
