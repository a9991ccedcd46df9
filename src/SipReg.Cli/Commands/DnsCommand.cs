using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SipReg.Analysis.Facts;
using SipReg.Analysis.Pipeline;
using SipReg.Cli.CommandLine;
using SipReg.Cli.Json;
using SipReg.Dns;
using SipReg.Pcap;

namespace SipReg.Cli.Commands;

/// <summary><c>sipreg dns</c>: every DNS, mDNS and LLMNR message in capture order, with SIP relevance.</summary>
internal sealed class DnsCommand : Command
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "dns",
        Summary = "List every DNS message (UDP and TCP), marking the SIP-related ones.",
        Usage = "<capture|-> [options]",
        Description = "Decodes DNS on port 53 (and mDNS 5353, LLMNR 5355) over UDP and TCP. A message is SIP-related when it\n" +
            "asks for a _sip/_sips SRV, a NAPTR with SIP services, or A/AAAA of an SRV target or of a host seen in a SIP\n" +
            "Request-URI. --format jsonl prints one JSON object per message: the stable contract documented in the README.",
        MinPositionals = 1,
        MaxPositionals = 1,
        Options = [CommonOptions.Format("text", "jsonl"), CommonOptions.Output],
        Examples =
        [
            ("sipreg dns phone.pcap", "One line per message: frame, id, question, rcode, answers."),
            ("sipreg dns --format jsonl phone.pcap | jq 'select(.sipRelated)'", "Only the lookups that locate a SIP server."),
        ],
    };

    public override async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var path = args.Positionals[0];
        var jsonl = args.Get("--format", "text") == "jsonl";
        var relevance = new DnsSipRelevance();
        await using var source = OpenMessages(console, path);
        await using var output = OpenOutput(args, console);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        while (await source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (source.TryReadMessage(out var message))
            {
                if (message.Kind == CaptureMessageKind.Sip && message.Sip is { IsRequest: true } request)
                {
                    var uri = request.RequestUri;
                    if (Sip.SipUri.TryParse(uri, out var parsed) && !parsed.Host.IsEmpty)
                    {
                        relevance.AddSipDomain(Encoding.UTF8.GetString(parsed.Host));
                    }

                    continue;
                }

                if (message.Kind != CaptureMessageKind.Dns)
                {
                    continue;
                }

                var dns = DnsMessage.Read(message.Data, source.Options.Dns);
                var related = dns.HasHeader && relevance.Evaluate(dns);
                var time = message.HasTimestamp ? EpochTime.Format(message.TimestampNanoseconds) : "";
                var transport = message.Protocol == TransportProtocol.Tcp ? "tcp" : "udp";
                if (jsonl)
                {
                    DnsMessageJson.Write(json, dns, message.FrameNumber, time, message.Source.ToString(), message.Destination.ToString(), transport, related);
                    json.Flush();
                    json.Reset();
                    output.WriteByte((byte)'\n');
                }
                else
                {
                    var line = Line(dns, message, time, transport, related);
                    await output.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return ExitCode.Ok;
    }

    private static string Line(scoped in DnsMessage dns, in CaptureMessage message, string time, string transport, bool related)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{message.FrameNumber,6} {time} {message.Source} -> {message.Destination} {transport} ");
        if (!dns.HasHeader)
        {
            return text.Append("(shorter than a DNS header)\n").ToString();
        }

        var fact = DnsFactReader.Read(dns, message, related);
        text.Append(CultureInfo.InvariantCulture, $"id {fact.Id} {(fact.IsResponse ? "response " + fact.Rcode : "query")} {fact.QuestionName} {fact.QuestionType}");
        foreach (DnsAnswerFact answer in fact.Answers)
        {
            text.Append(" | ").Append(answer.Type).Append(' ').Append(answer.Data);
        }

        if (related)
        {
            text.Append("  [sip]");
        }

        if (dns.IsMalformed)
        {
            text.Append("  [malformed]");
        }

        return text.Append('\n').ToString();
    }
}
