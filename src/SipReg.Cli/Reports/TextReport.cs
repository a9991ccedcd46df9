using System.Globalization;
using System.Text;
using SipReg.Analysis.Model;
using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Rules;

namespace SipReg.Cli.Reports;

/// <summary>The text report: reads like an engineer's summary, per flow, with evidence frames and next checks.</summary>
internal static class TextReport
{
    public static string Render(CaptureAnalysis analysis, bool color)
    {
        var report = analysis.Report;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var errors = report.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        text.Append(Bold("Status: ", color)).Append(Paint(report.StatusName, StatusColor(report.StatusName), color))
            .Append(c, $"  ({report.Flows.Count} flow(s); {report.Findings.Count} finding(s): {errors} error, {warnings} warning)\n");
        text.Append(Summary.Of(analysis)).Append('\n');

        var index = 0;
        foreach (var flow in report.Flows)
        {
            index++;
            text.Append('\n').Append(Bold(c, $"Flow {index}: {flow.AddressOfRecord}", color)).Append("  [")
                .Append(Paint(flow.Status.ToContractName(), StatusColor(flow.Status.ToContractName()), color)).Append("]\n");
            text.Append(c, $"  UA {flow.Source}{(flow.UserAgent is null ? "" : " (" + flow.UserAgent + ")")} -> registrar {flow.Registrar} over {flow.Transport}, Call-ID {flow.CallId}\n");
            text.Append(c, $"  Challenges: {flow.Challenges}   Requested expires: {Seconds(flow.RequestedExpires)}   Granted expires: {Seconds(flow.GrantedExpires)}\n");
            foreach (var contact in flow.Contacts)
            {
                text.Append(c, $"  Contact {contact.Uri}: requested {contact.RequestedExpires} s, granted {Seconds(contact.GrantedExpires)}");
                if (contact.InstanceId is not null)
                {
                    text.Append(c, $", instance {contact.InstanceId}");
                }

                if (contact.RegId is not null)
                {
                    text.Append(c, $", reg-id {contact.RegId}");
                }

                text.Append('\n');
            }

            if (flow.Path.Count > 0)
            {
                text.Append("  Path: ").Append(string.Join(", ", flow.Path)).Append('\n');
            }

            if (flow.ServiceRoute.Count > 0)
            {
                text.Append("  Service-Route: ").Append(string.Join(", ", flow.ServiceRoute)).Append('\n');
            }

            text.Append("  Transactions:\n");
            foreach (var t in flow.Transactions)
            {
                var frame = t.RequestFrames.Count > 0 ? t.RequestFrames[0] : 0;
                text.Append(c, $"    #{frame,-6} {t.Method} CSeq {t.CSeq}");
                if (t.RequestedExpires is { } asked)
                {
                    text.Append(c, $", expires {asked}");
                }

                if (t.Retransmissions > 0)
                {
                    text.Append(c, $", {t.Retransmissions} retransmission(s)");
                }

                text.Append(" -> ");
                if (t.FinalStatus is { } status)
                {
                    text.Append(c, $"{status} {t.FinalReason} (#{t.FinalFrame}");
                    if (t.ResponseTimeSeconds is { } rtt)
                    {
                        text.Append(c, $", {rtt * 1000:0.0} ms");
                    }

                    text.Append(')');
                    if (t.GrantedExpires is { } granted)
                    {
                        text.Append(c, $", granted {granted} s");
                    }

                    if (t.MinExpires is { } min)
                    {
                        text.Append(c, $", Min-Expires {min}");
                    }
                }
                else
                {
                    text.Append(t.Outcome == TransactionOutcome.Incomplete ? "capture ended before an answer" : "no answer");
                    if (t.IcmpFrames.Count > 0)
                    {
                        text.Append(c, $" (ICMP unreachable #{string.Join(", #", t.IcmpFrames)})");
                    }
                }

                text.Append('\n');
            }

            WriteFindings(text, report.Findings.Where(f => f.Flow == flow.Key || (f.Flow is null && f.Aor == flow.AddressOfRecord)), color);
        }

        var loose = report.Findings.Where(f => f.Flow is null && (f.Aor is null || report.Flows.All(flow => flow.AddressOfRecord != f.Aor))).ToList();
        if (loose.Count > 0)
        {
            text.Append('\n').Append(Bold("Capture-wide findings:", color)).Append('\n');
            WriteFindings(text, loose, color);
        }

        if (report.DnsClues.Count > 0)
        {
            text.Append('\n').Append(Bold("SIP-related DNS:", color)).Append('\n');
            foreach (var clue in report.DnsClues)
            {
                text.Append(c, $"  #{clue.QueryFrame ?? clue.ResponseFrame,-6} {clue.Type} {clue.Name} -> ");
                text.Append(clue.Outcome switch
                {
                    DnsOutcome.Answered => "answered: " + string.Join(", ", clue.Answers.Select(a => a.Type + " " + a.Data)),
                    DnsOutcome.Empty => "no records (NOERROR, empty answer)",
                    DnsOutcome.Error => clue.Rcode ?? "error",
                    _ => "no response",
                });
                text.Append('\n');
            }
        }

        var a = analysis.Accounting;
        text.Append('\n').Append(c, $"Capture: {analysis.Capture.Format}, {a.Records} records: {a.Sip} SIP, {a.Dns} DNS, {a.KeepAlive} keep-alive, {a.Other} other");
        AppendNonZero(text, a.UnsupportedLinkType, "unsupported link type");
        AppendNonZero(text, a.Truncated, "truncated");
        AppendNonZero(text, a.Malformed, "malformed");
        AppendNonZero(text, a.Capped, "capped");
        AppendNonZero(text, a.PendingReassembly, "pending reassembly");
        text.Append('\n');
        foreach (var d in analysis.Capture.Diagnostics.Take(20))
        {
            text.Append("  note: ").Append(d.ToString()).Append('\n');
        }

        if (analysis.Capture.Diagnostics.Count > 20)
        {
            text.Append(c, $"  ... and {analysis.Capture.Diagnostics.Count - 20} more notes (see --format json)\n");
        }

        return text.ToString();
    }

    private static void WriteFindings(StringBuilder text, IEnumerable<Finding> findings, bool color)
    {
        foreach (var f in findings)
        {
            var severity = AnalysisJson.SeverityName(f.Severity);
            text.Append("  ").Append(Paint("[" + severity + "]", SeverityColor(f.Severity), color)).Append(' ').Append(f.Rule).Append(": ").Append(f.Title);
            if (f.Frames.Count > 0)
            {
                text.Append(" (frames ").Append(string.Join(", ", f.Frames)).Append(')');
            }

            text.Append("\n      ").Append(f.Detail).Append("\n      Next: ").Append(f.Next).Append('\n');
        }
    }

    private static void AppendNonZero(StringBuilder text, long count, string what)
    {
        if (count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {count} {what}");
        }
    }

    private static string Seconds(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) + " s" : "-";

    private static string StatusColor(string status) => status switch
    {
        "registered" or "challenge-then-registered" => "32",
        "auth-loop" or "failed" or "no-response" => "31",
        _ => "33",
    };

    private static string SeverityColor(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "31",
        FindingSeverity.Warning => "33",
        _ => "36",
    };

    private static string Paint(string text, string code, bool color) => color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;

    private static string Bold(string text, bool color) => color ? "\u001b[1m" + text + "\u001b[0m" : text;

    private static string Bold(CultureInfo culture, FormattableString text, bool color) => Bold(text.ToString(culture), color);
}
