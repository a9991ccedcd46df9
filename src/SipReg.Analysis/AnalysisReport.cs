using SipReg.Analysis.Model;
using SipReg.Analysis.Rules;

namespace SipReg.Analysis;

/// <summary>
/// The result of an analysis: the capture's status, its flows with their transactions, the binding table over time,
/// the DNS clues and the findings. Every member is a plain read-only property, ready for System.Text.Json.
/// </summary>
public sealed class AnalysisReport
{
    internal AnalysisReport(RegistrationModel model, IReadOnlyList<Finding> findings)
    {
        Model = model;
        Findings = findings;
    }

    /// <summary>The capture's status.</summary>
    public RegistrationStatus Status => Model.Status;

    /// <summary>The capture's status as its contract name, e.g. <c>challenge-then-registered</c>.</summary>
    public string StatusName => Model.Status.ToContractName();

    /// <summary>The registration flows.</summary>
    public IReadOnlyList<RegistrationFlow> Flows => Model.Flows;

    /// <summary>The binding table over time.</summary>
    public IReadOnlyList<BindingSpan> Bindings => Model.Bindings.Spans;

    /// <summary>SIP-related DNS queries and outcomes.</summary>
    public IReadOnlyList<DnsClue> DnsClues => Model.DnsClues;

    /// <summary>The findings, in rule order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The full model (counters, bursts, binding queries).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RegistrationModel Model { get; }

    /// <summary>Whether a finding with that rule id was reported.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns>True when at least one finding has it.</returns>
    public bool Has(string ruleId)
    {
        foreach (var f in Findings)
        {
            if (f.Rule == ruleId)
            {
                return true;
            }
        }

        return false;
    }
}
