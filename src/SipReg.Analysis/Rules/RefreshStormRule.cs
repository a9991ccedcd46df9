namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>refresh-storm</c>: many UAs start REGISTERs in the same window (default 1 s), again and again: refresh timers
/// without jitter (RFC 3261 §10.2.4 and RFC 5626 §4.5 ask for randomised refresh). Thresholds <c>minUserAgents</c>
/// (default 50) and <c>minRecurrences</c> (default 2).
/// </summary>
internal sealed class RefreshStormRule : IRegistrationRule
{
    public string Id => "refresh-storm";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        var minUas = context.Threshold("minUserAgents", 50);
        var minRecurrences = context.Threshold("minRecurrences", 2);
        var storms = 0;
        var largest = 0;
        var frames = new List<long>();
        foreach (var burst in context.Model.RegisterBursts)
        {
            if (burst.DistinctUserAgents >= minUas)
            {
                storms++;
                largest = Math.Max(largest, burst.DistinctUserAgents);
                frames.AddRange(burst.Frames);
            }
        }

        if (storms < minRecurrences)
        {
            return;
        }

        context.Report(
            "Refresh storm: up to " + largest + " UAs register within the same second, " + storms + " times",
            "REGISTERs from many UAs arrive in synchronised bursts instead of spread over the refresh interval, which overloads the registrar (and its authentication backend) at each burst.",
            "Add jitter to the UAs' refresh timers (refresh at a random point between 50% and 90% of the granted lifetime), and stagger provisioning/reboots.",
            null,
            frames);
    }
}
