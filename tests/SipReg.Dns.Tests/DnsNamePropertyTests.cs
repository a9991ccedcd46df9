using System.Buffers.Binary;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Dns.Tests;

public class DnsNamePropertyTests
{
    /// <summary>Undoes RFC 1035 §5.1 presentation escapes (<c>\X</c>, <c>\DDD</c>), written independently of the decoder.</summary>
    private static List<byte[]> ParsePresentation(string text)
    {
        var labels = new List<byte[]>();
        if (text == ".")
        {
            return labels;
        }

        var current = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                if (char.IsAsciiDigit(text[i + 1]))
                {
                    current.Add(byte.Parse(text.AsSpan(i + 1, 3), CultureInfo.InvariantCulture));
                    i += 3;
                }
                else
                {
                    current.Add((byte)text[++i]);
                }
            }
            else if (c == '.')
            {
                labels.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add((byte)c);
            }
        }

        labels.Add([.. current]);
        return labels;
    }

    [Fact]
    public void Any_label_bytes_format_to_text_that_parses_back_to_the_same_labels()
    {
        var label = from length in Gen.Choose(1, 20) from bytes in Gen.Choose(0, 255).ArrayOf(length) select bytes.Select(b => (byte)b).ToArray();
        var labels = from count in Gen.Choose(0, 5) from list in label.ArrayOf(count) select list;
        var prop = Prop.ForAll(labels.ToArbitrary(), list =>
        {
            var wire = new List<byte>(new byte[] { 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
            foreach (var l in list)
            {
                wire.Add((byte)l.Length);
                wire.AddRange(l);
            }

            wire.AddRange(new byte[] { 0, 0, 1, 0, 1 });
            var message = DnsMessage.Read(wire.ToArray());
            if (!message.TryGetFirstQuestion(out var q))
            {
                return false;
            }

            Span<char> text = stackalloc char[DnsName.MaxFormattedLength];
            Span<byte> utf8 = stackalloc byte[DnsName.MaxFormattedLength];
            if (!q.Name.TryFormat(text, out int n) || !q.Name.TryFormatUtf8(utf8, out int m) || n != m)
            {
                return false;
            }

            string formatted = new(text[..n]);
            var parsed = ParsePresentation(formatted);
            return formatted.All(c => c is >= (char)0x21 and <= (char)0x7E)
                && parsed.Count == list.Length && parsed.Zip(list).All(p => p.First.SequenceEqual(p.Second));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Extended_rcode_is_ext_times_16_plus_header_rcode_RFC6891_6_1_3()
    {
        var gen = from rcode in Gen.Choose(0, 15)
                  from ext in Gen.Choose(0, 255)
                  from version in Gen.Choose(0, 255)
                  from dnssecOk in ArbMap.Default.GeneratorFor<bool>()
                  from size in Gen.Choose(0, 65535)
                  select (rcode, ext, version, dnssecOk, size);
        var prop = Prop.ForAll(gen.ToArbitrary(), t =>
        {
            uint ttl = ((uint)t.ext << 24) | ((uint)t.version << 16) | (t.dnssecOk ? 0x8000u : 0);
            var bytes = DnsTestEncoder.Encode(new DnsTestMessage(9, (ushort)(0x8000 | t.rcode), [], [], [],
                [new DnsTestRecord("", (ushort)t.size, ttl, new RawData(41, []))]), compress: false);
            var message = DnsMessage.Read(bytes);
            return message.TryGetOpt(out var opt)
                && (int)message.ResponseCode == (t.ext * 16) + t.rcode
                && opt.ExtendedRcode == t.ext && opt.Version == t.version && opt.DnssecOk == t.dnssecOk && opt.UdpPayloadSize == t.size
                && BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)) == message.Header.Flags;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
    }
}
