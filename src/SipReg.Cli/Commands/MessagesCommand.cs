using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SipReg.Analysis.Pipeline;
using SipReg.Cli.CommandLine;
using SipReg.Cli.Json;
using SipReg.Pcap;
using SipReg.Sip;

namespace SipReg.Cli.Commands;

/// <summary><c>sipreg messages</c>: every SIP message and keep-alive in capture order.</summary>
internal sealed class MessagesCommand : Command
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "messages",
        Summary = "List every SIP message and keep-alive, in capture order.",
        Usage = "<capture|-> [options]",
        Description = "Finds SIP by content on any port, over UDP (IP fragments reassembled) and TCP (streams reassembled and\n" +
            "framed by Content-Length). --format jsonl prints one JSON object per message: the stable contract documented\n" +
            "in the README (frame, time, src, dst, transport, kind, method, requestUri, status, reason, callId, cseq,\n" +
            "from, to, via, contacts, contactStar, expires, minExpires, path, serviceRoute, route, supported, require,\n" +
            "challenge, authorization, authenticationInfo, retryAfter, userAgent, server, diagnostics).",
        MinPositionals = 1,
        MaxPositionals = 1,
        Options = [CommonOptions.Format("text", "jsonl"), CommonOptions.Output],
        Examples =
        [
            ("sipreg messages register.pcap", "One line per message: frame, time, endpoints, start line."),
            ("sipreg messages --format jsonl register.pcap | jq 'select(.method == \"REGISTER\") | .contacts'", "Every REGISTER's Contacts."),
        ],
    };

    public override async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var path = args.Positionals[0];
        var jsonl = args.Get("--format", "text") == "jsonl";
        await using var source = OpenMessages(console, path);
        await using var output = OpenOutput(args, console);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var text = new StringBuilder();
        while (await source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (source.TryReadMessage(out var message))
            {
                if (message.Kind is not (CaptureMessageKind.Sip or CaptureMessageKind.KeepAlive))
                {
                    continue;
                }

                var time = message.HasTimestamp ? EpochTime.Format(message.TimestampNanoseconds) : "";
                var src = message.Source.ToString();
                var dst = message.Destination.ToString();
                var transport = message.Protocol == TransportProtocol.Tcp ? "tcp" : "udp";
                if (jsonl)
                {
                    if (message.Kind == CaptureMessageKind.Sip && message.Sip is { } sip)
                    {
                        SipMessageJson.Write(json, sip, message.FrameNumber, time, src, dst, transport);
                    }
                    else
                    {
                        SipMessageJson.WriteKeepAlive(json, message.KeepAlive, message.FrameNumber, time, src, dst, transport);
                    }

                    json.Flush();
                    json.Reset();
                    output.WriteByte((byte)'\n');
                }
                else
                {
                    text.Append(CultureInfo.InvariantCulture, $"{message.FrameNumber,6} {time} {src} -> {dst} {transport} ");
                    text.Append(message.Kind == CaptureMessageKind.KeepAlive ? "keep-alive " + message.KeepAlive.ToString().ToLowerInvariant() : StartLine(message.Sip));
                    text.Append('\n');
                    await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
                    text.Clear();
                }
            }
        }

        return ExitCode.Ok;
    }

    private static string StartLine(SipMessage? sip)
    {
        if (sip is null || !(sip.IsRequest || sip.IsResponse))
        {
            return "(no SIP start line)";
        }

        var line = sip.IsRequest
            ? SipText.GetString(sip.Method) + " " + SipText.GetString(sip.RequestUri)
            : sip.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + SipText.GetString(sip.ReasonPhrase);
        if (sip.TryGetCSeq(out var cseq))
        {
            line += " (CSeq " + cseq.Number.ToString(CultureInfo.InvariantCulture) + " " + SipText.GetString(cseq.Method) + ")";
        }

        return line;
    }
}
