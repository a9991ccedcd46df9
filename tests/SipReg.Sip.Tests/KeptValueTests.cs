using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Sip.Tests;

/// <summary>
/// The typed readers hand out what validation kept, and find fields through a per-header index; these tests hold
/// both against a straightforward reading: every field walked in order, values split byte by byte, each parsed again.
/// </summary>
public class KeptValueTests
{
    private static readonly Arbitrary<int> s_seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static readonly string[] s_snippets =
    [
        "\"", "<", ">", ",", ";", "=", "\\", " ", "\t", "\r\n ", ":", "@", "[", "]", ";lr", ";expires=", ";tag=x", "sip:", "<sip:a@b>",
        "\"x,y\"", ",,", "*", "\r\nContact: ", "\r\nVia: ", "\r\nm: ", "\r\nv: ", "\r\nf: <sip:f@g>", "\r\nCSeq: 7 REGISTER",
        "\r\nExpires: 9", "\r\nl: 0", "\r\nPath: <sip:p;lr>", "\r\nWWW-Authenticate: Digest realm=\"r\"", "\r\nProxy-Authenticate: Digest nonce=n",
        "\r\nRoute: <sip:r>, <sip:s>", "\r\nRecord-Route: <sip:rr>", "\r\nX-Unknown: 1", "99999999999",
    ];

    [Fact]
    public void The_header_name_count_covers_every_header_name()
    {
        Assert.All(Enum.GetValues<SipHeaderName>(), h => Assert.InRange((int)h, 0, SipHeaderNames.Count - 1));
        Assert.Contains((SipHeaderName)(SipHeaderNames.Count - 1), Enum.GetValues<SipHeaderName>());
    }

