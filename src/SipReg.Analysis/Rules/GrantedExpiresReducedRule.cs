using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>granted-expires-reduced</c>: the registrar granted a shorter lifetime than requested (RFC 3261 §10.3 step 7 allows it).</summary>
internal sealed class GrantedExpiresReducedRule : IRegistrationRule
{
    public string Id => "granted-expires-reduced";

    public FindingSeverity DefaultSeverity => FindingSeverity.Info;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var events = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.GrantReduced));
            if (events.Count == 0)
            {
                continue;
            }

            var e = flow.TallyOf(RegistrationEventKind.GrantReduced).Latest ?? events[^1];
            context.Report(
                "Granted " + BuiltInRules.N(e.Value) + " s instead of the " + BuiltInRules.N(e.Reference) + " s requested",
                "The 200 OK lists the Contact " + e.Text + " with a shorter expires than the UA asked for. The UA must refresh before the granted lifetime ends, not the requested one.",
                "Check the UA reads the expires of its Contact in the 200 OK; check the registrar's max_expires policy.",
                flow,
                BuiltInRules.FramesOf(events));
        }
    }
}
