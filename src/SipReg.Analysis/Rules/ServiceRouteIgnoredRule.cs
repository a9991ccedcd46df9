using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>service-route-ignored</c>: a later out-of-dialog request from the UA lacks the Route the Service-Route asked for (RFC 3608 §6).</summary>
internal sealed class ServiceRouteIgnoredRule : IRegistrationRule
{
    public string Id => "service-route-ignored";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var events = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.ServiceRouteIgnored));
            if (events.Count == 0)
            {
                continue;
            }

            context.Report(
                "UA ignores Service-Route: " + events[0].Text + " sent without Route " + string.Join(", ", flow.ServiceRoute),
                "The 200 OK to REGISTER returned a Service-Route that the UA must put as Route on its initial requests; " + flow.TallyOf(RegistrationEventKind.ServiceRouteIgnored).Count
                    + " later request(s) lacked it, so they may bypass the home proxy and be rejected.",
                "Enable Service-Route support on the UA (preloaded route), or configure an outbound proxy equal to the Service-Route.",
                flow,
                BuiltInRules.FramesOf(events));
        }
    }
}
