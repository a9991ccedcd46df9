using System.Text.Json;
using SipReg.Analysis.Pipeline;

namespace SipReg.Cli.Reports;

/// <summary>
/// Writes what <c>sipreg info</c> says of a capture (also the <c>capture</c> section of the analysis report):
/// <c>format, sections, interfaces[{linkType, linkTypeName, timestampResolution, snapLength}], packets,
/// truncatedPackets, firstTime, lastTime, diagnostics[{offset, frame, message}]</c> and, after analysis,
/// <c>accounting{records, sip, dns, keepalive, other, unsupportedLinkType, truncated, malformed, capped, pendingReassembly}</c>.
/// </summary>
internal static class CaptureJson
{
    public static void WriteProperties(Utf8JsonWriter writer, CaptureSummary capture)
    {
        if (capture.File is not null)
        {
            writer.WriteString("file", capture.File);
        }

        writer.WriteString("format", capture.Format);
        if (capture.Compressed)
        {
            writer.WriteBoolean("compressed", true);
        }

        writer.WriteNumber("sections", capture.Sections);
        writer.WriteStartArray("interfaces");
        foreach (var i in capture.Interfaces)
        {
            writer.WriteStartObject();
            writer.WriteNumber("linkType", (int)i.LinkType);
            writer.WriteString("linkTypeName", i.LinkTypeName);
            writer.WriteString("timestampResolution", i.TimestampResolution);
            writer.WriteNumber("snapLength", i.SnapLength);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("packets", capture.Packets);
        writer.WriteNumber("truncatedPackets", capture.TruncatedPackets);
        if (capture.FirstTimeNs is { } first)
        {
            writer.WriteString("firstTime", EpochTime.Format(first));
        }

        if (capture.LastTimeNs is { } last)
        {
            writer.WriteString("lastTime", EpochTime.Format(last));
        }

        writer.WriteStartArray("diagnostics");
        foreach (var d in capture.Diagnostics)
        {
            writer.WriteStartObject();
            if (d.Offset >= 0)
            {
                writer.WriteNumber("offset", d.Offset);
            }

            if (d.FrameNumber > 0)
            {
                writer.WriteNumber("frame", d.FrameNumber);
            }

            writer.WriteString("message", d.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (capture.Accounting is { } a)
        {
            writer.WriteStartObject("accounting");
            writer.WriteNumber("records", a.Records);
            writer.WriteNumber("sip", a.Sip);
            writer.WriteNumber("dns", a.Dns);
            writer.WriteNumber("keepalive", a.KeepAlive);
            writer.WriteNumber("other", a.Other);
            writer.WriteNumber("unsupportedLinkType", a.UnsupportedLinkType);
            writer.WriteNumber("truncated", a.Truncated);
            writer.WriteNumber("malformed", a.Malformed);
            writer.WriteNumber("capped", a.Capped);
            writer.WriteNumber("pendingReassembly", a.PendingReassembly);
            writer.WriteEndObject();
        }
    }
}
