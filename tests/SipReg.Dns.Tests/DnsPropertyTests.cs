using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Dns.Tests;

public class DnsPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Generated_messages_encode_then_decode_to_the_same_model_with_and_without_compression()
    {
        var prop = Prop.ForAll(DnsGenerators.Message.ToArbitrary(), ArbMap.Default.GeneratorFor<bool>().ToArbitrary(), (model, compress) =>
        {
            byte[] bytes = DnsTestEncoder.Encode(model, compress);
            var message = DnsMessage.Read(bytes);
            return !message.IsMalformed && message.DiagnosticCount == 0 && DnsTestDescriber.Describe(message) == model.Describe();
        });
        Check.One(s_config, prop);
    }

    [Fact]
    public void Compression_makes_messages_no_longer_and_decodes_the_same()
    {
        var prop = Prop.ForAll(DnsGenerators.Message.ToArbitrary(), model =>
        {
            byte[] plain = DnsTestEncoder.Encode(model, compress: false);
            byte[] packed = DnsTestEncoder.Encode(model, compress: true);
            return packed.Length <= plain.Length
                && DnsTestDescriber.Describe(DnsMessage.Read(plain)) == DnsTestDescriber.Describe(DnsMessage.Read(packed));
        });
        Check.One(s_config, prop);
    }

    /// <summary>Reads everything a consumer could ask for; must terminate and never throw.</summary>
    private static int Exercise(byte[] bytes, DnsDecoderOptions options)
    {
        var message = DnsMessage.Read(bytes, options);
        int work = message.DiagnosticCount + (int)message.ResponseCode;
        Span<char> text = stackalloc char[DnsName.MaxFormattedLength];
        foreach (var q in message.Questions)
        {
            work += q.Name.TryFormat(text, out int n) ? n : 1;
            work += (int)q.Type;
        }

        work += SectionWork(message.Answers, text) + SectionWork(message.Authorities, text) + SectionWork(message.Additionals, text);
        return work;
    }

    private static int SectionWork(DnsRecordEnumerator records, Span<char> text)
    {
        int work = 0;
        foreach (var r in records)
        {
            work += r.Name.TryFormat(text, out int n) ? n : 1;
            work += r.DataLength;
            if (r.TryGetSrv(out var srv))
            {
                work += srv.Target.TryFormat(text, out n) ? n : 1;
            }

            if (r.TryGetNaptr(out var naptr))
            {
                work += naptr.Replacement.TryFormat(text, out n) ? n : naptr.Services.Length;
            }

            if (r.TryGetSoa(out var soa))
            {
                work += soa.ResponsibleMailbox.IsValid ? 1 : 0;
            }

            if (r.TryGetText(out var strings))
            {
                foreach (var s in strings)
                {
                    work += s.Length;
                }
            }

            if (r.TryGetOpt(out var opt))
            {
                foreach (var o in opt.Options)
                {
                    work += o.Length;
                }
            }

            work += r.TryGetDomainName(out var name) && name.IsRoot ? 1 : 0;
            work += r.TryGetMx(out var mx) ? mx.Preference : 0;
        }

        return work;
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_terminate()
    {
        var bytesGen = from length in Gen.Choose(0, 300) from b in Gen.Choose(0, 255).ArrayOf(length) select b.Select(x => (byte)x).ToArray();
        var prop = Prop.ForAll(bytesGen.ToArbitrary(), ArbMap.Default.GeneratorFor<bool>().ToArbitrary(), (bytes, lenient) =>
        {
            Exercise(bytes, new DnsDecoderOptions { AllowForwardPointers = lenient });
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), prop);
    }

    [Fact]
    public void Mutated_valid_messages_never_throw_and_terminate()
    {
        var gen =
            from model in DnsGenerators.Message
            from compress in ArbMap.Default.GeneratorFor<bool>()
            from mutations in Gen.Choose(1, 6)
            from positions in Gen.Choose(0, 10000).ArrayOf(mutations)
            from values in Gen.Choose(0, 255).ArrayOf(mutations)
            from cut in Gen.Choose(0, 10000)
            select (DnsTestEncoder.Encode(model, compress), positions, values, cut);
        var prop = Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (bytes, positions, values, cut) = t;
            for (int i = 0; i < positions.Length && bytes.Length > 0; i++)
            {
                // Bias towards pointer and length bytes: 0xC0 | x and small values are the dangerous ones.
                bytes[positions[i] % bytes.Length] = (byte)(i % 2 == 0 ? values[i] | 0xC0 : values[i]);
            }

            byte[] truncated = bytes[..(cut % (bytes.Length + 1))];
            Exercise(bytes, default);
            Exercise(truncated, new DnsDecoderOptions { AllowForwardPointers = true });
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), prop);
    }

    [Fact]
    public void Every_prefix_of_a_valid_message_is_read_without_exception_and_shorter_ones_are_malformed()
    {
        var prop = Prop.ForAll(DnsGenerators.Message.ToArbitrary(), model =>
        {
            byte[] bytes = DnsTestEncoder.Encode(model, compress: true);
            for (int length = 0; length < bytes.Length; length++)
            {
                var message = DnsMessage.Read(bytes.AsSpan(0, length));
                bool recordsExpected = model.Questions.Length + model.Answers.Length + model.Authorities.Length + model.Additionals.Length > 0;
                if (length < DnsHeader.Size || recordsExpected)
                {
                    if (!message.IsMalformed)
                    {
                        return false;
                    }
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
    }
}
