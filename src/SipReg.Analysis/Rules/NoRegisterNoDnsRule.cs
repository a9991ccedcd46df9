namespace SipReg.Analysis.Rules;

/// <summary><c>no-register-no-dns</c>: neither a REGISTER nor any SIP-related DNS: the capture saw nothing of the registration attempt.</summary>
internal sealed class NoRegisterNoDnsRule : IRegistrationRule
{
    public string Id => "no-register-no-dns";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        // With SIP over TLS in the capture the endpoint is signalling, only unreadably: encrypted-signalling says so,
        // and "capture closer to the endpoint" would send the engineer the wrong way.
        if (context.Model.RegisterRequests > 0 || context.Model.Flows.Count > 0 || context.Model.DnsClues.Count > 0 || context.Model.TlsRecords > 0)
        {
            return;
        }

        context.Report(
            "No REGISTER and no SIP DNS lookup in the capture",
            "Nothing in this capture shows the endpoint trying to register: no REGISTER and no DNS query for the SIP domain.",
            "Capture closer to the endpoint (on the phone's port or its first switch/router), check it is configured and enabled, and that the capture filter does not drop SIP.");
    }
}
