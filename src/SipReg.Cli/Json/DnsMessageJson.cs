using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SipReg.Dns;

namespace SipReg.Cli.Json;

/// <summary>
/// Writes one DNS message as one JSON object, the stable contract of <c>sipreg dns --format jsonl</c>:
/// <c>frame, time, src, dst, transport, id, response, opcode, rcode, flags{aa,tc,rd,ra,ad,cd}, questions[{name,type,class}],
/// answers/authority/additional[{name,type,ttl,...typed fields}], sipRelated, diagnostics[]</c>.
/// </summary>
internal static class DnsMessageJson
{
    /// <summary>Writes <paramref name="message"/> with its transport context.</summary>
    /// <param name="writer">The JSON writer (one object is written).</param>
    /// <param name="message">The decoded message.</param>
    /// <param name="frame">1-based frame number.</param>
    /// <param name="time">Capture time as printed by reports (epoch seconds with 9 fractional digits).</param>
    /// <param name="src">Source endpoint text.</param>
    /// <param name="dst">Destination endpoint text.</param>
    /// <param name="transport"><c>udp</c> or <c>tcp</c>.</param>
    /// <param name="sipRelated">Whether the message is part of locating a SIP server.</param>
    public static void Write(
        Utf8JsonWriter writer, scoped in DnsMessage message, long frame, string time, string src, string dst, string transport, bool sipRelated)
    {
        var header = message.Header;
        writer.WriteStartObject();
        writer.WriteNumber("frame", frame);
        writer.WriteString("time", time);
        writer.WriteString("src", src);
        writer.WriteString("dst", dst);
        writer.WriteString("transport", transport);
        writer.WriteNumber("id", header.Id);
        writer.WriteBoolean("response", header.IsResponse);
        writer.WriteString("opcode", DnsMnemonics.GetOpcodeName(header.Opcode) ?? ((int)header.Opcode).ToString(CultureInfo.InvariantCulture));
        var rcode = message.ResponseCode;
        writer.WriteString("rcode", DnsMnemonics.GetResponseCodeName(rcode) ?? ((int)rcode).ToString(CultureInfo.InvariantCulture));

        writer.WriteStartObject("flags");
        writer.WriteBoolean("aa", header.AuthoritativeAnswer);
        writer.WriteBoolean("tc", header.Truncation);
        writer.WriteBoolean("rd", header.RecursionDesired);
        writer.WriteBoolean("ra", header.RecursionAvailable);
        writer.WriteBoolean("ad", header.AuthenticData);
        writer.WriteBoolean("cd", header.CheckingDisabled);
        writer.WriteEndObject();

        writer.WriteStartArray("questions");
        foreach (var question in message.Questions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", question.Name.ToString());
            writer.WriteString("type", TypeText(question.Type));
            writer.WriteString("class", DnsMnemonics.GetClassName(question.Class) ?? "CLASS" + ((int)question.Class).ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteRecords(writer, "answers", message.Answers);
        WriteRecords(writer, "authority", message.Authorities);
        WriteRecords(writer, "additional", message.Additionals);
        writer.WriteBoolean("sipRelated", sipRelated);

        writer.WriteStartArray("diagnostics");
        for (int i = 0; i < message.StoredDiagnosticCount; i++)
        {
            writer.WriteStringValue(message.GetDiagnostic(i).ToString());
        }

        if (message.DiagnosticCount > message.StoredDiagnosticCount)
        {
            writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{message.DiagnosticCount - message.StoredDiagnosticCount} more problems"));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string TypeText(DnsRecordType type) =>
        DnsMnemonics.GetTypeName(type) ?? "TYPE" + ((int)type).ToString(CultureInfo.InvariantCulture);

    private static void WriteRecords(Utf8JsonWriter writer, string property, DnsRecordEnumerator records)
    {
        writer.WriteStartArray(property);
        foreach (var record in records)
        {
            writer.WriteStartObject();
            writer.WriteString("name", record.Name.ToString());
            writer.WriteString("type", TypeText(record.Type));
            writer.WriteNumber("ttl", record.Ttl);
            WriteData(writer, record);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteData(Utf8JsonWriter writer, DnsRecord record)
    {
        if (record.TryGetAddress(out var address))
        {
            writer.WriteString("address", new IPAddress(address).ToString());
        }
        else if (record.TryGetDomainName(out var target))
        {
            writer.WriteString("target", target.ToString());
        }
        else if (record.TryGetSrv(out var srv))
        {
            writer.WriteNumber("priority", srv.Priority);
            writer.WriteNumber("weight", srv.Weight);
            writer.WriteNumber("port", srv.Port);
            writer.WriteString("target", srv.Target.ToString());
        }
        else if (record.TryGetNaptr(out var naptr))
        {
            writer.WriteNumber("order", naptr.Order);
            writer.WriteNumber("preference", naptr.Preference);
            writer.WriteString("flags", Encoding.UTF8.GetString(naptr.Flags));
            writer.WriteString("services", Encoding.UTF8.GetString(naptr.Services));
            writer.WriteString("regexp", Encoding.UTF8.GetString(naptr.Regexp));
            writer.WriteString("replacement", naptr.Replacement.ToString());
        }
        else if (record.TryGetMx(out var mx))
        {
            writer.WriteNumber("preference", mx.Preference);
            writer.WriteString("target", mx.Exchange.ToString());
        }
        else if (record.TryGetSoa(out var soa))
        {
            writer.WriteString("target", soa.PrimaryNameServer.ToString());
            writer.WriteString("data", string.Create(
                CultureInfo.InvariantCulture,
                $"{soa.ResponsibleMailbox.ToString()} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}"));
        }
        else if (record.TryGetText(out var strings))
        {
            // RFC 7208 §3.3: the strings of one TXT record are read as one, concatenated.
            var text = new StringBuilder();
            foreach (var s in strings)
            {
                text.Append(Encoding.UTF8.GetString(s));
            }

            writer.WriteString("data", text.ToString());
        }
        else
        {
            writer.WriteString("data", Convert.ToHexStringLower(record.Data));
        }
    }
}
