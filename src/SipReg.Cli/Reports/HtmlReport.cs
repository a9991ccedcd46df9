using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SipReg.Cli.Reports;

/// <summary>
/// Renders the JSON analysis report (the <c>sipreg analyze --format json</c> contract) as one self-contained HTML page:
/// inline CSS and SVG only, no scripts, fonts or network, so it opens on an air-gapped laptop.
/// </summary>
internal static class HtmlReport
{
    private const int LadderWidth = 760;
    private const int LadderRowHeight = 34;
    private const int TimelineWidth = 760;

    /// <summary>Writes the page for <paramref name="report"/> (the root of the JSON report).</summary>
    public static void Write(JsonElement report, TextWriter output)
    {
        var html = new StringBuilder(64 * 1024);
        var status = Text(report, "status") ?? "unknown";
        var file = report.TryGetProperty("capture", out var capture) ? Text(capture, "file") : null;

        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>SipReg: ").Append(E(file ?? "capture")).Append(" (").Append(E(status)).Append(")</title>")
            .Append("<style>").Append(Css).Append("</style></head><body>\n");

        WriteSummary(html, report, status, file);
        WriteFindings(html, report);
        WriteFlows(html, report);
        WriteBindings(html, report);
        WriteDns(html, report);
        WriteCapture(html, report);

        html.Append("<footer>Made by sipreg ").Append(E(report.TryGetProperty("tool", out var tool) ? Text(tool, "version") ?? "" : ""))
            .Append(". The capture was read on this machine; nothing left it.</footer>\n</body></html>\n");
        output.Write(html.ToString());
    }

    private static void WriteSummary(StringBuilder html, JsonElement report, string status, string? file)
    {
        html.Append("<header><h1>Registration report</h1>");
        if (file is not null)
        {
            html.Append("<div class=\"file\">").Append(E(file)).Append("</div>");
        }

        html.Append("<div class=\"status status-").Append(E(status)).Append("\" id=\"capture-status\">").Append(E(status)).Append("</div>");
        var summary = Text(report, "summary");
        if (summary is not null)
        {
            html.Append("<p class=\"summary\">").Append(E(summary)).Append("</p>");
        }

        var flows = Array(report, "flows");
        var findings = Array(report, "findings");
        html.Append("<p class=\"counts\">").Append(flows.Count).Append(flows.Count == 1 ? " registration flow, " : " registration flows, ")
            .Append(findings.Count).Append(findings.Count == 1 ? " finding" : " findings").Append("</p></header>\n");
    }

