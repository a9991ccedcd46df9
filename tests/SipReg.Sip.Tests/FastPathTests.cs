using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Sip.Tests;

/// <summary>
/// The one-pass readers (Digest auth-params) and the parameters a message keeps on their first lookup (Via branch/received/rport, From/To tag,
/// Contact expires/+sip.instance/reg-id) against a straightforward reading: every parameter walked with the generic
/// <see cref="SipParameterEnumerator"/> and compared by name as strings.
/// </summary>
public class FastPathTests
{
    private static readonly Arbitrary<int> s_seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static readonly string[] s_authNames =
    [
        "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "nc", "qop", "opaque", "domain", "stale",
        "USERNAME", "Realm", "NONCE", "Qop", "x-other", "rea1m", "nonc", "noncee", "realm\r",
    ];

    private static readonly string[] s_authValues =
    [
        "\"a3f1c9e27b4d5068\"", "\"sipreg.test\"", "MD5", "auth", "\"auth,auth-int\"", "00000001", "\"\"", "", "\"a\\\"b\"", "\"a,b\"",
        "\"unclosed", "sip:x@y", "\"q\"tail", "a\"b", "\"x\\", "true", "\"<sip:a;b=c>\"",
    ];

    private static readonly string[] s_junk = ["", "", "", " ", "\t", ",", ", ", " ,, ", "\r\n ", "=", "\"", "\\", ";"];

    [Fact]
    public void Digest_auth_params_read_in_one_pass_equal_the_generic_walk()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var text = new StringBuilder("Digest ");
            for (int i = 0, n = r.Next(0, 8); i < n; i++)
            {
                text.Append(s_junk[r.Next(s_junk.Length)]).Append(s_authNames[r.Next(s_authNames.Length)]).Append(s_junk[r.Next(s_junk.Length)]);
                if (r.Next(8) > 0)
                {
                    text.Append(r.Next(3) == 0 ? " = " : "=").Append(s_authValues[r.Next(s_authValues.Length)]);
                }

                text.Append(s_junk[r.Next(s_junk.Length)]).Append(r.Next(4) > 0 ? ", " : s_junk[r.Next(s_junk.Length)]);
            }

