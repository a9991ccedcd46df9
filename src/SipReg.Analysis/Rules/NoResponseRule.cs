using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>no-response</c>: a REGISTER never got a final response (Timer F, RFC 3261 §17.1.2.2), with any ICMP unreachable that answered it.</summary>
internal sealed class NoResponseRule : IRegistrationRule
{
    public string Id => "no-response";

    public FindingSeverity DefaultSeverity => FindingSeverity.Error;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var events = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.NoResponse));
            if (events.Count == 0)
            {
                continue;
            }

            // Totals over every unanswered REGISTER, also those past the per-kind cap of kept events.
            var tally = flow.TallyOf(RegistrationEventKind.NoResponse);
            var icmp = tally.ReferenceSum;
            var retransmissions = tally.ValueSum;

            var detail = "The REGISTER to " + flow.Registrar + " over " + flow.Transport + " got no answer at all"
                + (retransmissions > 0 ? " despite " + retransmissions + " retransmission(s)" : "") + ". "
                + (icmp > 0 ? "ICMP port unreachable came back " + icmp + " time(s): nothing listens on that address and port." : "Either the packets are dropped on the way (firewall, routing) or the server is down.");
            context.Report(
                "No response to REGISTER from " + flow.Source,
                detail,
                icmp > 0 ? "Check the registrar address/port the UA uses (DNS SRV/A, configured proxy) and that the SIP service is running there."
                    : "Check reachability of the registrar (firewall, routing, DNS) and capture at the registrar side to see whether the REGISTER arrives.",
                flow,
                BuiltInRules.FramesOf(events));
        }
    }
}
