using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>auth-loop</c>: REGISTERs carrying credentials are challenged again and again with no 200 OK in between
/// (threshold <c>auth-loop.minChallenges</c>, default 3): wrong password, realm mismatch, stale nonce or a bad header.
/// </summary>
internal sealed class AuthLoopRule : IRegistrationRule
{
    public string Id => "auth-loop";

    public FindingSeverity DefaultSeverity => FindingSeverity.Error;

    public void Evaluate(RuleContext context)
    {
        var min = context.Threshold("minChallenges", 3);
        foreach (var flow in context.Model.Flows)
        {
            if (flow.CredentialedChallengeRun < min)
            {
                continue;
            }

            var proxy = flow.ProxyChallenges > 0;

            var cause = BuiltInRules.First(flow, RegistrationEventKind.RealmMismatch) is not null ? "the credentials name another realm than the challenge"
                : BuiltInRules.First(flow, RegistrationEventKind.StaleNonce) is not null ? "the nonce is reported stale"
                : BuiltInRules.First(flow, RegistrationEventKind.NonceCountNotIncremented) is not null ? "the nonce count does not grow"
                : "most likely a wrong username or password";
            context.Report(
                (proxy ? "Proxy authentication loop (407)" : "Authentication loop (401)") + ": credentials rejected " + flow.CredentialedChallengeRun + " times",
                "Every REGISTER that carried " + (proxy ? "Proxy-Authorization" : "Authorization") + " was challenged again and no 200 OK came, so the UA is not registered; "
                    + cause + ".",
                "Check the SIP username, password and realm configured on the UA against the registrar's subscriber record; compare the Authorization realm/uri with the challenge.",
                flow,
                flow.CredentialedChallengeRunFrames);
        }
    }
}
