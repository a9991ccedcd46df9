using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>final-failure</c>: a REGISTER rejected with a 3xx-6xx other than 401/407/423 (RFC 3261 §21); mentions Retry-After (§20.33).</summary>
internal sealed class FinalFailureRule : IRegistrationRule
{
    public string Id => "final-failure";

    public FindingSeverity DefaultSeverity => FindingSeverity.Error;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var failures = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.FinalFailure));
            if (failures.Count == 0)
            {
                continue;
            }

            // The latest rejection decides, also when it came after the per-kind cap of kept events.
            var tally = flow.TallyOf(RegistrationEventKind.FinalFailure);
            var last = tally.Latest ?? failures[^1];
            var code = (int)(last.Value ?? 0);
            var retry = last.Reference is { } r ? " The registrar asks to retry after " + r + " s (Retry-After)." : "";
            context.Report(
                "REGISTER rejected: " + code + " " + (last.Text ?? ""),
                Explain(code) + retry + (tally.Count > 1 ? " Seen " + tally.Count + " times." : ""),
                Next(code),
                flow,
                BuiltInRules.FramesOf(failures));
        }
    }

    private static string Explain(int code) => code switch
    {
        403 => "The registrar refuses this AOR or this UA outright (403 Forbidden): credentials are not the issue, policy is.",
        404 => "The registrar does not know this address-of-record (404 Not Found).",
        408 => "A proxy on the path gave up waiting for the next hop (408 Request Timeout): the registrar behind it did not answer.",
        480 or 500 or 503 or 504 => "The registrar or a proxy failed or is unavailable (" + code + "): a server-side problem.",
        >= 300 and < 400 => "The registrar redirects the REGISTER elsewhere (" + code + "); the UA did not follow.",
        _ => "The registrar answered with a final error (" + code + "), so no binding was created.",
    };

    private static string Next(int code) => code switch
    {
        403 => "Check the account is enabled and allowed to register from this address (ACLs, IP allow-lists, user agent filters).",
        404 => "Check the AOR (To URI user and domain) matches a provisioned subscriber.",
        408 => "Check the proxy's next hop (registrar address, DNS, firewall) and whether the registrar is up.",
        >= 500 => "Check the registrar's logs and health; honour Retry-After before retrying.",
        _ => "Look up the status code and the registrar's logs for the reason.",
    };
}
