namespace SipReg.Cli.CommandLine;

/// <summary>One option a command accepts.</summary>
/// <param name="Name">The long name with its dashes, e.g. <c>--format</c>.</param>
/// <param name="ValueName">The placeholder of its value (e.g. <c>FILE</c>), or null for a flag.</param>
/// <param name="Description">One line for the help text.</param>
/// <param name="Allowed">The values it accepts, or null for any.</param>
/// <param name="Alias">A short alias such as <c>-o</c>, or null.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, string[]? Allowed = null, string? Alias = null)
{
    /// <summary>True when the option takes no value.</summary>
    public bool IsFlag => ValueName is null;
}