    [Fact]
    public void Typed_readers_equal_a_field_by_field_reading_of_mutated_messages()
    {
        var message = new SipMessage();
        var small = new SipMessage(new SipParserOptions { MaxHeaderCount = 6 });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var renderer = new MessageRenderer(r);
            var text = new StringBuilder(renderer.Render(renderer.NextModel()));
            for (int i = 0, n = r.Next(0, 6); i < n; i++)
            {
                var headerEnd = text.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                text.Insert(r.Next(1, headerEnd < 1 ? text.Length : headerEnd), s_snippets[r.Next(s_snippets.Length)]);
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            foreach (var m in new[] { message, small })
            {
                m.Parse(bytes, SipTransportKind.Datagram);
                Assert.True(Typed(m) == Reference(m), $"seed {seed}\n{text}\nkept:\n{Typed(m)}\nreference:\n{Reference(m)}");
            }
        }));
    }

    [Fact]
    public void Values_beyond_the_kept_table_are_read_on_demand_with_the_same_result()
    {
        var vias = string.Join(", ", Enumerable.Range(0, SipMessage.MaxKeptValues + 40).Select(i => $"SIP/2.0/UDP h{i}:5060;branch=z9hG4bK{i}"));
        var contacts = string.Concat(Enumerable.Range(0, 150).Select(i => $"Contact: <sip:u@h{i}>;expires={i}, \"n\" <sip:x{i}@y>\r\n"));
        var text = $"SIP/2.0 200 OK\r\nVia: {vias}\r\nFrom: <sip:a@b>;tag=1\r\n{contacts}CSeq: 2 REGISTER\r\nPath: <sip:p;lr>\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n";
        var m = TestText.Parse(text);

        Assert.Equal(Reference(m), Typed(m));
        var count = 0;
        foreach (var via in m.Vias)
        {
            Assert.Equal($"h{count}", TestText.S(via.Host));
            count++;
        }

        Assert.Equal(SipMessage.MaxKeptValues + 40, count);
        Assert.True(m.TryGetExpires(out var expires));
        Assert.Equal(60u, expires);
    }

    /// <summary>What the message's typed readers give.</summary>
    private static string Typed(SipMessage m)
    {
        var sb = new StringBuilder();
        foreach (var name in Enum.GetValues<SipHeaderName>())
        {
            sb.Append(name).Append(m.TryGetHeader(name, out var v) ? TestText.S(v) : "-").Append(';').Append(m.GetHeaderCount(name)).Append(';');
            foreach (var value in m.GetValues(name))
            {
                sb.Append('|').Append(TestText.S(value));
            }

            sb.AppendLine();
        }

        foreach (var via in m.Vias)
        {
            Via(sb, via);
        }

        foreach (var contact in m.Contacts)
        {
            Contact(sb, contact);
        }

        foreach (var address in m.Path)
        {
            Address(sb, "path", address);
        }

        foreach (var address in m.ServiceRoute)
        {
            Address(sb, "service-route", address);
        }

        foreach (var address in m.Route)
        {
            Address(sb, "route", address);
        }

        foreach (var address in m.RecordRoute)
        {
            Address(sb, "record-route", address);
        }

        foreach (var challenge in m.Challenges)
        {
            sb.Append("challenge ").Append(challenge.Header).Append(TestText.S(challenge.Parameters)).AppendLine();
        }

        foreach (var credentials in m.Credentials)
        {
            sb.Append("credentials ").Append(credentials.Header).Append(TestText.S(credentials.Parameters)).AppendLine();
        }

        if (m.TryGetFrom(out var from))
        {
            Address(sb, "from", from);
        }

        if (m.TryGetTo(out var to))
        {
            Address(sb, "to", to);
        }

        sb.Append("cseq ").Append(m.TryGetCSeq(out var cseq)).Append(cseq.Number).Append(TestText.S(cseq.Method)).AppendLine();
        sb.Append("expires ").Append(m.TryGetExpires(out var e)).Append(e).Append(" min ").Append(m.TryGetMinExpires(out var min)).Append(min)
            .Append(" length ").Append(m.TryGetContentLength(out var length)).Append(length).AppendLine();
        return sb.ToString();
    }

    /// <summary>The same, read the slow way: every field in order, values split byte by byte, each parsed again.</summary>
    private static string Reference(SipMessage m)
    {
        var sb = new StringBuilder();
        foreach (var name in Enum.GetValues<SipHeaderName>())
        {
            var fields = Fields(m, name).ToList();
            sb.Append(name).Append(fields.Count > 0 ? fields[0] : "-").Append(';').Append(fields.Count).Append(';');
            foreach (var field in fields)
            {
                foreach (var value in SipHeaderNames.IsList(name) ? Split(field) : [field])
                {
                    sb.Append('|').Append(value);
                }
            }

            sb.AppendLine();
        }

        foreach (var value in Fields(m, SipHeaderName.Via).SelectMany(Split))
        {
            if (SipVia.TryParse(TestText.B(value), out var via))
            {
                Via(sb, via);
            }
        }

        foreach (var value in Fields(m, SipHeaderName.Contact).SelectMany(Split))
        {
            if (SipContact.TryParse(TestText.B(value), out var contact))
            {
                Contact(sb, contact);
            }
        }

        foreach (var (header, label) in new[] { (SipHeaderName.Path, "path"), (SipHeaderName.ServiceRoute, "service-route"), (SipHeaderName.Route, "route"), (SipHeaderName.RecordRoute, "record-route") })
        {
            foreach (var value in Fields(m, header).SelectMany(Split))
            {
                if (SipNameAddress.TryParse(TestText.B(value), out var address))
                {
                    Address(sb, label, address);
                }
            }
        }

        for (var i = 0; i < m.HeaderCount; i++)
        {
            var h = m.GetHeader(i);
            if (h.Header is SipHeaderName.WwwAuthenticate or SipHeaderName.ProxyAuthenticate && SipChallenge.TryParse(h.Value, h.Header, out var challenge))
            {
                sb.Append("challenge ").Append(challenge.Header).Append(TestText.S(challenge.Parameters)).AppendLine();
            }
        }

        for (var i = 0; i < m.HeaderCount; i++)
        {
            var h = m.GetHeader(i);
            if (h.Header is SipHeaderName.Authorization or SipHeaderName.ProxyAuthorization && SipCredentials.TryParse(h.Value, h.Header, out var credentials))
            {
                sb.Append("credentials ").Append(credentials.Header).Append(TestText.S(credentials.Parameters)).AppendLine();
            }
        }

        var first = (SipHeaderName name) => Fields(m, name).FirstOrDefault();
        if (first(SipHeaderName.From) is { } fromText && SipNameAddress.TryParse(TestText.B(fromText), out var from))
        {
            Address(sb, "from", from);
        }

        if (first(SipHeaderName.To) is { } toText && SipNameAddress.TryParse(TestText.B(toText), out var to))
        {
            Address(sb, "to", to);
        }

        SipCSeq cseq = default;
        var hasCSeq = first(SipHeaderName.CSeq) is { } cseqText && SipCSeq.TryParse(TestText.B(cseqText), out cseq);
        sb.Append("cseq ").Append(hasCSeq).Append(cseq.Number).Append(TestText.S(cseq.Method)).AppendLine();
        var (hasExpires, expires) = DeltaSeconds(first(SipHeaderName.Expires));
        var (hasMin, min) = DeltaSeconds(first(SipHeaderName.MinExpires));
        var lengthText = first(SipHeaderName.ContentLength);
        var hasLength = lengthText is { Length: > 0 and <= 10 } && lengthText.All(char.IsAsciiDigit);
        sb.Append("expires ").Append(hasExpires).Append(expires).Append(" min ").Append(hasMin).Append(min)
            .Append(" length ").Append(hasLength).Append(hasLength ? long.Parse(lengthText!, System.Globalization.CultureInfo.InvariantCulture) : 0).AppendLine();
        return sb.ToString();
    }

    private static (bool, uint) DeltaSeconds(string? text)
    {
        if (text is null)
        {
            return (false, 0);
        }

        var ok = SipSyntax.TryParseDeltaSeconds(TestText.B(text), out var v);
        return (ok, v);
    }

    /// <summary>The field values of a header, found by walking every field in order.</summary>
    private static IEnumerable<string> Fields(SipMessage m, SipHeaderName name)
    {
        var list = new List<string>();
        for (var i = 0; i < m.HeaderCount; i++)
        {
            var h = m.GetHeader(i);
            if (h.Header == name)
            {
                list.Add(TestText.S(h.Value));
            }
        }

        return list;
    }

    /// <summary>RFC 3261 §7.3.1 list splitting, one byte at a time: commas inside quotes (with escapes) or angle brackets do not count.</summary>
    private static List<string> Split(string value)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        var angle = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\\' && i + 1 < value.Length)
                {
                    current.Append(value[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }

                continue;
            }

            if (c == ',' && angle == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            quoted = c == '"';
            angle += c == '<' ? 1 : c == '>' && angle > 0 ? -1 : 0;
            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts.Select(p => p.Trim(' ', '\t', '\r', '\n')).Where(p => p.Length > 0).ToList();
    }

    private static void Via(StringBuilder sb, SipVia via) =>
        sb.Append("via ").Append(TestText.S(via.ProtocolName)).Append('/').Append(TestText.S(via.ProtocolVersion)).Append('/').Append(TestText.S(via.Transport))
            .Append(' ').Append(TestText.S(via.Host)).Append(':').Append(via.Port).Append(' ').Append(TestText.S(via.SentBy)).Append(';').Append(TestText.S(via.Parameters))
            .Append(" branch=").Append(TestText.S(via.Branch)).Append(" rport=").Append(via.RPort).AppendLine();

    private static void Contact(StringBuilder sb, SipContact contact)
    {
        sb.Append("contact ").Append(contact.IsStar).Append(contact.TryGetExpires(out var e)).Append(e).Append(TestText.S(contact.InstanceId)).Append(' ');
        Address(sb, "", contact.Address);
    }

    private static void Address(StringBuilder sb, string label, SipNameAddress a) =>
        sb.Append(label).Append(' ').Append(TestText.S(a.DisplayName)).Append(a.IsDisplayNameQuoted).Append(a.HasAngleBrackets).Append(TestText.S(a.Uri))
            .Append(';').Append(TestText.S(a.Parameters)).Append(" tag=").Append(TestText.S(a.Tag)).AppendLine();
}
