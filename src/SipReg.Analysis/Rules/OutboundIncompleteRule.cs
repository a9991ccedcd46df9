using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>outbound-incomplete</c>: the UA asked for SIP outbound (reg-id, +sip.instance, <c>Supported: outbound</c>;
/// RFC 5626 §4.2) but the 200 OK has no <c>Require: outbound</c> (§6), so the registrar does not keep the flow.
/// </summary>
internal sealed class OutboundIncompleteRule : IRegistrationRule
{
    public string Id => "outbound-incomplete";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var e = BuiltInRules.First(flow, RegistrationEventKind.OutboundNotConfirmed);
            if (e is null || flow.OutboundConfirmed)
            {
                continue;
            }

            context.Report(
                "Outbound (RFC 5626) requested but not confirmed by the registrar",
                "The REGISTER carried reg-id and +sip.instance with Supported: outbound, but the 200 OK has no Require: outbound (" + e.Text
                    + "). The registrar treats it as a plain registration: no flow token, no keep-alive negotiation, no failover between flows.",
                "Enable outbound on the registrar/edge proxy (e.g. kamailio outbound_mode), or stop relying on outbound keep-alives at the UA.",
                flow,
                e.Frames);
        }
    }
}
