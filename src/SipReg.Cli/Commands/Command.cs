using SipReg.Analysis.Pipeline;
using SipReg.Cli.CommandLine;
using SipReg.Pcap;

namespace SipReg.Cli.Commands;

/// <summary>One <c>sipreg</c> command.</summary>
internal abstract class Command
{
    /// <summary>The command's name, options, help text and examples.</summary>
    public abstract CommandSpec Spec { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    public abstract Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken);

    /// <summary>Opens where the command writes: <c>--output FILE</c>, or stdout.</summary>
    protected static Stream OpenOutput(ParsedArguments args, CliConsole console)
    {
        var path = args.Get("--output");
        return path is null or "-" ? console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
    }

    /// <summary>Opens a capture's messages: the file at <paramref name="path"/>, or standard input for <c>-</c>.</summary>
    protected static CaptureMessageSource OpenMessages(CliConsole console, string path) =>
        path == "-" ? CaptureMessageSource.Create(console.OpenStandardInput()) : CaptureMessageSource.Open(path);

    /// <summary>Opens a capture's records: the file at <paramref name="path"/>, or standard input for <c>-</c>.</summary>
    protected static CaptureReader OpenRecords(CliConsole console, string path) =>
        path == "-" ? CaptureReader.Create(console.OpenStandardInput()) : CaptureReader.Open(path);
}
