using System.Globalization;
using System.Net;
using SipReg.Analysis.Facts;
using SipReg.Dns;

namespace SipReg.Analysis.Pipeline;

/// <summary>Reads a DNS message into a <see cref="DnsFact"/>: the only place where the analysis touches SipReg.Dns's API.</summary>
public static class DnsFactReader
{
    /// <summary>Reads a fact from a decoded DNS message.</summary>
    /// <param name="message">The message (possibly malformed; what was read is used).</param>
    /// <param name="context">The message as found in the capture.</param>
    /// <param name="sipRelated">Whether the message is part of locating a SIP server (see <see cref="DnsSipRelevance"/>).</param>
    /// <returns>The fact.</returns>
    public static DnsFact Read(scoped in DnsMessage message, in CaptureMessage context, bool sipRelated)
    {
        string questionName = "", questionType = "";
        if (message.TryGetFirstQuestion(out var question))
        {
            questionName = question.Name.ToString();
            questionType = TypeName(question.Type);
        }

        var answers = new List<DnsAnswerFact>();
        foreach (var record in message.Answers)
        {
            answers.Add(new DnsAnswerFact(TypeName(record.Type), RecordText(record)));
        }

        var header = message.Header;
        return new DnsFact
        {
            FrameNumber = context.FrameNumber,
            TimeNs = context.TimestampNanoseconds,
            HasTime = context.HasTimestamp,
            Source = context.Source.ToString(),
            Destination = context.Destination.ToString(),
            Transport = context.Protocol == Pcap.TransportProtocol.Tcp ? "tcp" : "udp",
            Id = header.Id,
            IsResponse = header.IsResponse,
            Rcode = header.IsResponse ? RcodeName(message.ResponseCode) : null,
            QuestionName = questionName,
            QuestionType = questionType,
            AnswerCount = header.AnswerCount,
            Answers = answers,
            SipRelated = sipRelated,
            Truncated = header.Truncation,
        };
    }

    /// <summary>The type mnemonic (<c>SRV</c>, <c>NAPTR</c>, ...) or <c>TYPE</c> and the number.</summary>
    /// <param name="type">The record type.</param>
    /// <returns>The mnemonic.</returns>
    public static string TypeName(DnsRecordType type) =>
        DnsMnemonics.GetTypeName(type) ?? "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    /// <summary>The RCODE mnemonic (<c>NOERROR</c>, <c>NXDOMAIN</c>, ...) or its number.</summary>
    /// <param name="code">The response code, extended by EDNS where present.</param>
    /// <returns>The mnemonic.</returns>
    public static string RcodeName(DnsResponseCode code) =>
        DnsMnemonics.GetResponseCodeName(code) ?? ((ushort)code).ToString(CultureInfo.InvariantCulture);

    private static string RecordText(DnsRecord record)
    {
        if (record.TryGetAddress(out var address) && address.Length is 4 or 16)
        {
            return new IPAddress(address).ToString();
        }

        if (record.TryGetSrv(out var srv))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{srv.Priority} {srv.Weight} {srv.Port} {srv.Target.ToString()}");
        }

        if (record.TryGetNaptr(out var naptr))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{naptr.Order} {naptr.Preference} \"{Ascii(naptr.Flags)}\" \"{Ascii(naptr.Services)}\" \"{Ascii(naptr.Regexp)}\" {naptr.Replacement.ToString()}");
        }

        if (record.TryGetDomainName(out var name))
        {
            return name.ToString();
        }

        return Convert.ToHexStringLower(record.Data);
    }

    private static string Ascii(ReadOnlySpan<byte> text) => System.Text.Encoding.ASCII.GetString(text);
}
