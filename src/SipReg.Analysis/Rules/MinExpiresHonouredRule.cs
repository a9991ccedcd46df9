using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>min-expires-honoured</c>: after 423 the UA retried with at least Min-Expires (RFC 3261 §10.2.8).</summary>
internal sealed class MinExpiresHonouredRule : IRegistrationRule
{
    public string Id => "min-expires-honoured";

    public FindingSeverity DefaultSeverity => FindingSeverity.Info;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var e = BuiltInRules.First(flow, RegistrationEventKind.MinExpiresHonoured);
            if (e is null)
            {
                continue;
            }

            context.Report(
                "UA raised its lifetime to Min-Expires " + BuiltInRules.N(e.Reference) + " s after 423",
                "The registrar found the requested lifetime too brief (423) and the UA retried with " + BuiltInRules.N(e.Value) + " s, as RFC 3261 §10.2.8 asks.",
                "Nothing to fix; configure the UA with that expiry to save the extra round trip.",
                flow,
                e.Frames);
        }
    }
}
