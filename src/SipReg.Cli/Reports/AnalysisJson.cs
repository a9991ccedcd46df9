using System.Text.Json;
using SipReg.Analysis.Model;
using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Rules;

namespace SipReg.Cli.Reports;

/// <summary>
/// Writes the analysis report as JSON: the stable contract of <c>sipreg analyze --format json</c>, documented in the
/// README. Top-level keys: <c>tool, capture, status, summary, flows, bindings, dns, findings</c>.
/// </summary>
internal static class AnalysisJson
{
    public static void Write(Utf8JsonWriter writer, CaptureAnalysis analysis, string version)
    {
        var report = analysis.Report;
        writer.WriteStartObject();
        writer.WriteStartObject("tool");
        writer.WriteString("name", "sipreg");
        writer.WriteString("version", version);
        writer.WriteEndObject();

        writer.WriteStartObject("capture");
        CaptureJson.WriteProperties(writer, analysis.Capture);
        writer.WriteEndObject();

        // Messages found (a TCP record may hold several, a message may span several records).
        writer.WriteStartObject("messages");
        writer.WriteNumber("sip", analysis.SipMessages);
        writer.WriteNumber("dns", analysis.DnsMessages);
        writer.WriteNumber("keepalive", analysis.KeepAlives);
        writer.WriteEndObject();

        writer.WriteString("status", report.StatusName);
        writer.WriteString("summary", Summary.Of(analysis));

        writer.WriteStartArray("flows");
        foreach (var flow in report.Flows)
        {
            WriteFlow(writer, flow);
            FlushEarly(writer);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("bindings");
        foreach (var binding in report.Bindings)
        {
            FlushEarly(writer);
            writer.WriteStartObject();
            writer.WriteString("aor", binding.AddressOfRecord);
            writer.WriteString("contact", binding.ContactUri);
            Optional(writer, "instance", binding.InstanceId);
            Optional(writer, "regId", binding.RegId);
            writer.WriteString("from", EpochTime.Format(binding.FromNs));
            writer.WriteString("until", EpochTime.Format(binding.UntilNs));
            writer.WriteNumber("expires", binding.ExpiresSeconds);
            writer.WriteNumber("firstFrame", binding.FirstFrame);
            writer.WriteNumber("lastFrame", binding.LastFrame);
            writer.WriteString("end", EndName(binding.End));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("dns");
        foreach (var clue in report.DnsClues)
        {
            WriteDnsClue(writer, clue);
            FlushEarly(writer);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            WriteFinding(writer, finding);
            FlushEarly(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFlow(Utf8JsonWriter writer, RegistrationFlow flow)
    {
        writer.WriteStartObject();
        writer.WriteString("aor", flow.AddressOfRecord);
        writer.WriteString("callId", flow.CallId);
        Optional(writer, "instance", flow.InstanceId);
        Optional(writer, "ua", flow.UserAgent);
        Optional(writer, "server", flow.Server);
        writer.WriteString("source", flow.Source);
        writer.WriteString("registrar", flow.Registrar);
        writer.WriteString("transport", flow.Transport);
        writer.WriteString("status", flow.Status.ToContractName());
        writer.WriteNumber("challenges", flow.Challenges);
        Optional(writer, "requestedExpires", flow.RequestedExpires);
        Optional(writer, "grantedExpires", flow.GrantedExpires);
        writer.WriteStartArray("contacts");
        foreach (var contact in flow.Contacts)
        {
            writer.WriteStartObject();
            writer.WriteString("uri", contact.Uri);
            writer.WriteNumber("requestedExpires", contact.RequestedExpires);
            Optional(writer, "grantedExpires", contact.GrantedExpires);
            Optional(writer, "instance", contact.InstanceId);
            Optional(writer, "regId", contact.RegId);
            if (contact.Ob)
            {
                writer.WriteBoolean("ob", true);
            }

            Optional(writer, "pubGruu", contact.PubGruu);
            Optional(writer, "tempGruu", contact.TempGruu);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Strings(writer, "path", flow.Path);
        Strings(writer, "serviceRoute", flow.ServiceRoute);
        writer.WriteBoolean("natEvident", flow.NatEvident);
        writer.WriteNumber("keepAlives", flow.KeepAlives);
        if (flow.OutboundRequested)
        {
            writer.WriteStartObject("outbound");
            writer.WriteBoolean("requested", true);
            writer.WriteBoolean("confirmed", flow.OutboundConfirmed);
            writer.WriteEndObject();
        }

        // The latest transactions; transactionCount says how many there were in all.
        writer.WriteNumber("transactionCount", flow.TransactionCount);
        writer.WriteStartArray("transactions");
        foreach (var transaction in flow.Transactions)
        {
            WriteTransaction(writer, transaction);
        }

        writer.WriteEndArray();

        // Each accepted REGISTER: when it was granted, for how long, and how long was asked (the binding timeline).
        writer.WriteStartArray("refreshes");
        foreach (var transaction in flow.Transactions)
        {
            if (transaction.FinalStatus is >= 200 and < 300 && !transaction.IsDeregistration && !transaction.IsQuery && transaction.FinalFrame is { } frame)
            {
                var at = ResponseTime(transaction) ?? transaction.StartTimeNs;
                writer.WriteStartObject();
                writer.WriteNumber("frame", frame);
                writer.WriteString("time", EpochTime.Format(at));
                Optional(writer, "requestedExpires", transaction.RequestedExpires);
                Optional(writer, "grantedExpires", transaction.GrantedExpires);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTransaction(Utf8JsonWriter writer, SipTransaction transaction)
    {
        writer.WriteStartObject();
        writer.WriteString("method", transaction.Method);
        Optional(writer, "cseq", transaction.CSeq);
        Optional(writer, "branch", transaction.Branch);
        var requestFrames = transaction.RequestFrames;
        if (requestFrames.Count > 0)
        {
            writer.WriteNumber("frame", requestFrames[0]);
        }

        writer.WriteString("time", EpochTime.Format(transaction.StartTimeNs));
        writer.WriteStartArray("frames");
        foreach (var frame in requestFrames)
        {
            writer.WriteNumberValue(frame);
        }

        writer.WriteEndArray();
        Optional(writer, "expires", transaction.RequestedExpires);
        writer.WriteNumber("retransmissions", transaction.Retransmissions);
        writer.WriteStartArray("responses");
        foreach (var response in transaction.Responses)
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", response.StatusCode);
            if (response.FrameNumber == transaction.FinalFrame)
            {
                Optional(writer, "reason", transaction.FinalReason);
                Optional(writer, "expires", transaction.GrantedExpires);
            }

            writer.WriteNumber("frame", response.FrameNumber);
            writer.WriteString("time", EpochTime.Format(response.TimeNs));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Optional(writer, "status", transaction.FinalStatus);
        Optional(writer, "reason", transaction.FinalReason);
        Optional(writer, "grantedExpires", transaction.GrantedExpires);
        Optional(writer, "minExpires", transaction.MinExpires);
        Optional(writer, "retryAfter", transaction.RetryAfter);
        if (transaction.ResponseTimeSeconds is { } seconds)
        {
            writer.WriteNumber("responseTime", Math.Round(seconds, 6));
        }

        writer.WriteString("outcome", transaction.Outcome switch
        {
            TransactionOutcome.Final => "final",
            TransactionOutcome.NoResponse => "no-response",
            TransactionOutcome.Incomplete => "incomplete",
            _ => "pending",
        });
        if (transaction.IcmpFrames.Count > 0)
        {
            writer.WriteStartArray("icmpFrames");
            foreach (var frame in transaction.IcmpFrames)
            {
                writer.WriteNumberValue(frame);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteDnsClue(Utf8JsonWriter writer, DnsClue clue)
    {
        writer.WriteStartObject();
        writer.WriteString("name", clue.Name);
        writer.WriteString("type", clue.Type);
        writer.WriteString("client", clue.Client);
        writer.WriteString("server", clue.Server);
        writer.WriteString("transport", clue.Transport);
        writer.WriteNumber("id", clue.Id);
        Optional(writer, "frame", clue.QueryFrame ?? clue.ResponseFrame);
        writer.WriteString("time", EpochTime.Format(clue.TimeNs));
        Optional(writer, "responseFrame", clue.ResponseFrame);
        Optional(writer, "rcode", clue.Rcode);
        writer.WriteStartArray("answers");
        foreach (var answer in clue.Answers)
        {
            writer.WriteStringValue(answer.Type + " " + answer.Data);
        }

        writer.WriteEndArray();
        writer.WriteString("outcome", clue.Outcome switch
        {
            DnsOutcome.Answered => "answered",
            DnsOutcome.Empty => "empty",
            DnsOutcome.Error => (clue.Rcode ?? "error").ToLowerInvariant(),
            _ => "no-response",
        });
        writer.WriteBoolean("failure", clue.IsFailure);
        if (clue.Truncated)
        {
            writer.WriteBoolean("truncated", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", finding.Rule);
        writer.WriteString("severity", SeverityName(finding.Severity));
        writer.WriteString("title", finding.Title);
        writer.WriteString("detail", finding.Detail);
        writer.WriteString("next", finding.Next);
        Optional(writer, "aor", finding.Aor);
        writer.WriteStartArray("frames");
        foreach (var frame in finding.Frames)
        {
            writer.WriteNumberValue(frame);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A report of thousands of flows is written as it goes, not buffered whole before one flush.</summary>
    private static void FlushEarly(Utf8JsonWriter writer)
    {
        if (writer.BytesPending > 1 << 16)
        {
            writer.Flush();
        }
    }

    internal static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    private static string EndName(BindingEnd end) => end switch
    {
        BindingEnd.Expired => "expired",
        BindingEnd.Deregistered => "deregistered",
        BindingEnd.Removed => "removed",
        _ => "active",
    };

    private static long? ResponseTime(SipTransaction transaction)
    {
        foreach (var response in transaction.Responses)
        {
            if (response.FrameNumber == transaction.FinalFrame)
            {
                return response.TimeNs;
            }
        }

        return null;
    }

    private static void Strings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
