using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>What a rule sees while it evaluates: the read-only model, its thresholds, and where findings go.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _findings;
    private IRegistrationRule? _rule;

    internal RuleContext(RegistrationModel model, AnalysisOptions options, List<Finding> findings)
    {
        Model = model;
        Options = options;
        _findings = findings;
    }

    /// <summary>The registration model.</summary>
    public RegistrationModel Model { get; }

    /// <summary>The analysis options.</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The rule being evaluated.</summary>
    /// <exception cref="InvalidOperationException">Outside an evaluation.</exception>
    public IRegistrationRule Rule => _rule ?? throw new InvalidOperationException("No rule is being evaluated.");

    internal void Begin(IRegistrationRule rule) => _rule = rule;

    /// <summary>The threshold <c>{rule id}.{name}</c> from the options, or <paramref name="defaultValue"/>.</summary>
    /// <param name="name">The threshold name, e.g. <c>intervalSeconds</c>.</param>
    /// <param name="defaultValue">The rule's default.</param>
    /// <returns>The configured or default value.</returns>
    public double Threshold(string name, double defaultValue) => Options.GetThreshold(Rule.Id + "." + name, defaultValue);

    /// <summary>Reports a finding of the current rule.</summary>
    /// <param name="title">One-line title.</param>
    /// <param name="detail">What it means, in plain words.</param>
    /// <param name="next">What to check next.</param>
    /// <param name="flow">The flow concerned, or null.</param>
    /// <param name="frames">Evidence frames (sorted, de-duplicated and capped here).</param>
    /// <param name="aor">The AOR when there is no flow, or null.</param>
    public void Report(string title, string detail, string next, RegistrationFlow? flow = null, IEnumerable<long>? frames = null, string? aor = null)
    {
        var rule = Rule;
        var list = new SortedSet<long>();
        if (frames is not null)
        {
            foreach (var f in frames)
            {
                if (f > 0)
                {
                    list.Add(f);
                }
            }
        }

        var capped = new List<long>(Math.Min(list.Count, Options.MaxEvidenceFrames));
        foreach (var f in list)
        {
            if (capped.Count >= Options.MaxEvidenceFrames)
            {
                break;
            }

            capped.Add(f);
        }

        _findings.Add(new Finding
        {
            Rule = rule.Id,
            Severity = Options.SeverityOf(rule),
            Title = title,
            Detail = detail,
            Next = next,
            Aor = flow?.AddressOfRecord ?? aor,
            Flow = flow?.Key,
            Frames = capped,
        });
    }
}
