using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary><c>min-expires-not-honoured</c>: after 423 Interval Too Brief the UA retried with a lifetime still below Min-Expires (RFC 3261 §10.2.8).</summary>
internal sealed class MinExpiresNotHonouredRule : IRegistrationRule
{
    public string Id => "min-expires-not-honoured";

    public FindingSeverity DefaultSeverity => FindingSeverity.Error;

    public void Evaluate(RuleContext context)
    {
        foreach (var flow in context.Model.Flows)
        {
            var ignored = new List<RegistrationEvent>(flow.EventsOf(RegistrationEventKind.MinExpiresIgnored));
            if (ignored.Count == 0)
            {
                continue;
            }

            var tally = flow.TallyOf(RegistrationEventKind.MinExpiresIgnored);
            var e = tally.Latest ?? ignored[^1];
            context.Report(
                "423 ping-pong: UA keeps asking " + BuiltInRules.N(e.Value) + " s, registrar requires at least " + BuiltInRules.N(e.Reference) + " s",
                "The registrar answered 423 Interval Too Brief with Min-Expires " + BuiltInRules.N(e.Reference) + ", but the UA retried " + tally.Count
                    + " time(s) with a shorter lifetime, so it never registers.",
                "Raise the UA's registration expiry to at least Min-Expires (or lower the registrar's min_expires).",
                flow,
                BuiltInRules.FramesOf(ignored));
        }
    }
}