    private static void WriteFindings(StringBuilder html, JsonElement report)
    {
        var findings = Array(report, "findings");
        html.Append("<section id=\"findings\"><h2>Findings</h2>");
        if (findings.Count == 0)
        {
            html.Append("<p>No findings.</p>");
        }

        foreach (var finding in findings)
        {
            var severity = Text(finding, "severity") ?? "info";
            html.Append("<div class=\"finding sev-").Append(E(severity)).Append("\" data-rule=\"").Append(E(Text(finding, "rule") ?? "")).Append("\">")
                .Append("<div class=\"finding-head\"><span class=\"sev\">").Append(E(severity)).Append("</span> <code class=\"rule\">")
                .Append(E(Text(finding, "rule") ?? "")).Append("</code> ").Append(E(Text(finding, "title") ?? "")).Append("</div>");
            var aor = Text(finding, "aor");
            if (aor is not null)
            {
                html.Append("<div class=\"aor\">").Append(E(aor)).Append("</div>");
            }

            html.Append("<p>").Append(E(Text(finding, "detail") ?? "")).Append("</p>");
            var next = Text(finding, "next");
            if (next is not null)
            {
                html.Append("<p class=\"next\"><b>Next:</b> ").Append(E(next)).Append("</p>");
            }

            var frames = Array(finding, "frames");
            if (frames.Count > 0)
            {
                html.Append("<p class=\"frames\">Evidence frames: ").Append(E(string.Join(", ", frames.Select(f => f.ToString())))).Append("</p>");
            }

            html.Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void WriteFlows(StringBuilder html, JsonElement report)
    {
        var flows = Array(report, "flows");
        if (flows.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"flows\"><h2>Registration flows</h2>");
        var index = 0;
        foreach (var flow in flows)
        {
            index++;
            var flowStatus = Text(flow, "status") ?? "";
            html.Append("<div class=\"flow\" id=\"flow-").Append(index).Append("\"><h3>").Append(E(Text(flow, "aor") ?? "(no AOR)"))
                .Append(" <span class=\"status status-").Append(E(flowStatus)).Append("\">").Append(E(flowStatus)).Append("</span></h3>");
            html.Append("<table class=\"kv\">");
            Row(html, "User agent", Text(flow, "ua"));
            Row(html, "Call-ID", Text(flow, "callId"));
            Row(html, "Registrar", Text(flow, "registrar"));
            Row(html, "Transport", Text(flow, "transport"));
            Row(html, "Challenges", Number(flow, "challenges"));
            Row(html, "Requested expires", Number(flow, "requestedExpires"));
            Row(html, "Granted expires", Number(flow, "grantedExpires"));
            var contacts = Array(flow, "contacts");
            if (contacts.Count > 0)
            {
                Row(html, "Contacts", string.Join("\n", contacts.Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : Text(c, "uri"))));
            }

            html.Append("</table>");
            WriteLadder(html, flow);
            html.Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>A ladder (sequence) diagram: UA, the proxies named by Path, and the registrar, one arrow per message.</summary>
    private static void WriteLadder(StringBuilder html, JsonElement flow)
    {
        var lanes = new List<string> { "UA " + (Text(flow, "ua") ?? "") };
        foreach (var path in Array(flow, "path"))
        {
            // A Path entry is a SIP URI (RFC 3327 §4); its host:port names the proxy.
            var uri = path.GetString() ?? "";
            var colon = uri.IndexOf(':', StringComparison.Ordinal);
            var host = uri[(colon + 1)..].Split(';', '>')[0];
            lanes.Add("Proxy " + host);
        }

        lanes.Add("Registrar " + (Text(flow, "registrar") ?? ""));
        var arrows = new List<(bool Request, string Label, string Note)>();
        foreach (var transaction in Array(flow, "transactions"))
        {
            var method = Text(transaction, "method") ?? "REGISTER";
            var expires = Number(transaction, "expires");
            var requestNote = FrameNote(transaction, "frame", "time");
            var label = method + (expires is null ? "" : " Expires " + expires);
            var contacts = Array(transaction, "contacts");
            if (contacts.Count > 0)
            {
                label += " Contact " + (contacts[0].ValueKind == JsonValueKind.String ? contacts[0].GetString() : Text(contacts[0], "uri"));
            }

            arrows.Add((true, label, requestNote));
            foreach (var response in Array(transaction, "responses"))
            {
                var responseLabel = Number(response, "status") + " " + (Text(response, "reason") ?? "");
                var granted = Number(response, "expires");
                if (granted is not null)
                {
                    responseLabel += " expires=" + granted;
                }

                arrows.Add((false, responseLabel.Trim(), FrameNote(response, "frame", "time")));
            }
        }

        var height = 50 + (arrows.Count * LadderRowHeight) + 10;
        const int margin = 110;
        var laneGap = (LadderWidth - (2 * margin)) / Math.Max(1, lanes.Count - 1);
        html.Append("<svg class=\"ladder\" role=\"img\" aria-label=\"ladder diagram\" width=\"").Append(LadderWidth).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(LadderWidth).Append(' ').Append(height).Append("\">");
        for (var i = 0; i < lanes.Count; i++)
        {
            var x = margin + (i * laneGap);
            html.Append("<line class=\"lane\" x1=\"").Append(x).Append("\" y1=\"36\" x2=\"").Append(x).Append("\" y2=\"").Append(height - 4).Append("\"/>")
                .Append("<text class=\"lane-name\" x=\"").Append(x).Append("\" y=\"16\" text-anchor=\"middle\">").Append(E(Cut(lanes[i], 32))).Append("</text>");
        }

        var left = margin;
        var right = margin + ((lanes.Count - 1) * laneGap);
        for (var i = 0; i < arrows.Count; i++)
        {
            var (request, label, note) = arrows[i];
            var y = 56 + (i * LadderRowHeight);
            var (x1, x2) = request ? (left, right) : (right, left);
            var cls = request ? "req" : label.StartsWith('2') ? "ok" : label.StartsWith('1') ? "prov" : "err";
            html.Append("<g class=\"arrow ").Append(cls).Append("\"><line x1=\"").Append(x1).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(x2).Append("\" y2=\"").Append(y)
                .Append("\" marker-end=\"url(#head)\"/>")
                .Append("<text x=\"").Append((left + right) / 2).Append("\" y=\"").Append(y - 5).Append("\" text-anchor=\"middle\">").Append(E(Cut(label, 90))).Append("</text>")
                .Append("<text class=\"note\" x=\"").Append(request ? left - 4 : right + 4).Append("\" y=\"").Append(y + 12).Append("\" text-anchor=\"").Append(request ? "start" : "end")
                .Append("\">").Append(E(note)).Append("</text></g>");
        }

        html.Append("<defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs></svg>");
    }

    /// <summary>
    /// A timeline per flow: each accepted REGISTER as a bar of the granted lifetime, an outline of the requested one,
    /// a tick when it came, and in red the time the binding had lapsed before the next refresh.
    /// </summary>
    private static void WriteBindings(StringBuilder html, JsonElement report)
    {
        var flows = Array(report, "flows");
        var capture = report.TryGetProperty("capture", out var c) ? c : default;
        double? start = Seconds(capture, "firstTime"), end = Seconds(capture, "lastTime");
        var timelines = new List<(string Name, List<(long Frame, double From, double? Until, double? RequestedUntil)> Periods)>();
        foreach (var flow in flows)
        {
            var periods = new List<(long, double, double?, double?)>();
            foreach (var refresh in Array(flow, "refreshes"))
            {
                if (Seconds(refresh, "time") is not { } from)
                {
                    continue;
                }

                double? until = long.TryParse(Number(refresh, "grantedExpires"), out var granted) ? from + granted : null;
                double? requestedUntil = long.TryParse(Number(refresh, "requestedExpires"), out var requested) ? from + requested : null;
                periods.Add((long.TryParse(Number(refresh, "frame"), out var frame) ? frame : 0, from, until, requestedUntil));
                start = Min(start, from);
                end = Max(end, Max(until, requestedUntil));
            }

            if (periods.Count > 0)
            {
                timelines.Add(((Text(flow, "aor") ?? "") + " (" + (Text(flow, "callId") ?? "") + ")", periods));
            }
        }

        var table = Array(report, "bindings");
        if (timelines.Count == 0 && table.Count == 0)
        {
            return;
        }

        var span = start is null || end is null || end <= start ? 1.0 : end.Value - start.Value;
        html.Append("<section id=\"bindings\"><h2>Bindings over time</h2><p class=\"legend\"><span class=\"key granted\"></span> granted lifetime ")
            .Append("<span class=\"key requested\"></span> requested lifetime <span class=\"key lapse\"></span> lapsed (not registered) ")
            .Append("<span class=\"key tick\"></span> accepted REGISTER</p>");
        foreach (var (name, periods) in timelines)
        {
            html.Append("<div class=\"binding\"><div class=\"binding-name\">").Append(E(name)).Append("</div><svg class=\"timeline\" width=\"").Append(TimelineWidth)
                .Append("\" height=\"40\"><line class=\"axis\" x1=\"0\" y1=\"30\" x2=\"").Append(TimelineWidth).Append("\" y2=\"30\"/>");
            double? previousUntil = null;
            foreach (var (frame, from, until, requestedUntil) in periods)
            {
                if (previousUntil is not null && from > previousUntil)
                {
                    Bar(html, "lapse", previousUntil.Value, from, start!.Value, span, 8, 16);
                }

                if (requestedUntil is not null)
                {
                    Bar(html, "requested", from, requestedUntil.Value, start!.Value, span, 6, 20);
                }

                if (until is not null)
                {
                    Bar(html, "granted", from, until.Value, start!.Value, span, 10, 12);
                }

                var x = X(from, start!.Value, span);
                html.Append("<line class=\"tick\" x1=\"").Append(x).Append("\" y1=\"4\" x2=\"").Append(x).Append("\" y2=\"34\"><title>")
                    .Append(E("200 OK frame " + frame)).Append("</title></line>");
                previousUntil = until;
            }

            html.Append("</svg></div>");
        }

        if (table.Count > 0)
        {
            html.Append("<h3>Binding table (as the registrar held it)</h3><table class=\"grid\"><tr><th>AOR</th><th>Contact</th><th>From</th><th>Until</th><th>Expires</th><th>End</th><th>Frames</th></tr>");
            foreach (var binding in table)
            {
                html.Append("<tr><td>").Append(E(Text(binding, "aor") ?? "")).Append("</td><td>").Append(E(Text(binding, "contact") ?? ""))
                    .Append("</td><td>").Append(E(ShortTime(Text(binding, "from") ?? ""))).Append("</td><td>").Append(E(ShortTime(Text(binding, "until") ?? "")))
                    .Append("</td><td>").Append(E(Number(binding, "expires") ?? "")).Append("</td><td>").Append(E(Text(binding, "end") ?? ""))
                    .Append("</td><td>").Append(E(Number(binding, "firstFrame") + "-" + Number(binding, "lastFrame"))).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</section>\n");
    }

    private static void WriteDns(StringBuilder html, JsonElement report)
    {
        var dns = Array(report, "dns");
        html.Append("<section id=\"dns\"><h2>DNS clues</h2>");
        if (dns.Count == 0)
        {
            html.Append("<p>No SIP-related DNS in the capture.</p></section>\n");
            return;
        }

        html.Append("<table class=\"grid\"><tr><th>Frame</th><th>Name</th><th>Type</th><th>Outcome</th><th>Answers</th></tr>");
        foreach (var query in dns)
        {
            var outcome = Text(query, "outcome") ?? Text(query, "rcode") ?? "";
            html.Append("<tr class=\"dns-").Append(E(outcome)).Append("\"><td>").Append(E(Number(query, "frame") ?? "")).Append("</td><td>")
                .Append(E(Text(query, "name") ?? "")).Append("</td><td>").Append(E(Text(query, "type") ?? "")).Append("</td><td>").Append(E(outcome))
                .Append("</td><td>").Append(E(string.Join(", ", Array(query, "answers").Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : a.ToString()))))
                .Append("</td></tr>");
        }

        html.Append("</table></section>\n");
    }

    private static void WriteCapture(StringBuilder html, JsonElement report)
    {
        if (!report.TryGetProperty("capture", out var capture))
        {
            return;
        }

        html.Append("<section id=\"capture\"><h2>Capture</h2><table class=\"kv\">");
        Row(html, "Format", Text(capture, "format"));
        Row(html, "Packets", Number(capture, "packets"));
        Row(html, "First packet", Text(capture, "firstTime"));
        Row(html, "Last packet", Text(capture, "lastTime"));
        if (capture.TryGetProperty("accounting", out var accounting) && accounting.ValueKind == JsonValueKind.Object)
        {
            Row(html, "Where every record went", string.Join(", ", accounting.EnumerateObject().Select(p => p.Name + " " + p.Value)));
        }

        html.Append("</table>");
        var diagnostics = Array(capture, "diagnostics");
        if (diagnostics.Count > 0)
        {
            html.Append("<ul class=\"diagnostics\">");
            foreach (var diagnostic in diagnostics)
            {
                html.Append("<li>").Append(E(Text(diagnostic, "message") ?? diagnostic.ToString())).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>\n");
    }

    private static void Bar(StringBuilder html, string cls, double from, double until, double start, double span, int y, int height)
    {
        var x1 = X(from, start, span);
        var x2 = Math.Max(x1 + 1, X(until, start, span));
        html.Append("<rect class=\"").Append(cls).Append("\" x=\"").Append(x1).Append("\" y=\"").Append(y).Append("\" width=\"").Append(x2 - x1)
            .Append("\" height=\"").Append(height).Append("\"/>");
    }

    private static int X(double t, double start, double span) => (int)Math.Clamp((t - start) / span * (TimelineWidth - 2), 0, TimelineWidth - 2);

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string FrameNote(JsonElement element, string frameName, string timeName)
    {
        var frame = Number(element, frameName);
        var time = Text(element, timeName);
        return (frame is null ? "" : "#" + frame) + (time is null ? "" : " " + ShortTime(time));
    }

    private static string ShortTime(string epoch) =>
        double.TryParse(epoch, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : epoch;

    private static double? Seconds(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    private static void Row(StringBuilder html, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</td></tr>");
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;

    private static List<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "\u2026";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:980px;padding:20px;color:#1d232a;background:#fbfbfc}
        h1{margin:0 0 4px;font-size:22px}h2{border-bottom:1px solid #d8dde3;padding-bottom:4px;margin-top:28px}h3{margin:8px 0}
        .file{color:#5b6570;font-family:ui-monospace,monospace}.summary{font-size:16px}.counts{color:#5b6570}
        .status{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;background:#e3e7eb;color:#222;font-size:13px}
        header .status{font-size:18px;margin:8px 0}
        .status-registered,.status-challenge-then-registered{background:#d3f2dc;color:#0e5a26}
        .status-auth-loop,.status-failed,.status-no-response{background:#fbd5d5;color:#8a1414}
        .status-incomplete,.status-deregistered,.status-no-register{background:#fdecc8;color:#7a4b00}
        .finding{border-left:4px solid #9aa5b1;background:#fff;padding:8px 12px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        .finding-head{font-weight:600}.sev{text-transform:uppercase;font-size:11px;padding:1px 6px;border-radius:4px;background:#e3e7eb}
        .sev-error{border-color:#d12f2f}.sev-error .sev{background:#d12f2f;color:#fff}
        .sev-warning{border-color:#e49b0f}.sev-warning .sev{background:#e49b0f;color:#fff}
        .sev-info{border-color:#3a7bd5}.sev-info .sev{background:#3a7bd5;color:#fff}
        .rule{font-size:12px;color:#5b6570}.aor{color:#5b6570;font-family:ui-monospace,monospace;font-size:12px}.next{margin-top:4px}.frames{color:#5b6570;font-size:12px}
        .flow{background:#fff;padding:8px 14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
        table.kv th{text-align:left;padding-right:14px;color:#5b6570;font-weight:500;vertical-align:top}
        table.kv td{font-family:ui-monospace,monospace;font-size:12px}
        table.grid{border-collapse:collapse;width:100%}table.grid td,table.grid th{border:1px solid #d8dde3;padding:3px 6px;text-align:left;font-size:12px}
        tr.dns-nxdomain td,tr.dns-servfail td,tr.dns-refused td,tr.dns-no-answer td,tr.dns-empty td{background:#fdeaea}
        svg.ladder{display:block;margin:10px 0;font-size:11px}.lane{stroke:#9aa5b1;stroke-dasharray:4 3}.lane-name{font-weight:600}
        .arrow line{stroke-width:1.6}.arrow.req line{stroke:#2d5fa8}.arrow.ok line{stroke:#1c8a43}.arrow.err line{stroke:#c62828}.arrow.prov line{stroke:#8a8f96}
        .arrow text{fill:#1d232a}.arrow .note{fill:#5b6570;font-size:10px}marker path{fill:#555}
        .binding{margin:8px 0}.binding-name{font-family:ui-monospace,monospace;font-size:12px}
        svg.timeline .axis{stroke:#9aa5b1}svg.timeline .granted,.key.granted{fill:#3fae62;background:#3fae62}
        svg.timeline .requested,.key.requested{fill:none;stroke:#2d5fa8;stroke-dasharray:3 2;border:1px dashed #2d5fa8}
        svg.timeline .lapse,.key.lapse{fill:#d12f2f;background:#d12f2f}svg.timeline .tick{stroke:#1d232a;stroke-width:1.5}.key.tick{background:#1d232a;width:2px}
        .key{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
        footer{margin-top:30px;color:#8a8f96;font-size:12px}
        """;
}
