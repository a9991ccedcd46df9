using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SipReg.Analysis.Pipeline;
using SipReg.Cli.CommandLine;
using SipReg.Cli.Reports;

namespace SipReg.Cli.Commands;

/// <summary><c>sipreg info</c>: what capinfos would say of a capture.</summary>
internal sealed class InfoCommand : Command
{
    public override CommandSpec Spec { get; } = new()
    {
        Name = "info",
        Summary = "Describe a capture: format, interfaces, packet count, times, damage.",
        Usage = "<capture|-> [options]",
        Description = "Reads the whole capture (pcap, pcapng, optionally gzip-compressed) and says what capinfos would:\n" +
            "format, sections, interfaces with link type, timestamp resolution and snap length, packets read, packets cut by\n" +
            "the snap length, first and last packet time, and every problem with its byte offset. A file that is not a\n" +
            "capture at all exits 2 with one line on stderr naming the offset.",
        MinPositionals = 1,
        MaxPositionals = 1,
        Options = [CommonOptions.Format("text", "json"), CommonOptions.Output],
        Examples =
        [
            ("sipreg info phone.pcapng", "Summarise the capture as text."),
            ("sipreg info --format json trace.pcap.gz", "The same as JSON (a gzip-compressed capture is read transparently)."),
        ],
    };

    public override async Task<int> RunAsync(ParsedArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var path = args.Positionals[0];
        CaptureSummary summary;
        await using (var reader = OpenRecords(console, path))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryReadPacket(out _))
                {
                }
            }

            summary = CaptureSummary.From(reader, path);
        }

        await using var output = OpenOutput(args, console);
        if (args.Get("--format", "text") == "json")
        {
            await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            writer.WriteStartObject();
            CaptureJson.WriteProperties(writer, summary);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(Text(summary)), cancellationToken).ConfigureAwait(false);
        }

        return ExitCode.Ok;
    }

    private static string Text(CaptureSummary s)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"File:              {s.File}\n");
        text.Append(c, $"Format:            {s.Format}{(s.Compressed ? " (gzip)" : "")}, {s.Sections} section(s)\n");
        foreach (var i in s.Interfaces)
        {
            text.Append(c, $"Interface {i.Index}:       {i.LinkTypeName} ({(int)i.LinkType}), timestamps {i.TimestampResolution} s, snap length {(i.SnapLength == 0 ? "unlimited" : i.SnapLength.ToString(c))}\n");
        }

        text.Append(c, $"Packets:           {s.Packets}\n");
        text.Append(c, $"Truncated packets: {s.TruncatedPackets}\n");
        if (s.FirstTimeNs is { } first && s.LastTimeNs is { } last)
        {
            text.Append(c, $"First packet:      {EpochTime.Format(first)} ({Utc(first)})\n");
            text.Append(c, $"Last packet:       {EpochTime.Format(last)} ({Utc(last)})\n");
            text.Append(c, $"Duration:          {(last - first) / 1e9:0.000000} s\n");
        }

        foreach (var d in s.Diagnostics)
        {
            text.Append("Problem:           ").Append(d.ToString()).Append('\n');
        }

        return text.ToString();
    }

    internal static string Utc(long ns) =>
        DateTimeOffset.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", CultureInfo.InvariantCulture);
}
