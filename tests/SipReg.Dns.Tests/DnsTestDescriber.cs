using System.Text;

namespace SipReg.Dns.Tests;

/// <summary>Turns a decoded <see cref="DnsMessage"/> into the canonical text of <see cref="DnsTestMessage.Describe"/>.</summary>
public static class DnsTestDescriber
{
    public static string Describe(DnsMessage message)
    {
        var sb = new StringBuilder();
        sb.Append("id=").Append(message.Header.Id).Append(" flags=").Append(message.Header.Flags).Append('\n');
        foreach (var q in message.Questions)
        {
            sb.Append("Q ").Append(Text(q.Name)).Append(' ').Append((ushort)q.Type).Append(' ').Append(q.RawClass).Append('\n');
        }

        Append(sb, "AN", message.Answers);
        Append(sb, "NS", message.Authorities);
        Append(sb, "AR", message.Additionals);
        return sb.ToString();
    }

    /// <summary>Labels joined with dots, root as "" (the model's form).</summary>
    public static string Text(DnsName name)
    {
        var parts = new List<string>();
        var labels = name.EnumerateLabels();
        while (labels.MoveNext())
        {
            parts.Add(Encoding.ASCII.GetString(labels.Current));
        }

        return labels.Error == DnsDiagnosticReason.None ? string.Join('.', parts) : "<" + labels.Error + ">";
    }

    private static void Append(StringBuilder sb, string section, DnsRecordEnumerator records)
    {
        foreach (var r in records)
        {
            sb.Append(section).Append(' ').Append(Text(r.Name)).Append(' ').Append((ushort)r.Type).Append(' ').Append(r.RawClass)
                .Append(' ').Append(r.Ttl).Append(' ').Append(Data(r)).Append('\n');
        }
    }

    private static string Data(DnsRecord r)
    {
        if (r.TryGetAddress(out var address))
        {
            return Convert.ToHexString(address);
        }

        if (r.TryGetDomainName(out var target))
        {
            return Text(target);
        }

        if (r.TryGetMx(out var mx))
        {
            return $"{mx.Preference} {Text(mx.Exchange)}";
        }

        if (r.TryGetSrv(out var srv))
        {
            return $"{srv.Priority} {srv.Weight} {srv.Port} {Text(srv.Target)}";
        }

        if (r.TryGetNaptr(out var n))
        {
            return $"{n.Order} {n.Preference} [{Ascii(n.Flags)}] [{Ascii(n.Services)}] [{Ascii(n.Regexp)}] {Text(n.Replacement)}";
        }

        if (r.TryGetText(out var strings))
        {
            var list = new List<string>();
            foreach (var s in strings)
            {
                list.Add(Ascii(s));
            }

            return string.Join("|", list);
        }

        if (r.TryGetSoa(out var soa))
        {
            return $"{Text(soa.PrimaryNameServer)} {Text(soa.ResponsibleMailbox)} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}";
        }

        return Convert.ToHexString(r.Data);
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
