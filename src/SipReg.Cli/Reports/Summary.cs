using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Rules;

namespace SipReg.Cli.Reports;

/// <summary>The one-line summary at the top of every report: what the status means, and the most telling finding.</summary>
internal static class Summary
{
    public static string Of(CaptureAnalysis analysis)
    {
        var report = analysis.Report;
        var flows = report.Flows.Count;
        var lead = report.StatusName switch
        {
            "registered" => flows == 1 ? "Registered." : $"Registered: all {flows} registration flows ended with a 200 OK.",
            "challenge-then-registered" => "Registered after the usual digest challenge (a 401/407 answered with credentials, then 200 OK).",
            "auth-loop" => "Not registered: the registrar keeps challenging the credentials it is sent.",
            "failed" => "Not registered: the registrar (or a proxy) answered with a final failure.",
            "no-response" => "Not registered: REGISTER requests got no answer.",
            "incomplete" => "Undecided: the capture ends in the middle of a REGISTER transaction.",
            "deregistered" => "De-registered: the UA removed its binding(s).",
            _ => "No REGISTER in the capture.",
        };

        Finding? top = null;
        foreach (var finding in report.Findings)
        {
            if (finding.Severity > (top?.Severity ?? FindingSeverity.Info) || (top is null && finding.Severity != FindingSeverity.Info))
            {
                top = finding;
            }
        }

        if (top is null && report.StatusName == "no-register")
        {
            foreach (var finding in report.Findings)
            {
                top = finding;
                break;
            }
        }

        return top is null ? lead : lead + " " + top.Title;
    }
}
