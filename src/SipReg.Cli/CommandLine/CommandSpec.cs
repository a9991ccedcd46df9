using System.Text;

namespace SipReg.Cli.CommandLine;

/// <summary>What a command is called, what it takes, and how its help reads.</summary>
internal sealed class CommandSpec
{
    public required string Name { get; init; }

    public required string Summary { get; init; }

    /// <summary>The usage line after <c>sipreg NAME</c>, e.g. <c>&lt;capture&gt; [options]</c>.</summary>
    public required string Usage { get; init; }

    /// <summary>Paragraphs of explanation shown in <c>--help</c>.</summary>
    public string? Description { get; init; }

    public int MinPositionals { get; init; }

    public int MaxPositionals { get; init; }

    public IReadOnlyList<OptionSpec> Options { get; init; } = [];

    /// <summary>Example command lines, each with a line saying what it does.</summary>
    public IReadOnlyList<(string CommandLine, string Explanation)> Examples { get; init; } = [];

    /// <summary>The full <c>--help</c> text.</summary>
    public string HelpText()
    {
        var text = new StringBuilder();
        text.Append("sipreg ").Append(Name).Append(": ").AppendLine(Summary).AppendLine();
        text.Append("Usage: sipreg ").Append(Name).Append(' ').AppendLine(Usage);
        if (Description is not null)
        {
            text.AppendLine().AppendLine(Description);
        }

        text.AppendLine().AppendLine("Options:");
        var all = Options.Append(new OptionSpec("--help", null, "Show this help.", Alias: "-h")).ToList();
        var width = all.Max(o => Label(o).Length) + 2;
        foreach (var option in all)
        {
            text.Append("  ").Append(Label(option).PadRight(width)).AppendLine(option.Description);
        }

        if (Examples.Count > 0)
        {
            text.AppendLine().AppendLine("Examples:");
            foreach (var (commandLine, explanation) in Examples)
            {
                text.Append("  ").AppendLine(commandLine).Append("      ").AppendLine(explanation);
            }
        }

        return text.ToString();
    }

    private static string Label(OptionSpec option)
    {
        var label = option.Alias is null ? option.Name : option.Alias + ", " + option.Name;
        if (option.ValueName is not null)
        {
            label += " " + option.ValueName;
        }

        if (option.Allowed is not null)
        {
            label += " (" + string.Join('|', option.Allowed) + ")";
        }

        return label;
    }
}
