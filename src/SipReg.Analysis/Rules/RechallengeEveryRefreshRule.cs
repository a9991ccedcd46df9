namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>rechallenge-every-refresh</c>: every refresh is challenged (threshold <c>minRefreshes</c>, default 2): the
/// registrar sends no <c>nextnonce</c> (RFC 3261 §20.6) or the UA ignores it, or the UA drops its credentials.
/// </summary>
internal sealed class RechallengeEveryRefreshRule : IRegistrationRule
{
    public string Id => "rechallenge-every-refresh";

    public FindingSeverity DefaultSeverity => FindingSeverity.Info;

    public void Evaluate(RuleContext context)
    {
        var min = context.Threshold("minRefreshes", 2);
        foreach (var flow in context.Model.Flows)
        {
            if (flow.RefreshCycles < min || flow.RefreshCycles == 0 || flow.ChallengedRefreshCycles < flow.RefreshCycles)
            {
                continue;
            }

            var why = flow.NextNonces == 0
                ? "The 200 OKs carry no Authentication-Info nextnonce and the UA sends each refresh without credentials (or with an expired nonce)."
                : "The registrar offered nextnonce " + flow.NextNonces + " time(s) but the UA did not use it.";
            context.Report(
                "Every refresh is challenged (" + flow.ChallengedRefreshCycles + " of " + flow.RefreshCycles + ")",
                why + " Each refresh costs an extra 401 round trip and authentication work on the registrar.",
                "Let the UA reuse the nonce with an incremented nc, or enable nextnonce on the registrar; raise the registrar's nonce lifetime.",
                flow,
                flow.ChallengedRefreshFrames);
        }
    }
}