            var value = TestText.B(text.ToString()).ToArray();
            Assert.True(Credentials(value) == CredentialsReference(value), $"seed {seed}: {text}\n{Credentials(value)}\n{CredentialsReference(value)}");
            Assert.True(Challenge(value) == ChallengeReference(value), $"seed {seed}: {text}\n{Challenge(value)}\n{ChallengeReference(value)}");
        }));
    }

    [Fact]
    public void Case_folded_words_of_letter_names_equal_the_byte_compare()
    {
        // A letters-only lower-case name of 1 to 8 bytes against itself with bytes changed to upper case, to a byte that
        // differs in bit 0x20 only, or to any byte, and cut or lengthened.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var lower = new byte[r.Next(1, 9)];
            for (var i = 0; i < lower.Length; i++)
            {
                lower[i] = (byte)('a' + r.Next(26));
            }

            var s = (byte[])lower.Clone();
            for (int i = 0, n = r.Next(0, 4); i < n; i++)
            {
                var at = r.Next(s.Length);
                s[at] = r.Next(3) switch
                {
                    0 => (byte)(s[at] & ~0x20),
                    1 => (byte)(s[at] ^ 0x40),
                    _ => (byte)r.Next(256),
                };
            }

            if (r.Next(4) == 0)
            {
                s = r.Next(2) == 0 ? s[..r.Next(1, s.Length + 1)] : [.. s, (byte)r.Next(256)];
            }

            var expected = SipSyntax.EqualsLowerIgnoreCase(s, lower);
            var actual = s.Length == lower.Length && SipSyntax.CaseFoldedWord(s) == SipSyntax.CaseFoldedWord(lower);
            Assert.True(expected == actual, $"seed {seed}: {Convert.ToHexString(s)} {Convert.ToHexString(lower)}");
        }));
    }

    [Fact]
    public void Header_name_lookup_by_words_equals_a_case_insensitive_compare_with_every_name()
    {
        // Names near the known ones: each full name with bytes changed to the other case, to a byte that differs only in
        // bit 0x20 (a CR for '-', '@' for '`'), to any byte, or cut; the reference compares with every full name as strings.
        var known = Enum.GetValues<SipHeaderName>().Where(h => h != SipHeaderName.Unknown).ToArray();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var name = SipHeaderNames.FullName(known[r.Next(known.Length)]).ToArray();
            for (int i = 0, n = r.Next(0, 3); i < n && name.Length > 0; i++)
            {
                var at = r.Next(name.Length);
                name[at] = r.Next(4) switch
                {
                    0 => (byte)(name[at] ^ 0x20),
                    1 => (byte)(name[at] & ~0x20),
                    2 => (byte)r.Next(256),
                    _ => (byte)char.ToUpperInvariant((char)name[at]),
                };
            }

            if (r.Next(8) == 0)
            {
                name = name[..r.Next(name.Length + 1)];
            }

            var expected = known.FirstOrDefault(h => SipHeaderNames.FullName(h).Length == name.Length && name.Length > 1
                && string.Equals(Encoding.Latin1.GetString(SipHeaderNames.FullName(h)), Encoding.Latin1.GetString(name), StringComparison.OrdinalIgnoreCase));
            if (name.Length == 1)
            {
                expected = SipHeaderNames.Lookup(name);
            }

            Assert.True(expected == SipHeaderNames.Lookup(name), $"seed {seed}: {Convert.ToHexString(name)}");
        }));
    }

    [Fact]
    public void Challenges_and_credentials_from_the_enumerators_equal_each_field_read_on_its_own()
    {
        // The enumerators keep the auth-scheme split they checked in MoveNext; the reference reads every field value again
        // with TryParse, skipping those without a scheme.
        string[] schemes = ["Digest ", "digest  ", "Basic ", "", " ", "Digest", "Digest\t", "x\"y ", "Di,gest "];
        string[] headers = ["WWW-Authenticate", "Proxy-Authenticate", "Authorization", "Proxy-Authorization"];
        var message = new SipMessage();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var text = new StringBuilder("REGISTER sip:a SIP/2.0\r\n");
            for (int f = 0, fields = r.Next(0, 5); f < fields; f++)
            {
                text.Append(headers[r.Next(headers.Length)]).Append(": ").Append(schemes[r.Next(schemes.Length)]);
                for (int i = 0, n = r.Next(0, 5); i < n; i++)
                {
                    text.Append(s_authNames[r.Next(s_authNames.Length)]).Append('=').Append(s_authValues[r.Next(s_authValues.Length)])
                        .Append(r.Next(4) > 0 ? ", " : s_junk[r.Next(s_junk.Length)]);
                }

                text.Append("\r\n");
            }

            message.Parse(Encoding.UTF8.GetBytes(text.Append("Content-Length: 0\r\n\r\n").ToString()), SipTransportKind.Datagram);

            var enumerated = new StringBuilder();
            foreach (var c in message.Challenges)
            {
                enumerated.Append(c.Header).AppendLine(Challenge(c));
            }

            foreach (var c in message.Credentials)
            {
                enumerated.Append(c.Header).AppendLine(Credentials(c));
            }

            var reference = new StringBuilder();
            for (var i = 0; i < message.HeaderCount; i++)
            {
                var field = message.GetHeader(i);
                if ((field.Header is SipHeaderName.WwwAuthenticate or SipHeaderName.ProxyAuthenticate)
                    && SipChallenge.TryParse(field.Value, field.Header, out var challenge))
                {
                    reference.Append(challenge.Header).AppendLine(Challenge(challenge));
                }
            }

            for (var i = 0; i < message.HeaderCount; i++)
            {
                var field = message.GetHeader(i);
                if ((field.Header is SipHeaderName.Authorization or SipHeaderName.ProxyAuthorization)
                    && SipCredentials.TryParse(field.Value, field.Header, out var credentials))
                {
                    reference.Append(credentials.Header).AppendLine(Credentials(credentials));
                }
            }

            Assert.True(enumerated.ToString() == reference.ToString(), $"seed {seed}\n{text}\nenumerated:\n{enumerated}\nreference:\n{reference}");
        }));
    }

    [Theory]
    [InlineData("Digest username=\"1001\", realm=\"sipreg.test\", nonce=\"n\", uri=\"sip:sipreg.test\", response=\"r\", algorithm=MD5, cnonce=\"c\", qop=auth, nc=00000001")]
    [InlineData("Digest realm=\"a\", realm=\"b\"")]
    [InlineData("Digest realm=\"a\\\"b\", nonce=x")]
    [InlineData("Digest realm=\"a\"b, nonce=x")]
    [InlineData("Digest stale, realm=x")]
    public void Known_auth_param_lists_equal_the_generic_walk(string header)
    {
        var value = TestText.B(header).ToArray();
        Assert.Equal(CredentialsReference(value), Credentials(value));
        Assert.Equal(ChallengeReference(value), Challenge(value));
    }

    private static string Credentials(byte[] value) =>
        SipCredentials.TryParse(value, SipHeaderName.Authorization, out var c) ? Credentials(c) : "none";

    private static string Credentials(SipCredentials c)
    {
        return string.Join("|", TestText.S(c.Scheme), TestText.S(c.Parameters), TestText.S(c.Username), TestText.S(c.Realm), TestText.S(c.Nonce),
            TestText.S(c.Uri), TestText.S(c.Response), TestText.S(c.Algorithm), TestText.S(c.CNonce), TestText.S(c.NonceCount), TestText.S(c.Qop),
            TestText.S(c.Opaque));
    }

    private static string CredentialsReference(byte[] value)
    {
        if (!SipAuthScheme.TrySplit(value, out var scheme, out var parameters))
        {
            return "none";
        }

        var p = LastValues(parameters);
        return string.Join("|", TestText.S(scheme), TestText.S(parameters), p("username"), p("realm"), p("nonce"), p("uri"), p("response"),
            p("algorithm"), p("cnonce"), p("nc"), p("qop"), p("opaque"));
    }

    private static string Challenge(byte[] value) =>
        SipChallenge.TryParse(value, SipHeaderName.WwwAuthenticate, out var c) ? Challenge(c) : "none";

    private static string Challenge(SipChallenge c)
    {
        return string.Join("|", TestText.S(c.Scheme), TestText.S(c.Parameters), TestText.S(c.Realm), TestText.S(c.Nonce), TestText.S(c.Opaque),
            TestText.S(c.Domain), TestText.S(c.Algorithm), TestText.S(c.Qop), TestText.S(c.Stale));
    }

    private static string ChallengeReference(byte[] value)
    {
        if (!SipAuthScheme.TrySplit(value, out var scheme, out var parameters))
        {
            return "none";
        }

        var p = LastValues(parameters);
        return string.Join("|", TestText.S(scheme), TestText.S(parameters), p("realm"), p("nonce"), p("opaque"), p("domain"), p("algorithm"),
            p("qop"), p("stale"));
    }

    /// <summary>Each auth-param's last value by name (ignoring case), from the generic walk.</summary>
    private static Func<string, string> LastValues(ReadOnlySpan<byte> parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in new SipParameterEnumerator(parameters, (byte)','))
        {
            values[TestText.S(p.Name)] = TestText.S(p.Value);
        }

        return name => values.TryGetValue(name, out var v) ? v : "";
    }

    private static readonly string[] s_parameters =
    [
        "branch=z9hG4bK1", "BRANCH=z9hG4bK2", "branch", "branch=", "received=203.0.113.23", "Received=\"q\"", "rport", "rport=5060", "RPort=70000",
        "rport=abc", "rport=", "tag=8c2f", "TAG=x", "tag", "expires=600", "Expires=99999999999", "expires=x", "expires", "+sip.instance=\"<urn:uuid:1>\"",
        "+SIP.Instance=\"<urn:a;b>\"", "reg-id=1", "REG-ID=4294967296", "reg-id", "q=0.5", "lr", "ob", "x=\"a;b\"", "branch\r=1", "reg\rid=2",
        "a=\"unclosed", "", " ", "=",
    ];

    [Fact]
    public void Kept_parameters_equal_a_lookup_in_the_parameter_list()
    {
        var message = new SipMessage();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            string Parameters()
            {
                var sb = new StringBuilder();
                for (int i = 0, n = r.Next(0, 6); i < n; i++)
                {
                    sb.Append(r.Next(6) == 0 ? " ; " : ";").Append(s_parameters[r.Next(s_parameters.Length)]);
                }

                return sb.ToString();
            }

            var text = new StringBuilder("SIP/2.0 200 OK\r\n");
            text.Append("Via: SIP/2.0/UDP 192.168.1.23:5060").Append(Parameters()).Append(", SIP/2.0/TCP [2001:db8::1]").Append(Parameters()).Append("\r\n");
            text.Append("v: SIP/2.0/UDP h").Append(Parameters()).Append("\r\n");
            text.Append("From: \"A\" <sip:a@b;tag=uri>").Append(Parameters()).Append("\r\n");
            text.Append("To: sip:a@b").Append(Parameters()).Append("\r\n");
            text.Append("Contact: <sip:u@h;expires=1>").Append(Parameters()).Append(", sip:v@h").Append(Parameters()).Append("\r\n");
            text.Append("m: *\r\nContact: \"x,y\" <sip:w@h>").Append(Parameters()).Append("\r\n");
            text.Append("Path: <sip:p;lr>").Append(Parameters()).Append("\r\nContent-Length: 0\r\n\r\n");
            message.Parse(Encoding.UTF8.GetBytes(text.ToString()), SipTransportKind.Datagram);

            var kept = new StringBuilder();
            foreach (var via in message.Vias)
            {
                Via(kept, via);
            }

            foreach (var contact in message.Contacts)
            {
                Contact(kept, contact);
            }

            foreach (var path in message.Path)
            {
                Address(kept, path);
            }

            if (message.TryGetFrom(out var from))
            {
                Address(kept, from);
            }

            if (message.TryGetTo(out var to))
            {
                Address(kept, to);
            }

            // The reference re-reads each view from its own text, so every lookup walks the parameter list.
            var reference = new StringBuilder();
            foreach (var value in message.GetValues(SipHeaderName.Via))
            {
                if (SipVia.TryParse(value, out var via))
                {
                    Via(reference, via);
                }
            }

            foreach (var value in message.GetValues(SipHeaderName.Contact))
            {
                if (SipContact.TryParse(value, out var contact))
                {
                    Contact(reference, contact);
                }
            }

            foreach (var value in message.GetValues(SipHeaderName.Path))
            {
                if (SipNameAddress.TryParse(value, out var path))
                {
                    Address(reference, path);
                }
            }

            foreach (var header in new[] { SipHeaderName.From, SipHeaderName.To })
            {
                if (message.TryGetHeader(header, out var value) && SipNameAddress.TryParse(value, out var address))
                {
                    Address(reference, address);
                }
            }

            Assert.True(kept.ToString() == reference.ToString(), $"seed {seed}\n{text}\nkept:\n{kept}\nreference:\n{reference}");
        }));
    }

    [Fact]
    public void A_parameter_found_in_one_pass_equals_the_first_one_the_generic_walk_gives()
    {
        string[] names = ["branch", "rport", "expires", "+sip.instance", "reg-id", "tag", "lr", "transport", "x", "realm", ""];
        string[] extra = ["transport=udp", "Transport=TCP", "lr", "x", "X=1", "x = \"a b\"", "x=a b", "\"x\"=1", "x=\"a\"b", "realm=\"r\"", ",", ";;", "\\"];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            foreach (var separator in new[] { ';', ',' })
            {
                var text = new StringBuilder();
                for (int i = 0, n = r.Next(0, 7); i < n; i++)
                {
                    var pool = r.Next(3) == 0 ? extra : s_parameters;
                    text.Append(s_junk[r.Next(s_junk.Length)]).Append(pool[r.Next(pool.Length)]).Append(s_junk[r.Next(s_junk.Length)])
                        .Append(r.Next(5) > 0 ? separator : ' ');
                }

                var list = TestText.B(text.ToString()).ToArray();
                foreach (var name in names)
                {
                    var nameBytes = TestText.B(name);
                    var found = SipParameterEnumerator.TryFind(list, (byte)separator, nameBytes, out var p);
                    var fast = found ? $"{TestText.S(p.Name)}|{TestText.S(p.RawValue)}|{p.HasValue}|{TestText.S(p.Value)}" : "-";
                    var reference = "-";
                    foreach (var q in new SipParameterEnumerator(list, (byte)separator))
                    {
                        if (string.Equals(TestText.S(q.Name), name, StringComparison.OrdinalIgnoreCase))
                        {
                            reference = $"{TestText.S(q.Name)}|{TestText.S(q.RawValue)}|{q.HasValue}|{TestText.S(q.Value)}";
                            break;
                        }
                    }

                    Assert.True(fast == reference, $"seed {seed} '{separator}' {name}: [{text}]\n{fast}\n{reference}");
                }
            }
        }));
    }

    [Fact]
    public void Enumerators_build_the_current_view_on_request_with_the_same_values()
    {
        var m = TestText.Parse("SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP a;branch=1, SIP/2.0/UDP b;branch=2\r\nContact: <sip:c@d>;expires=5\r\n" +
            "Path: <sip:p;lr>\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\nWWW-Authenticate: x\r\nProxy-Authenticate: Basic realm=\"b\"\r\n" +
            "Authorization: Digest username=\"u\"\r\nContent-Length: 0\r\n\r\n");

        var vias = m.Vias;
        Assert.True(vias.Current.Host.IsEmpty);
        Assert.True(vias.MoveNext());
        Assert.Equal("a", TestText.S(vias.Current.Host));
        Assert.Equal("1", TestText.S(vias.Current.Branch));
        Assert.True(vias.MoveNext());
        Assert.False(vias.MoveNext());
        Assert.Equal("2", TestText.S(vias.Current.Branch));

        var challenges = m.Challenges;
        Assert.True(challenges.Current.Scheme.IsEmpty);
        Assert.True(challenges.MoveNext());
        Assert.Equal("n", TestText.S(challenges.Current.Nonce));
        Assert.Equal("r", TestText.S(challenges.Current.Realm));
        Assert.True(challenges.MoveNext());
        Assert.Equal("x", TestText.S(challenges.Current.Scheme));
        Assert.True(challenges.MoveNext());
        Assert.Equal(SipHeaderName.ProxyAuthenticate, challenges.Current.Header);
        Assert.False(challenges.MoveNext());
        Assert.Equal("b", TestText.S(challenges.Current.Realm));

        var credentials = m.Credentials;
        Assert.True(credentials.MoveNext());
        Assert.Equal("u", TestText.S(credentials.Current.Username));
        Assert.False(credentials.MoveNext());

        var contacts = m.Contacts;
        Assert.True(contacts.MoveNext());
        Assert.True(contacts.Current.TryGetExpires(out var expires));
        Assert.Equal(5u, expires);
        var path = m.Path;
        Assert.True(path.MoveNext());
        Assert.Equal("sip:p;lr", TestText.S(path.Current.Uri));
    }

    private static void Via(StringBuilder sb, SipVia via) =>
        sb.Append("via ").Append(TestText.S(via.Host)).Append(';').Append(TestText.S(via.Parameters)).Append(" branch=").Append(TestText.S(via.Branch))
            .Append(" received=").Append(TestText.S(via.Received)).Append(" has-rport=").Append(via.HasRPort).Append(" rport=").Append(via.RPort)
            .Append(" has-branch=").Append(via.TryGetParameter("branch"u8, out _)).AppendLine();

    private static void Contact(StringBuilder sb, SipContact contact)
    {
        sb.Append("contact ").Append(contact.IsStar).Append(" has-expires=").Append(contact.HasExpires).Append(" expires=").Append(contact.TryGetExpires(out var e))
            .Append(e).Append(" instance=").Append(TestText.S(contact.InstanceId)).Append(" reg-id=").Append(contact.TryGetRegId(out var regId)).Append(regId)
            .Append(' ');
        Address(sb, contact.Address);
    }

    private static void Address(StringBuilder sb, SipNameAddress a) =>
        sb.Append(TestText.S(a.DisplayName)).Append(' ').Append(TestText.S(a.Uri)).Append(';').Append(TestText.S(a.Parameters)).Append(" tag=")
            .Append(TestText.S(a.Tag)).AppendLine();
}
