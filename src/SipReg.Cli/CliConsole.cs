namespace SipReg.Cli;

/// <summary>
/// The process's standard streams and what they are connected to, behind one seam so that tests can run commands
/// in-process with captured output.
/// </summary>
internal sealed class CliConsole
{
    public required Func<Stream> OpenStandardInput { get; init; }

    public required Func<Stream> OpenStandardOutput { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>True when stderr is a terminal: progress is shown only then.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>True when stdout is a terminal and <c>NO_COLOR</c> is not set: colour only then.</summary>
    public bool UseColor { get; init; }

    /// <summary>The console of the running process.</summary>
    public static CliConsole System()
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new CliConsole
        {
            OpenStandardInput = Console.OpenStandardInput,
            OpenStandardOutput = Console.OpenStandardOutput,
            Error = Console.Error,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            UseColor = !Console.IsOutputRedirected && !noColor,
        };
    }
}
