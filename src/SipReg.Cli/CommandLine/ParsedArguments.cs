namespace SipReg.Cli.CommandLine;

/// <summary>A command line checked against its <see cref="CommandSpec"/>: positionals and option values.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private ParsedArguments(CommandSpec spec) => Spec = spec;

    public CommandSpec Spec { get; }

    public List<string> Positionals { get; } = [];

    public bool HelpRequested { get; private set; }

    /// <summary>Checks <paramref name="args"/> against <paramref name="spec"/>.</summary>
    /// <exception cref="UsageException">An unknown option, a missing value, a value not allowed, or a wrong number of arguments.</exception>
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments(spec);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                parsed.HelpRequested = true;
                return parsed;
            }

            if (arg.Length > 1 && arg[0] == '-' && arg != "-")
            {
                string? inlineValue = null;
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
                {
                    inlineValue = arg[(eq + 1)..];
                    arg = arg[..eq];
                }

                var option = spec.Options.FirstOrDefault(o => o.Name == arg || o.Alias == arg)
                    ?? throw new UsageException($"unknown option '{arg}' for 'sipreg {spec.Name}' (see 'sipreg {spec.Name} --help')");
                if (option.IsFlag)
                {
                    if (inlineValue is not null)
                    {
                        throw new UsageException($"option '{option.Name}' takes no value");
                    }

                    parsed._options[option.Name] = null;
                    continue;
                }

                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option '{option.Name}' needs a value ({option.ValueName})"));
                if (option.Allowed is not null && !option.Allowed.Contains(value, StringComparer.Ordinal))
                {
                    throw new UsageException($"option '{option.Name}' takes one of {string.Join(", ", option.Allowed)}, not '{value}'");
                }

                parsed._options[option.Name] = value;
                continue;
            }

            parsed.Positionals.Add(arg);
        }

        if (parsed.Positionals.Count < spec.MinPositionals || parsed.Positionals.Count > spec.MaxPositionals)
        {
            throw new UsageException($"usage: sipreg {spec.Name} {spec.Usage} (see 'sipreg {spec.Name} --help')");
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public string Get(string name, string fallback) => _options.TryGetValue(name, out var value) && value is not null ? value : fallback;

    /// <summary>An integer option, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="UsageException">The value is not a whole number in range.</exception>
    public long GetInt64(string name, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"option '{name}' takes a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }
}
