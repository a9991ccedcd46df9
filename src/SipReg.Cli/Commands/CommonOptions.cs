using SipReg.Cli.CommandLine;

namespace SipReg.Cli.Commands;

/// <summary>Options several commands share, defined once so that they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static OptionSpec Format(params string[] allowed) =>
        new("--format", "FORMAT", "Output format (default " + allowed[0] + ").", allowed, "-f");

    public static OptionSpec Output { get; } = new("--output", "FILE", "Write to FILE instead of standard output.", Alias: "-o");

    public static OptionSpec NoProgress { get; } = new("--no-progress", null, "Never show the progress bar (it shows only when stderr is a terminal).");
}
