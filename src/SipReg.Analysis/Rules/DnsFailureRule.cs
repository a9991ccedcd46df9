namespace SipReg.Analysis.Rules;

/// <summary><c>dns-failure</c>: a SIP-related DNS lookup failed while registrations exist (a fallback target, a secondary server, or a stale record).</summary>
internal sealed class DnsFailureRule : IRegistrationRule
{
    public string Id => "dns-failure";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        if (context.Model.Flows.Count == 0)
        {
            return;
        }

        var (summary, frames, count) = DnsFailureText.Describe(context.Model.DnsClues);
        if (count == 0)
        {
            return;
        }

        context.Report(
            "SIP-related DNS lookups failed (" + count + ")",
            "Some server-location lookups failed (" + summary + "). The UA registered anyway, but failover or re-resolution may break.",
            "Check the failing names' records and whether the UA falls back correctly.",
            null,
            frames);
    }
}
