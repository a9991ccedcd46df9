using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Sip.Tests;

/// <summary>
/// The one-pass readers (Digest auth-params) and the parameters validation keeps (Via branch/received/rport, From/To tag,
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

    private static string Credentials(byte[] value)
    {
        if (!SipCredentials.TryParse(value, SipHeaderName.Authorization, out var c))
        {
            return "none";
        }

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

    private static string Challenge(byte[] value)
    {
        if (!SipChallenge.TryParse(value, SipHeaderName.WwwAuthenticate, out var c))
        {
            return "none";
        }

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
}
