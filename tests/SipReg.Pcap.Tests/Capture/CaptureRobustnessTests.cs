using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using SipReg.Testing;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>
/// Splitting never changes what is read, and damaged bytes never escape as anything but data (or, for input that is
/// not a capture at all, a <see cref="PcapException"/>).
/// </summary>
public sealed class CaptureRobustnessTests
{
    private static readonly string[] s_captures = [.. Corpus.Captures("edge").Where(c => c.Contains("/pcap_", StringComparison.Ordinal)
        || c.Contains("/ng_", StringComparison.Ordinal) || c.Contains("/garbage", StringComparison.Ordinal)),
        .. Corpus.Captures("public").Where(c => c.EndsWith(".pcapng", StringComparison.Ordinal)).Take(12),
        "live/02_auth_loop_401_sll2.pcap", "live/04b_423_honoured.pcapng"];

    /// <summary>What a read produced, or the message of the <see cref="PcapException"/> it threw.</summary>
    private sealed record Result(ReadOutcome? Outcome, string? Exception)
    {
        public bool SameAs(Result other)
        {
            if (Exception is not null || other.Exception is not null)
            {
                return Exception == other.Exception;
            }

            return Outcome!.Packets.Count == other.Outcome!.Packets.Count
                && Outcome.Packets.Zip(other.Outcome.Packets).All(p => p.First.SameAs(p.Second))
                && Outcome.Diagnostics.SequenceEqual(other.Outcome.Diagnostics);
        }
    }

    private static Result Run(Func<Task<ReadOutcome>> read)
    {
        var task = Task.Run(read);
        try
        {
            // A reader that loops on bad input would hang here; every read of these small files takes milliseconds.
            Assert.True(task.Wait(TimeSpan.FromSeconds(20)), "the read did not end");
            return new Result(task.Result, null);
        }
        catch (AggregateException ex) when (ex.InnerException is PcapException pcap)
        {
            return new Result(null, pcap.Message);
        }
    }

    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var capture in Corpus.AllCaptures())
        {
            data.Add(capture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public void Corpus_capture_reads_the_same_one_byte_per_segment_as_whole(string capture)
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf(capture));
        var whole = Run(() => CaptureReading.ReadBytesAsync(bytes));
        var split = Run(() => CaptureReading.ReadAsync(CaptureReader.Create(new SegmentedPipeReader(bytes, [1]))));
        Assert.True(whole.SameAs(split), capture);
    }

    [Fact]
    public void Corpus_captures_read_the_same_through_a_real_pipe_in_random_chunks()
    {
        var arbitrary = (from capture in Gen.Elements(s_captures)
                         from chunks in Gen.NonEmptyListOf(Gen.Choose(1, 700))
                         select (capture, chunks)).ToArbitrary();
        Prop.ForAll(arbitrary, input =>
        {
            var bytes = File.ReadAllBytes(Corpus.PathOf(input.capture));
            var whole = Run(() => CaptureReading.ReadBytesAsync(bytes));
            var piped = Run(() => CaptureReading.ReadChunkedAsync(bytes, [.. input.chunks]));
            var segmented = Run(() => CaptureReading.ReadAsync(CaptureReader.Create(new SegmentedPipeReader(bytes, [.. input.chunks]))));
            return whole.SameAs(piped) && whole.SameAs(segmented);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    internal enum MutationKind
    {
        BitFlip,
        Truncate,
        LengthLie,
    }

    internal sealed record Mutation(MutationKind Kind, int Position, int Value);

    private static readonly int[] s_lies = [-1, -4, int.MaxValue, 0x00FFFFFF, 0, 4, 12, 16, 28, 0x7FFFFFF0, 262145, 1 << 24];

    private static Gen<Mutation> MutationGen =>
        from kind in Gen.Elements(MutationKind.BitFlip, MutationKind.Truncate, MutationKind.LengthLie)
        from position in Gen.Choose(0, int.MaxValue)
        from value in Gen.Frequency((3, Gen.Elements(s_lies)), (1, Gen.Choose(int.MinValue, int.MaxValue)))
        select new Mutation(kind, position, value);

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Mutate(byte[] original, IEnumerable<Mutation> mutations)
    {
        var bytes = (byte[])original.Clone();
        foreach (var mutation in mutations)
        {
            if (bytes.Length == 0)
            {
                break;
            }

            var position = mutation.Position % bytes.Length;
            switch (mutation.Kind)
            {
                case MutationKind.BitFlip:
                    bytes[position] ^= (byte)(1 << (mutation.Value & 7));
                    break;
                case MutationKind.Truncate:
                    bytes = bytes[..position];
                    break;
                case MutationKind.LengthLie when bytes.Length >= 4:
                    var aligned = Math.Min(position & ~3, bytes.Length - 4);
                    if ((mutation.Value & 1) == 0)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(aligned), mutation.Value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(aligned), mutation.Value);
                    }

                    break;
            }
        }

        return bytes;
    }

    [Fact]
    public void Mutated_corpus_captures_end_quickly_throw_only_PcapException_and_read_the_same_when_split()
    {
        var arbitrary = (from capture in Gen.Elements(s_captures)
                         from mutations in Gen.NonEmptyListOf(MutationGen)
                         from chunks in Gen.NonEmptyListOf(Gen.Choose(1, 500))
                         from gzip in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                         select (capture, mutations, chunks, gzip)).ToArbitrary();
        Prop.ForAll(arbitrary, input =>
        {
            // A fifth of the inputs are compressed before being damaged: corrupt gzip must end the same way.
            var original = File.ReadAllBytes(Corpus.PathOf(input.capture));
            var bytes = Mutate(input.gzip ? Gzip(original) : original, input.mutations);

            // Anything but PcapException escapes Run and fails the property with the input shown.
            var whole = Run(() => CaptureReading.ReadBytesAsync(bytes));
            var split = Run(() => CaptureReading.ReadAsync(CaptureReader.Create(new SegmentedPipeReader(bytes, [.. input.chunks]))));
            // How much a decompressor yields before it notices corruption depends on how its input arrives, so
            // compressed inputs are held to "ends, and only PcapException" rather than to split-equivalence.
            return (input.gzip || whole.SameAs(split))
                && (whole.Outcome is null || whole.Outcome.Packets.Count == whole.Outcome.PacketCount);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
