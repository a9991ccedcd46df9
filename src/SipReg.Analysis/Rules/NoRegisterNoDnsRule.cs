namespace SipReg.Analysis.Rules;

/// <summary><c>no-register-no-dns</c>: neither a REGISTER nor any SIP-related DNS: the capture saw nothing of the registration attempt.</summary>
internal sealed class NoRegisterNoDnsRule : IRegistrationRule
{
    public string Id => "no-register-no-dns";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        if (context.Model.RegisterRequests > 0 || context.Model.Flows.Count > 0 || context.Model.DnsClues.Count > 0)
        {
            return;
        }

        context.Report(
            "No REGISTER and no SIP DNS lookup in the capture",
            "Nothing in this capture shows the endpoint trying to register: no REGISTER and no DNS query for the SIP domain"
                + (context.Model.TlsRecords > 0 ? " (but there is TLS signalling on 5061, which cannot be read)." : "."),
            "Capture closer to the endpoint (on the phone's port or its first switch/router), check it is configured and enabled, and that the capture filter does not drop SIP.");
    }
}
