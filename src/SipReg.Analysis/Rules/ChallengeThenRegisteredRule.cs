using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>challenge-then-registered</c>: the registrar challenged (401/407) and the retry with credentials was accepted (RFC 3261 §22).</summary>
internal sealed class ChallengeThenRegisteredRule : IRegistrationRule
{
    public string Id => "challenge-then-registered";

    public FindingSeverity DefaultSeverity => FindingSeverity.Info;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            if (!flow.ChallengedThenRegistered || flow.Status == RegistrationStatus.AuthLoop)
            {
                continue;
            }

            var challenge = BuiltInRules.First(flow, RegistrationEventKind.Challenged);
            var registered = BuiltInRules.First(flow, RegistrationEventKind.Registered);
            context.Report(
                "Registered after a digest challenge",
                "The registrar asked for credentials (" + (challenge?.Value == 407 ? "407 Proxy-Authenticate" : "401 WWW-Authenticate")
                    + ") and accepted the REGISTER that carried them; granted " + BuiltInRules.N(flow.GrantedExpires) + " s. This is the normal digest handshake.",
                "Nothing to fix; if later refreshes are challenged too, see rechallenge-every-refresh.",
                flow,
                [.. challenge?.Frames ?? [], .. registered?.Frames ?? []]);
        }
    }
}
