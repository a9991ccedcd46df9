namespace SipReg.Analysis.Rules;

/// <summary>
/// A diagnosis rule. The analyzer calls <see cref="Evaluate"/> once when the capture is complete; the rule reads the
/// model through the context and reports findings through it.
/// </summary>
/// <remarks>Ids are contracts: lower-case words joined by hyphens, unique within a <see cref="RuleSet"/>.</remarks>
public interface IRegistrationRule
{
    /// <summary>The stable rule id, e.g. <c>auth-loop</c>.</summary>
    string Id { get; }

    /// <summary>The severity of the findings unless the options override it.</summary>
    FindingSeverity DefaultSeverity { get; }

    /// <summary>Examines the model and reports findings.</summary>
    /// <param name="context">The model, the options and the sink for findings.</param>
    void Evaluate(RuleContext context);
}
