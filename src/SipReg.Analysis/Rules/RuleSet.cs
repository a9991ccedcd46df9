using System.Collections;

namespace SipReg.Analysis.Rules;

/// <summary>An ordered set of rules with unique ids. <see cref="CreateDefault"/> holds every built-in rule.</summary>
public sealed class RuleSet : IEnumerable<IRegistrationRule>
{
    private readonly List<IRegistrationRule> _rules = [];

    /// <summary>An empty set.</summary>
    public RuleSet()
    {
    }

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<IRegistrationRule> Rules => _rules;

    /// <summary>A set with every built-in rule.</summary>
    /// <returns>A new set the caller may change.</returns>
    public static RuleSet CreateDefault()
    {
        var set = new RuleSet();
        foreach (var rule in BuiltInRules.All())
        {
            set.Add(rule);
        }

        return set;
    }

    /// <summary>Adds a rule, or replaces the rule with the same id.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    /// <exception cref="ArgumentException">The rule's id is empty.</exception>
    public RuleSet Add(IRegistrationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(rule.Id))
        {
            throw new ArgumentException("A rule needs an id.", nameof(rule));
        }

        var i = _rules.FindIndex(r => r.Id == rule.Id);
        if (i >= 0)
        {
            _rules[i] = rule;
        }
        else
        {
            _rules.Add(rule);
        }

        return this;
    }

    /// <summary>Removes the rule with an id.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>Whether a rule was removed.</returns>
    public bool Remove(string id) => _rules.RemoveAll(r => r.Id == id) > 0;

    /// <summary>Whether a rule with that id is in the set.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string id) => _rules.Exists(r => r.Id == id);

    /// <inheritdoc />
    public IEnumerator<IRegistrationRule> GetEnumerator() => _rules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
