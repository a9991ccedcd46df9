using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>auth-realm-mismatch</c>: the Authorization realm differs from the challenge's realm (RFC 3261 §22.4).</summary>
internal sealed class AuthRealmMismatchRule : IRegistrationRule
{
    public string Id => "auth-realm-mismatch";

    public FindingSeverity DefaultSeverity => FindingSeverity.Error;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var first = BuiltInRules.First(flow, RegistrationEventKind.RealmMismatch);
            if (first is null)
            {
                continue;
            }

            var realms = (first.Text ?? "|").Split('|');
            context.Report(
                "Credentials for realm \"" + realms[0] + "\" answer a challenge for \"" + realms[^1] + "\"",
                "The UA computed its digest for a different realm than the registrar asked for, so the registrar cannot verify it.",
                "Set the UA's auth realm to the challenge's realm (or leave it empty so the UA takes it from the challenge).",
                flow,
                BuiltInRules.FramesOf(flow.EventsOf(RegistrationEventKind.RealmMismatch)));
        }
    }
}
