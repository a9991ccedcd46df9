using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SipReg.Analysis.Redaction;

namespace SipReg.Analysis.Tests.Redaction;

/// <summary>Same-length masking and the address mapping: the properties the round trip depends on.</summary>
public sealed class MaskingPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly byte[] s_key = Convert.FromHexString("0123456789abcdef");

    private static Gen<string> Token =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@:;=.-_+/\"<>[] ".ToCharArray())
            .ArrayOf().Where(a => a.Length > 0).Select(a => new string(a));

    private static Gen<uint> V4 => Gen.Choose(0, int.MaxValue).Two().Select(t => ((uint)t.Item1 << 1) ^ (uint)t.Item2);

    [Fact]
    public void Masked_token_keeps_length_and_character_classes()
    {
        Prop.ForAll(Token.ToArbitrary(), original =>
        {
            var masked = new TokenMasker(s_key).MaskToken(original);
            Assert.Equal(original.Length, masked.Length);
            var hex = original.All(c => !char.IsAsciiLetter(c) || char.IsAsciiHexDigit(c));
            for (var i = 0; i < original.Length; i++)
            {
                var o = original[i];
                var m = masked[i];
                if (char.IsAsciiDigit(o))
                {
                    Assert.True(char.IsAsciiDigit(m));
                }
                else if (char.IsAsciiLetterLower(o))
                {
                    Assert.True(hex ? m is >= 'a' and <= 'f' : char.IsAsciiLetterLower(m));
                }
                else if (char.IsAsciiLetterUpper(o))
                {
                    Assert.True(hex ? m is >= 'A' and <= 'F' : char.IsAsciiLetterUpper(m));
                }
                else
                {
                    Assert.Equal(o, m);
                }
            }
        }).Check(s_config);
    }

    [Fact]
    public void Masking_is_consistent_within_a_run_and_across_runs_with_one_key()
    {
        Prop.ForAll(Token.ToArbitrary(), Token.ToArbitrary(), (a, b) =>
        {
            var masker = new TokenMasker(s_key);
            var first = masker.MaskToken(a);
            masker.MaskToken(b);
            Assert.Equal(first, masker.MaskToken(a));
            Assert.Equal(first, new TokenMasker(s_key).MaskToken(a));
        }).Check(s_config);
    }

    [Fact]
    public void Distinct_tokens_get_distinct_replacements()
    {
        Prop.ForAll(Token.Where(t => t.Count(char.IsAsciiLetterOrDigit) >= 3).ArrayOf().ToArbitrary(), tokens =>
        {
            var masker = new TokenMasker(s_key);
            var images = new Dictionary<string, string>();
            foreach (var t in tokens.Distinct())
            {
                var image = masker.MaskToken(t);
                Assert.False(images.ContainsKey(image), $"{t} and {images.GetValueOrDefault(image)} both became {image}");
                images[image] = t;
            }
        }).Check(s_config);
    }

    [Fact]
    public void Host_labels_mask_case_insensitively_and_keep_service_labels()
    {
        var masker = new TokenMasker(s_key);
        var sip = masker.MaskHost("Sip.Example-Carrier.NET");
        var dns = masker.MaskHost("_sip._udp.sip.example-carrier.net");
        Assert.Equal(sip.ToLowerInvariant(), dns["_sip._udp.".Length..]);
        Assert.StartsWith("_sip._udp.", dns, StringComparison.Ordinal);
        Assert.Equal("Sip.Example-Carrier.NET".Length, sip.Length);
        Assert.True(char.IsAsciiLetterUpper(sip[0]) && char.IsAsciiLetterLower(sip[1]));
    }

    [Fact]
    public void Address_mapping_is_consistent_injective_same_length_and_class_preserving()
    {
        Prop.ForAll(V4.ArrayOf().ToArbitrary(), addresses =>
        {
            var mapper = new AddressMapper(s_key);
            var images = new Dictionary<uint, uint>();
            foreach (var a in addresses.Distinct())
            {
                var image = mapper.Map(a);
                Assert.Equal(image, mapper.Map(a));
                Assert.Equal(AddressMapper.Text(a).Length, AddressMapper.Text(image).Length);
                Assert.False(images.ContainsKey(image), $"{AddressMapper.Text(a)} collides");
                images[image] = a;
                if (AddressMapper.IsKept(a))
                {
                    Assert.Equal(a, image);
                }
                else if (IsPrivate(a))
                {
                    Assert.True(IsPrivate(image) && (image >> 24) == (a >> 24), AddressMapper.Text(a) + " -> " + AddressMapper.Text(image));
                }
                else
                {
                    Assert.True(IsNotRouted(image), AddressMapper.Text(a) + " -> " + AddressMapper.Text(image));
                }
            }
        }).Check(s_config);
    }

    [Fact]
    public void Public_addresses_go_to_documentation_ranges_while_they_have_room()
    {
        var mapper = new AddressMapper(s_key);
        foreach (var text in new[] { "81.2.69.160", "212.58.244.22", "151.101.1.140", "104.16.132.229", "8.8.4.4" })
        {
            var image = AddressMapper.Text(mapper.Map(Parse(text)));
            Assert.Equal(text.Length, image.Length);
            if (text.Length >= 9 && text.Length <= 14)
            {
                Assert.Matches("^(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113|198\\.1[89])\\.", image);
            }
        }
    }

    [Fact]
    public void Text_and_binary_forms_map_alike()
    {
        var mapper = new AddressMapper(s_key);
        Assert.Equal(AddressMapper.Text(mapper.Map(Parse("10.0.0.1"))), mapper.MapText("10.0.0.1"));
        var v6 = IPAddress.Parse("2a00:1450:4001:82b::200e");
        var text = mapper.MapText("2a00:1450:4001:82b::200e");
        Assert.NotNull(text);
        Assert.Equal("2a00:1450:4001:82b::200e".Length, text.Length);
        var image = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(image,
            mapper.Map(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(v6.GetAddressBytes())));
        Assert.Equal(new IPAddress(image), IPAddress.Parse(text));
        Assert.Equal("::1", mapper.MapText("::1"));
        Assert.Equal("127.0.0.1", mapper.MapText("127.0.0.1"));
    }

    [Fact]
    public void Sip_message_masking_keeps_structure_and_length()
    {
        var message = "REGISTER sip:example-carrier.net SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK776asdhds;rport\r\n" +
            "From: \"Alice Smith\" <sip:alice@example-carrier.net>;tag=1928301774\r\n" +
            "To: <sip:alice@example-carrier.net>\r\n" +
            "Call-ID: a84b4c76e66710@10.1.2.3\r\n" +
            "CSeq: 2 REGISTER\r\n" +
            "Contact: <sip:alice@10.1.2.3:5060;transport=udp;ob>;expires=3600;reg-id=1;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\"\r\n" +
            "Authorization: Digest username=\"alice\", realm=\"example-carrier.net\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", " +
            "uri=\"sip:example-carrier.net\", response=\"dfe56131d1958046689d83306477ecc\", algorithm=MD5\r\n" +
            "Expires: 3600\r\n" +
            "Content-Length: 0\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(message);
        var masker = new TokenMasker(s_key);
        new SipTextRedactor(masker, new AddressMapper(s_key)).Redact(bytes, 0, bytes.Length);
        var masked = Encoding.ASCII.GetString(bytes);

        Assert.Equal(message.Length, masked.Length);
        foreach (var secret in new[] { "alice", "Alice Smith", "1928301774", "a84b4c76e66710", "10.1.2.3", "ea9c8e88df84f1cec4341ae6cbe5a359",
            "dfe56131d1958046689d83306477ecc", "776asdhds", "AABBCCDDEEFF", "carrier" })
        {
            Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        }

        foreach (var kept in new[] { "REGISTER sip:", "SIP/2.0/UDP ", ";branch=z9hG4bK", "CSeq: 2 REGISTER", "expires=3600", "reg-id=1", ";ob>",
            "transport=udp", "algorithm=MD5", "Expires: 3600", "Content-Length: 0", "urn:uuid:", ":5060" })
        {
            Assert.Contains(kept, masked, StringComparison.Ordinal);
        }

        // The From and To AOR, the realm and the Request-URI domain were masked alike.
        var to = masked.Split("\r\n").Single(l => l.StartsWith("To:", StringComparison.Ordinal));
        Assert.Contains(to["To: ".Length..], masked.Split("\r\n").Single(l => l.StartsWith("From:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static uint Parse(string text) => AddressMapper.TryParseV4(text, out var v) ? v : throw new ArgumentException(text);

    private static bool IsPrivate(uint a) =>
        (a >> 24) == 10 || (a >> 20) == 0xAC1 || (a >> 16) == 0xC0A8 || (a >> 22) == ((100u << 2) | 1) || (a >> 16) == 0xA9FE;

    private static bool IsNotRouted(uint a) =>
        (a >> 8) is 0xC00002 or 0xC63364 or 0xCB0071 || (a >> 17) == (0xC612 >> 1) || (a >> 28) == 0xF || (a >> 24) == 0;
}
