using System.Globalization;
using System.Text;
using SipReg.Cli.CommandLine;
using SipReg.Generator;

namespace SipReg.Cli.Commands;

/// <summary><c>sipreg generate</c>: deterministic registration captures to try sipreg on, test with, or benchmark.</summary>
internal sealed class GenerateCommand : Command
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "generate",
        Summary = "Write a deterministic sample capture: one scenario, or a fleet of user agents.",
        Usage = "(--scenario NAME | --fleet | --list) [options]",
        Description = "Writes captures made by SipReg's own generator (documentation addresses only). A scenario is a small capture\n" +
            "that shows one registration problem (its expected status and rules are printed on stderr); a fleet is N user\n" +
            "agents registering with challenges, refreshes with jitter, auth loops, 423s, failures, unanswered REGISTERs,\n" +
            "DNS lookups and keep-alives, sized by --user-agents/--duration or --messages/--bytes. The same seed gives the\n" +
            "same bytes; --counts writes what was put in as JSON.",
        MinPositionals = 0,
        MaxPositionals = 0,
        Options =
        [
            new OptionSpec("--scenario", "NAME", "One scenario (see --list)."),
            new OptionSpec("--fleet", null, "A fleet of user agents (the benchmark workload)."),
            new OptionSpec("--list", null, "List the scenarios with their expected status and rules."),
            CommonOptions.Output,
            new OptionSpec("--capture-format", "FORMAT", "Container to write (default pcap).", ["pcap", "pcapng"]),
            new OptionSpec("--seed", "N", "Fleet: random seed (default 1)."),
            new OptionSpec("--user-agents", "N", "Fleet: user agents (default 100)."),
            new OptionSpec("--duration", "SECONDS", "Fleet: capture duration (default 3600)."),
            new OptionSpec("--messages", "N", "Fleet: stop after about N SIP messages."),
            new OptionSpec("--bytes", "N", "Fleet: stop after about N bytes of capture."),
            new OptionSpec("--counts", "FILE", "Fleet: write the counts put in (JSON) to FILE."),
        ],
        Examples =
        [
            ("sipreg generate --list", "The scenarios and what each should be diagnosed as."),
            ("sipreg generate --scenario binding-lapsed -o lapsed.pcap && sipreg analyze lapsed.pcap", "Make a capture and analyse it."),
            ("sipreg generate --fleet --user-agents 5000 --messages 1000000 --counts counts.json -o fleet.pcap", "A ~770 MB benchmark capture."),
        ],
    };

    public override async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var format = args.Get("--capture-format", "pcap") == "pcapng" ? CaptureFileFormat.PcapNg : CaptureFileFormat.Pcap;
        if (args.Has("--list"))
        {
            var text = new StringBuilder();
            foreach (var scenario in RegistrationScenarios.All(format))
            {
                text.Append(CultureInfo.InvariantCulture, $"{scenario.Name,-32} {scenario.ExpectedStatus,-26} {string.Join(", ", scenario.ExpectedRules)}\n");
            }

            await using var listing = OpenOutput(args, console);
            await listing.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
            return ExitCode.Ok;
        }

        if (args.Get("--output") is null)
        {
            throw new UsageException("generate writes a capture: give --output FILE (or -o -, for standard output)");
        }

        if (args.Get("--scenario") is { } name)
        {
            var scenario = RegistrationScenarios.All(format).FirstOrDefault(s => s.Name == name)
                ?? throw new UsageException($"no scenario '{name}' (see 'sipreg generate --list')");
            await using var output = OpenOutput(args, console);
            await output.WriteAsync(scenario.Bytes, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"{scenario.Name}: {scenario.Description} Expected: {scenario.ExpectedStatus} [{string.Join(", ", scenario.ExpectedRules)}]").ConfigureAwait(false);
            return ExitCode.Ok;
        }

        if (!args.Has("--fleet"))
        {
            throw new UsageException("give --scenario NAME, --fleet or --list (see 'sipreg generate --help')");
        }

        var spec = new FleetSpec
        {
            Seed = (int)args.GetInt64("--seed", 1, 0, int.MaxValue),
            UserAgents = (int)args.GetInt64("--user-agents", 100, 1, 10_000_000),
            Duration = TimeSpan.FromSeconds(args.GetInt64("--duration", 3600, 1, 30L * 24 * 3600)),
            TargetSipMessages = args.GetInt64("--messages", 0, 0, long.MaxValue),
            TargetBytes = args.GetInt64("--bytes", 0, 0, long.MaxValue),
            Format = format,
        };
        GenerationCounts counts;
        await using (var output = OpenOutput(args, console))
        {
            counts = CaptureGenerator.WriteFleet(spec, output);
        }

        if (args.Get("--counts") is { } countsPath)
        {
            await File.WriteAllTextAsync(countsPath, counts.ToJson(), cancellationToken).ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"fleet: {counts.Records} records, {counts.SipMessages} SIP messages, {counts.CaptureBytes} bytes; expected status {counts.ExpectedCaptureStatus}")).ConfigureAwait(false);
        return ExitCode.Ok;
    }
}
