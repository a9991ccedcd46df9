using System.Globalization;
using System.Text;
using SipReg.Analysis.Redaction;
using SipReg.Cli.CommandLine;

namespace SipReg.Cli.Commands;

/// <summary><c>sipreg redact</c>: a shareable copy of a capture that still analyses to the same result.</summary>
internal sealed class RedactCommand : Command
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "redact",
        Summary = "Write a copy of a capture with addresses and SIP identities masked, for sharing.",
        Usage = "<capture|-> <output|-> [options]",
        Description = "Writes the capture back in its own format (pcap or pcapng; a gzip-compressed input is written\n" +
            "uncompressed) with the same packets and timestamps, but:\n" +
            "  - IP addresses mapped consistently into 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 (then 198.18.0.0/15,\n" +
            "    240.0.0.0/4, 0.0.0.0/8 when those have no address of the same text length); private addresses stay private,\n" +
            "    loopback and multicast are kept; IPv6 keeps its first 16 bits and the shape of its text;\n" +
            "  - SIP user parts, host names, display names, Call-IDs, tags, branches (after z9hG4bK), nonces, cnonces, opaque,\n" +
            "    digest responses, usernames, realms and +sip.instance UUIDs masked; DNS names masked the same way.\n" +
            "Every replacement has the length of the original (digits stay digits, letters letters, hex hex), so lengths,\n" +
            "TCP sequence numbers and Content-Length stay valid; checksums are updated. Equal values get equal replacements,\n" +
            "so 'sipreg analyze' reports the same flows, statuses and findings on the copy. Methods, status codes, Expires,\n" +
            "CSeq, q, reg-id, transport, User-Agent and Server are kept. The whole capture is held in memory.\n" +
            "A summary goes to stderr: packets rewritten, addresses mapped, tokens masked, packets left unchanged and why.",
        MinPositionals = 2,
        MaxPositionals = 2,
        Options =
        [
            new OptionSpec("--key", "HEX", "HMAC key for the replacements (hex); the same key gives the same output. Default: random per run."),
            new OptionSpec("--keep-ips", null, "Leave IP addresses as they are (mask only SIP and DNS identities)."),
            new OptionSpec("--map", "FILE", "Also write the address map (original, replacement; tab-separated) to FILE. Keep it private."),
        ],
        Examples =
        [
            ("sipreg redact customer.pcapng shareable.pcapng", "Mask with a random key: nobody can link the copy to the original values."),
            ("sipreg redact --key 5eed0f5a17ab1e trace.pcap.gz out.pcap", "Reproducible output: the same key masks the same values the same way."),
            ("sipreg redact --map private-map.tsv in.pcap out.pcap && sipreg analyze out.pcap", "Keep the address map, then check the copy analyses the same."),
        ],
    };

    public override async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var keyText = args.Get("--key");
        byte[]? key = null;
        if (keyText is not null)
        {
            try
            {
                key = Convert.FromHexString(keyText);
            }
            catch (FormatException)
            {
                throw new UsageException("--key must be an even number of hex digits, e.g. 5eed0f5a17ab1e");
            }

            if (key.Length == 0)
            {
                throw new UsageException("--key must not be empty");
            }
        }

        var redactor = new CaptureRedactor(new RedactionOptions { Key = key, KeepAddresses = args.Has("--keep-ips") });
        var inputPath = args.Positionals[0];
        var outputPath = args.Positionals[1];
        RedactionSummary summary;
        await using (var input = inputPath == "-" ? console.OpenStandardInput() : new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            // Read fully before the output is opened: an unreadable input must not leave an empty output file behind.
            using (var redacted = new MemoryStream())
            {
                try
                {
                    summary = await redactor.RedactAsync(input, redacted, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    // The replacement ranges ran out of addresses of one text length: nothing is written.
                    console.Error.WriteLine("sipreg: cannot redact: " + e.Message);
                    return ExitCode.UsageOrUnreadableInput;
                }

                redacted.Position = 0;
                await using var output = outputPath == "-" ? console.OpenStandardOutput()
                    : new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                await redacted.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
        }

        if (args.Get("--map") is { } mapPath)
        {
            var map = new StringBuilder("# original\treplacement\n");
            foreach (var (from, to) in summary.AddressMap.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                map.Append(from).Append('\t').Append(to).Append('\n');
            }

            await File.WriteAllTextAsync(mapPath, map.ToString(), cancellationToken).ConfigureAwait(false);
        }

        console.Error.Write(Describe(summary));
        return ExitCode.Ok;
    }

    internal static string Describe(RedactionSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"sipreg redact: {s.Packets} packets ({s.Format}{(s.InputWasCompressed ? ", gzip input written uncompressed" : "")}): ");
        text.Append(c, $"{s.PacketsRewritten} rewritten, {s.PacketsUnchanged} unchanged; {s.AddressesMapped} addresses mapped; ");
        text.Append(c, $"{s.TokensMasked} tokens masked ({s.DistinctTokensMasked} distinct)\n");
        foreach (var (reason, count) in s.UnchangedReasons.OrderByDescending(p => p.Value))
        {
            text.Append(c, $"  unchanged: {count} packet(s): {reason}\n");
        }

        foreach (var (note, count) in s.Notes.OrderByDescending(p => p.Value))
        {
            text.Append(c, $"  note: {count} x {note}\n");
        }

        if (s.InputError is not null)
        {
            text.Append("  input damaged, packets before the damage written: ").Append(s.InputError).Append('\n');
        }

        return text.ToString();
    }
}
