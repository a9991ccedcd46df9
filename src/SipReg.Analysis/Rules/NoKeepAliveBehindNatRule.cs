using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>no-keepalive-behind-nat</c>: NAT is evident (Via received/rport, or a private Contact from a public address),
/// the UA stays silent longer than a NAT binding lives (<c>natTimeoutSeconds</c>, default 30) and sends no
/// keep-alive (RFC 5626 §4.4), so the pinhole closes and incoming requests are lost.
/// </summary>
internal sealed class NoKeepAliveBehindNatRule : IRegistrationRule
{
    public string Id => "no-keepalive-behind-nat";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        var timeout = context.Threshold("natTimeoutSeconds", 30);
        foreach (var flow in context.Model.Flows)
        {
            if (!flow.NatEvident || flow.Successes == 0)
            {
                continue;
            }

            var silent = 0;
            var longest = 0.0;
            var frames = new List<long>();
            foreach (var i in flow.RefreshIntervals)
            {
                if (i.Seconds > timeout && i.KeepAlives == 0)
                {
                    silent++;
                    longest = Math.Max(longest, i.Seconds);
                    frames.Add(i.PreviousFrame);
                    frames.Add(i.Frame);
                }
            }

            // The tail: from the latest successful registration to the end of the capture.
            if (flow.LastSuccessTimeNs is { } last && flow.Status is RegistrationStatus.Registered or RegistrationStatus.ChallengeThenRegistered)
            {
                var tail = (context.Model.LastTimeNs - last) / 1e9;
                if (tail > timeout && flow.KeepAlivesSinceSuccess == 0)
                {
                    silent++;
                    longest = Math.Max(longest, tail);
                }
            }

            if (silent == 0)
            {
                continue;
            }

            context.Report(
                "Behind NAT without keep-alives: silent for " + BuiltInRules.N(longest) + " s",
                "The registrar sees this UA through a NAT, yet the UA sent nothing for longer than a typical NAT binding lives (" + BuiltInRules.N(timeout)
                    + " s) and no CRLF/STUN keep-alive. The pinhole closes, so incoming calls to the AOR no longer reach the UA until its next refresh.",
                "Enable keep-alives on the UA (CRLF every 25 s or SIP outbound), or let the edge proxy send NAT pings (e.g. nathelper).",
                flow,
                frames);
        }
    }
}
