using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>deregistration</c>: the UA removed its bindings (<c>Contact: *</c> with Expires 0, or expires=0; RFC 3261 §10.2.2).</summary>
internal sealed class DeregistrationRule : IRegistrationRule
{
    public string Id => "deregistration";

    public FindingSeverity DefaultSeverity => FindingSeverity.Info;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var events = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.Deregistered));
            if (events.Count == 0)
            {
                continue;
            }

            context.Report(
                "UA de-registered",
                "A REGISTER with a zero lifetime removed the bindings and the registrar accepted it; after it the AOR cannot be reached through this UA"
                    + (flow.Status == RegistrationStatus.Deregistered ? " (it did not register again in the capture)." : " (it registered again later)."),
                "Expected on shutdown or logout; if unexpected, check why the UA logged out (reboot, configuration change).",
                flow,
                BuiltInRules.FramesOf(events));
        }
    }
}
