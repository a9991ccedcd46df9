using System.Reflection;
using System.Text;
using SipReg.Cli.CommandLine;
using SipReg.Cli.Commands;
using SipReg.Pcap;

namespace SipReg.Cli;

/// <summary>The <c>sipreg</c> entry point: dispatches to a command and turns every failure into one line and an exit code.</summary>
internal static class Program
{
    internal static IReadOnlyList<Command> Commands { get; } = [new AnalyzeCommand(), new MessagesCommand(), new DnsCommand(), new InfoCommand(), new RedactCommand(), new GenerateCommand()];

    private static Task<int> Main(string[] args)
    {
        // The first Ctrl-C stops reading (analyze then reports what it read); a second one ends the process.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        AnalyzeCommand.StopReading = stop.Token;
        return RunAsync(args, CliConsole.System());
    }

    /// <summary>Runs a command line against <paramref name="console"/>; the in-process entry point for tests.</summary>
    internal static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help" && args.Length == 1)
        {
            await WriteStdoutAsync(console, MainHelp()).ConfigureAwait(false);
            return args.Length == 0 ? ExitCode.UsageOrUnreadableInput : ExitCode.Ok;
        }

        if (args[0] == "--version")
        {
            await WriteStdoutAsync(console, "sipreg " + Version + "\n").ConfigureAwait(false);
            return ExitCode.Ok;
        }

        var name = args[0] == "help" ? args[1] : args[0];
        var command = Commands.FirstOrDefault(c => c.Spec.Name == name);
        if (command is null)
        {
            console.Error.WriteLine($"sipreg: unknown command '{name}' (see 'sipreg --help')");
            return ExitCode.UsageOrUnreadableInput;
        }

        try
        {
            var parsed = ParsedArguments.Parse(command.Spec, args[0] == "help" ? ["--help"] : args[1..]);
            if (parsed.HelpRequested)
            {
                await WriteStdoutAsync(console, command.Spec.HelpText()).ConfigureAwait(false);
                return ExitCode.Ok;
            }

            return await command.RunAsync(parsed, console, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine("sipreg: " + e.Message);
            return ExitCode.UsageOrUnreadableInput;
        }
        catch (PcapException e)
        {
            console.Error.WriteLine("sipreg: cannot read the capture: " + e.Message);
            return ExitCode.UsageOrUnreadableInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            console.Error.WriteLine("sipreg: " + e.Message);
            return ExitCode.UsageOrUnreadableInput;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("sipreg: cancelled");
            return ExitCode.UsageOrUnreadableInput;
        }
    }

    /// <summary>The tool's version (one place: Directory.Build.props).</summary>
    internal static string Version =>
        (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    private static string MainHelp()
    {
        var text = new StringBuilder();
        text.AppendLine("sipreg: explains from a packet capture why a SIP endpoint will not register.").AppendLine();
        text.AppendLine("Usage: sipreg <command> [options]").AppendLine().AppendLine("Commands:");
        foreach (var command in Commands)
        {
            text.Append("  ").Append(command.Spec.Name.PadRight(10)).AppendLine(command.Spec.Summary);
        }

        text.AppendLine().AppendLine("Run 'sipreg <command> --help' for a command's options and examples; 'sipreg --version' for the version.");
        return text.ToString();
    }

    private static async Task WriteStdoutAsync(CliConsole console, string text)
    {
        var output = console.OpenStandardOutput();
        await output.WriteAsync(Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
