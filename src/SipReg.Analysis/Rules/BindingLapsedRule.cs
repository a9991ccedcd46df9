using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>binding-lapsed</c>: the refresh came after the granted lifetime ran out (RFC 3261 §10.2.1: refresh before expiry).</summary>
internal sealed class BindingLapsedRule : IRegistrationRule
{
    public string Id => "binding-lapsed";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var events = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.BindingLapsed));
            if (events.Count == 0)
            {
                continue;
            }

            // Totals over every lapse, also those past the per-kind cap of kept events.
            var tally = flow.TallyOf(RegistrationEventKind.BindingLapsed);
            var gap = tally.ValueSum;

            context.Report(
                "Binding lapsed: unreachable for " + gap + " s before the refresh",
                "The registrar granted " + BuiltInRules.N(events[0].Reference) + " s, but the UA refreshed only after the binding had expired (" + tally.Count
                    + " time(s)); calls to the AOR fail in between. The UA refreshed on what it asked for (" + BuiltInRules.N(flow.RequestedExpires) + " s), not on what it got.",
                "Make the UA schedule refreshes from the expires granted in the 200 OK (e.g. at half of it).",
                flow,
                BuiltInRules.FramesOf(events));
        }
    }
}
