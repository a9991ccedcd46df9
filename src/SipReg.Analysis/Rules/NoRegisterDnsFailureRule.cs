namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>no-register-dns-failure</c>: no REGISTER was sent and the SIP server location (RFC 3263) failed: SERVFAIL,
/// NXDOMAIN, REFUSED, an empty answer, or no answer at all.
/// </summary>
internal sealed class NoRegisterDnsFailureRule : IRegistrationRule
{
    public string Id => "no-register-dns-failure";

    public FindingSeverity DefaultSeverity => FindingSeverity.Error;

    public void Evaluate(RuleContext context)
    {
        if (context.Model.RegisterRequests > 0 || context.Model.Flows.Count > 0)
        {
            return;
        }

        var (summary, frames, count) = DnsFailureText.Describe(context.Model.DnsClues);
        if (count == 0)
        {
            return;
        }

        context.Report(
            "No REGISTER: the registrar's DNS lookup failed",
            "The UA tried to locate its registrar (RFC 3263) and DNS failed (" + summary + "), so it had no address to send REGISTER to.",
            "Check the SIP domain configured on the UA, the DNS records (NAPTR/SRV/A) of that domain, and the resolver the UA uses.",
            null,
            frames);
    }
}
