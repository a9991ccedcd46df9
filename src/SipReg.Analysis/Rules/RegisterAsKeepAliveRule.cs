using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>register-as-keepalive</c>: refreshes come so often (below <c>intervalSeconds</c>, default 60) that REGISTER is
/// holding a NAT pinhole; CRLF keep-alives (RFC 5626 §4.4.1) do that for a fraction of the bytes.
/// Threshold <c>minIntervals</c> (default 2) sets how many refresh intervals must be seen.
/// </summary>
internal sealed class RegisterAsKeepAliveRule : IRegistrationRule
{
    private const int AssumedCycleBytes = 1000;

    public string Id => "register-as-keepalive";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        var limit = context.Threshold("intervalSeconds", 60);
        var minIntervals = context.Threshold("minIntervals", 2);
        foreach (var flow in context.Model.Flows)
        {
            if (flow.RefreshIntervalCount < minIntervals || flow.RefreshIntervalCount == 0)
            {
                continue;
            }

            var mean = flow.RefreshIntervalTotalSeconds / flow.RefreshIntervalCount;
            if (mean >= limit || mean <= 0)
            {
                continue;
            }

            // Bytes on the wire per interval: REGISTER + 200 OK against a CRLFCRLF ping and CRLF pong, each with headers.
            var overhead = Overhead(flow);
            var known = flow.RefreshCycles > 0 && flow.RefreshBytes > 0;
            var cycleBytes = known ? (double)flow.RefreshBytes / flow.RefreshCycles : AssumedCycleBytes;
            var registerCost = cycleBytes + (2 * overhead);
            var keepAliveCost = 4 + 2 + (2 * overhead);
            var perHour = 3600 / mean;
            var frames = new List<long>();
            foreach (var i in flow.RefreshIntervals)
            {
                frames.Add(i.Frame);
            }

            context.Report(
                "REGISTER every " + BuiltInRules.N(mean) + " s used as keep-alive",
                "The UA refreshes its registration every " + BuiltInRules.N(mean) + " s on average (granted " + BuiltInRules.N(flow.GrantedExpires)
                    + " s), most likely to hold a NAT pinhole open. That costs about " + BuiltInRules.N(registerCost) + " bytes per refresh ("
                    + (known ? "observed REGISTER+200 sizes" : "sizes unknown, assumed " + AssumedCycleBytes + " bytes")
                    + " plus " + overhead + " bytes of headers per packet), " + BuiltInRules.N(registerCost * perHour / 1024) + " KiB/h, against "
                    + keepAliveCost + " bytes (" + BuiltInRules.N(keepAliveCost * perHour / 1024) + " KiB/h) for a CRLFCRLF ping and CRLF pong at the same rate: "
                    + BuiltInRules.N(registerCost / keepAliveCost) + " times more, plus registrar load and authentication each time.",
                "Use CRLF or STUN keep-alives (RFC 5626) for the pinhole and refresh the registration at a normal interval (e.g. half the granted lifetime).",
                flow,
                frames);
        }
    }

    private static int Overhead(RegistrationFlow flow)
    {
        var v6 = flow.Source.StartsWith('[');
        var stream = flow.Transport is "tcp" or "tls";
        return (v6 ? 40 : 20) + (stream ? 20 : 8);
    }
}
