using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>auth-stale-nonce</c>: a challenge with <c>stale=true</c>, or the UA reusing its nonce after a <c>nextnonce</c> (RFC 3261 §20.6, RFC 7616 §3.3).</summary>
internal sealed class AuthStaleNonceRule : IRegistrationRule
{
    public string Id => "auth-stale-nonce";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var stale = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.StaleNonce));
            var reused = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.NonceReusedAfterNextNonce));
            if (stale.Count == 0 && reused.Count == 0)
            {
                continue;
            }

            context.Report(
                stale.Count > 0 ? "Stale nonce: the registrar accepted the password but not the nonce" : "UA ignores nextnonce and reuses its old nonce",
                stale.Count > 0
                    ? "The registrar answered stale=true " + flow.TallyOf(RegistrationEventKind.StaleNonce).Count + " time(s): the credentials were right but the nonce had expired; the UA should retry at once with the new nonce."
                    : "The 200 OK gave a nextnonce (Authentication-Info) but the UA's next REGISTER used its previous nonce " + flow.TallyOf(RegistrationEventKind.NonceReusedAfterNextNonce).Count + " time(s), which invites a new challenge.",
                "Check the registrar's nonce lifetime and the UA's handling of stale=true and Authentication-Info nextnonce.",
                flow,
                [.. BuiltInRules.FramesOf(stale), .. BuiltInRules.FramesOf(reused)]);
        }
    }
}
