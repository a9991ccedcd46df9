namespace SipReg.Cli.CommandLine;

/// <summary>A command line that cannot be run as given; reported as one line on stderr with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
