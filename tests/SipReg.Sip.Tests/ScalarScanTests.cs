using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Sip.Tests;

/// <summary>
/// The short parts of a message (a header name, a CSeq, a Via's sent-protocol and sent-by) are walked byte by byte
/// instead of searched; these properties hold each walk to the search it replaced (the Via and CSeq readings with
/// searches are kept here as the references).
/// </summary>
public class ScalarScanTests
{
    private static readonly Arbitrary<int> s_seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static readonly SearchValues<byte> s_hostEnd = SearchValues.Create(":; \t\r\n"u8);

    [Fact]
    public void The_token_byte_table_equals_the_token_characters()
    {
        for (var b = 0; b < 256; b++)
        {
            Assert.True(SipSyntax.IsTokenByte((byte)b) == SipSyntax.TokenChars.Contains((byte)b), $"byte {b}");
        }
    }

    [Fact]
    public void Short_scans_equal_the_span_searches()
    {
        byte[] alphabet = [(byte)'a', (byte)'Z', (byte)'0', (byte)'-', (byte)'.', (byte)'~', (byte)':', (byte)'/', (byte)' ', (byte)'\t', (byte)'\r', (byte)'"', 0, 0x7F, 0x80, 0xFF];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var s = new byte[r.Next(0, 40)];
            for (var i = 0; i < s.Length; i++)
            {
                s[i] = r.Next(3) == 0 ? (byte)r.Next(256) : alphabet[r.Next(alphabet.Length)];
            }

            var target = alphabet[r.Next(alphabet.Length)];
            Assert.True(SipSyntax.IndexOfNear(s, target) == s.AsSpan().IndexOf(target), $"seed {seed}");
            Assert.True(SipSyntax.IsShortToken(s) == SipSyntax.IsToken(s), $"seed {seed}");
        }));
    }

    [Fact]
    public void A_via_read_byte_by_byte_equals_the_reading_with_searches()
    {
        string[] pieces =
        [
            "SIP", "sip", "2.0", "/", " / ", "UDP", "TCP", "TLS-SCTP", " ", "\t", "\r\n ", "192.168.1.23", "[2001:db8::1]", "[2001:db8", "host.example",
            ":", " : ", "5060", "65535", "65536", "123456", "x", ";", ";branch=z9hG4bK1", ";rport", ",", "@", "é", "\"", "]", "",
        ];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var text = new StringBuilder();
            if (r.Next(2) == 0)
            {
                // Mostly well formed, with a few pieces changed, so that both outcomes and every branch are reached.
                text.Append(r.Next(4) == 0 ? " " : "").Append("SIP/2.0/").Append(pieces[r.Next(5, 8)]).Append(' ').Append(pieces[r.Next(11, 15)]);
                if (r.Next(2) == 0)
                {
                    text.Append(':').Append(pieces[r.Next(17, 21)]);
                }

                text.Append(r.Next(2) == 0 ? ";branch=z9hG4bK1;rport" : "");
            }

            for (int i = 0, n = r.Next(0, 6); i < n; i++)
            {
                var piece = pieces[r.Next(pieces.Length)];
                var at = r.Next(text.Length + 1);
                if (r.Next(3) == 0 && at < text.Length)
                {
                    text.Remove(at, Math.Min(r.Next(1, 4), text.Length - at));
                }

                text.Insert(at, piece);
            }

            var value = Encoding.UTF8.GetBytes(text.ToString());
            var fast = SipVia.TryParse(value, out var via) ? Describe(via) : "-";
            var reference = TryParseWithSearches(value, out var referenceVia) ? Describe(referenceVia) : "-";
            Assert.True(fast == reference, $"seed {seed}: [{text}]\n{fast}\n{reference}");
        }));
    }

    [Fact]
    public void A_cseq_read_byte_by_byte_equals_the_reading_with_searches()
    {
        string[] pieces = ["1", "2", "4294967295", "4294967296", "01", " ", "\t", "\r\n ", "REGISTER", "INVITE", "x-y", "é", ":", "", "/", "9"];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var text = new StringBuilder();
            for (int i = 0, n = r.Next(0, 6); i < n; i++)
            {
                text.Append(pieces[r.Next(pieces.Length)]);
            }

            var value = Encoding.UTF8.GetBytes(text.ToString());
            var fast = SipCSeq.TryParse(value, out var cseq) ? $"{cseq.Number}|{TestText.S(cseq.Method)}" : "-";
            var reference = TryParseCSeqWithSearches(value, out var number, out var method) ? $"{number}|{method}" : "-";
            Assert.True(fast == reference, $"seed {seed}: [{text}]\n{fast}\n{reference}");
        }));
    }

    // The CSeq reading before the byte-by-byte walk (RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method).
    private static bool TryParseCSeqWithSearches(ReadOnlySpan<byte> value, out long number, out string method)
    {
        number = 0;
        method = "";
        var s = SipSyntax.Trim(value);
        var d = s.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (d <= 0 || !SipSyntax.IsWhitespace(s[d]) || !SipSyntax.TryParseDecimal(s[..d], 10, out number) || number > uint.MaxValue)
        {
            return false;
        }

        var m = SipSyntax.TrimStart(s[d..]);
        if (!SipSyntax.IsToken(m))
        {
            return false;
        }

        method = TestText.S(m);
        return true;
    }

    private static string Describe(SipVia via) =>
        $"{TestText.S(via.ProtocolName)}|{TestText.S(via.ProtocolVersion)}|{TestText.S(via.Transport)}|{TestText.S(via.Host)}|{via.Port}|" +
        $"{TestText.S(via.SentBy)}|{TestText.S(via.Parameters)}";

    // The reading before the byte-by-byte walk (RFC 3261 §25.1 via-parm).
    private static bool TryParseWithSearches(ReadOnlySpan<byte> value, out SipVia via)
    {
        via = default;
        var s = SipSyntax.Trim(value);
        var slash = s.IndexOf((byte)'/');
        if (slash < 0)
        {
            return false;
        }

        var name = SipSyntax.Trim(s[..slash]);
        s = s[(slash + 1)..];
        slash = s.IndexOf((byte)'/');
        if (slash < 0)
        {
            return false;
        }

        var version = SipSyntax.Trim(s[..slash]);
        s = SipSyntax.TrimStart(s[(slash + 1)..]);
        var t = s.IndexOfAnyExcept(SipSyntax.TokenChars);
        if (t < 0)
        {
            return false;
        }

        var transport = s[..t];
        if (!SipSyntax.IsToken(name) || !SipSyntax.IsToken(version) || transport.IsEmpty || !SipSyntax.IsWhitespace(s[t]))
        {
            return false;
        }

        s = SipSyntax.TrimStart(s[t..]);
        if (s.IsEmpty)
        {
            return false;
        }

        int hostEnd;
        if (s[0] == '[')
        {
            hostEnd = s.IndexOf((byte)']') + 1;
            if (hostEnd <= 0)
            {
                return false;
            }
        }
        else
        {
            hostEnd = s.IndexOfAny(s_hostEnd);
            if (hostEnd < 0)
            {
                hostEnd = s.Length;
            }
        }

        var host = s[..hostEnd];
        if (host.IsEmpty)
        {
            return false;
        }

        var port = -1;
        var sentByEnd = hostEnd;
        var after = SipSyntax.TrimStart(s[hostEnd..]);
        if (!after.IsEmpty && after[0] == ':')
        {
            var p = SipSyntax.TrimStart(after[1..]);
            var digits = p.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits < 0)
            {
                digits = p.Length;
            }

            if (!SipSyntax.TryParseDecimal(p[..digits], 5, out var pv) || pv > 65535)
            {
                return false;
            }

            port = (int)pv;
            after = SipSyntax.TrimStart(p[digits..]);
            sentByEnd = s.Length - p.Length + digits;
        }

        ReadOnlySpan<byte> parameters = default;
        if (!after.IsEmpty)
        {
            if (after[0] != ';')
            {
                return false;
            }

            parameters = after[1..];
        }

        via = new SipVia(name, version, transport, host, port, s[..sentByEnd], parameters);
        return true;
    }
}
