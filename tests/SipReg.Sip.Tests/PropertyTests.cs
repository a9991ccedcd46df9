using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Sip.Tests;

public class PropertyTests
{
    private static readonly Arbitrary<int> s_seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static Config Runs(int n) => Config.QuickThrowOnFailure.WithMaxTest(n);

    [Fact]
    public void Rendered_models_parse_back_to_the_same_model()
    {
        // Random header-name case, compact forms, folding, white space around colons and commas, and value grouping
        // (one line vs repeated fields) are all equivalent by RFC 3261 §7.3.1/§7.3.3/§25.1.
        var message = new SipMessage();
        Check.One(Runs(300), Prop.ForAll(s_seeds, seed =>
        {
            var renderer = new MessageRenderer(new Random(seed));
            var model = renderer.NextModel();
            var text = renderer.Render(model);
            Assert.True(message.Parse(Encoding.UTF8.GetBytes(text), SipTransportKind.Datagram), text);
            Assert.True(message.Diagnostics.IsEmpty, $"seed {seed}: {string.Join(", ", message.Diagnostics.ToArray())}\n{text}");
            var back = MessageRenderer.Read(message);
            Assert.True(model.Canonical() == back.Canonical(), $"seed {seed}\n{text}\n{model.Canonical()}\n{back.Canonical()}");
        }));
    }

    [Fact]
    public void A_stream_split_anywhere_frames_back_to_the_same_messages()
    {
        Check.One(Runs(150), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var renderer = new MessageRenderer(r);
            var items = new List<byte[]>();
            for (int i = 0, n = r.Next(1, 6); i < n; i++)
            {
                if (r.Next(4) == 0)
                {
                    items.Add("\r\n\r\n"u8.ToArray());
                }

                items.Add(Encoding.UTF8.GetBytes(renderer.Render(renderer.NextModel())));
            }

            var stream = items.SelectMany(x => x).ToArray();
            var cuts = new SortedSet<int>();
            for (int i = 0, n = r.Next(0, 12); i < n; i++)
            {
                cuts.Add(r.Next(1, Math.Max(2, stream.Length)));
            }

            cuts.RemoveWhere(c => c >= stream.Length);
            var framed = FrameIncrementally(stream, [.. cuts]);
            Assert.Equal(items.Count, framed.Count);
            for (var i = 0; i < items.Count; i++)
            {
                Assert.Equal(items[i], framed[i]);
            }
        }));
    }

    /// <summary>Delivers the stream chunk by chunk (as TCP would) and frames what has arrived after each chunk.</summary>
    private static List<byte[]> FrameIncrementally(byte[] stream, List<int> cuts)
    {
        var framed = new List<byte[]>();
        var bounds = new List<int>(cuts) { stream.Length };
        var consumed = 0;
        var received = 0;
        foreach (var bound in bounds)
        {
            received = bound;
            while (consumed < received)
            {
                var pendingCuts = cuts.Where(c => c > consumed && c < received).Select(c => c - consumed).ToList();
                var window = stream[consumed..received];
                var seq = Segments.At(window, pendingCuts);
                var f = SipStreamFramer.Scan(seq, isCompleted: received == stream.Length, default);
                if (f.Status == SipFrameStatus.NeedMoreData)
                {
                    break;
                }

                Assert.True(f.Status != SipFrameStatus.Invalid, $"{f} at {consumed}: {Encoding.UTF8.GetString(window)}");
                framed.Add(window[..f.Length]);
                consumed += f.Length;
            }
        }

        Assert.Equal(stream.Length, consumed);
        return framed;
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_allocate_nothing()
    {
        var message = Warmed();
        var bytes = ArbMap.Default.GeneratorFor<byte[]>().ToArbitrary();
        Check.One(Runs(500), Prop.ForAll(bytes, input => ExerciseWithoutAllocation(message, input)));
    }

    [Fact]
    public void Mutated_real_messages_never_throw_and_allocate_nothing()
    {
        var message = Warmed();
        var originals = new[] { TestText.Register, TestText.Unauthorized, TestText.Ok }.Select(Encoding.UTF8.GetBytes).ToArray();
        const string interesting = "\r\n \t:;,\"<>\\=@[]0";
        Check.One(Runs(1000), Prop.ForAll(s_seeds, seed =>
        {
            var r = new Random(seed);
            var bytes = new List<byte>(originals[r.Next(originals.Length)]);
            for (int i = 0, n = r.Next(1, 8); i < n; i++)
            {
                var at = r.Next(bytes.Count);
                var b = r.Next(2) == 0 ? (byte)interesting[r.Next(interesting.Length)] : (byte)r.Next(256);
                switch (r.Next(3))
                {
                    case 0:
                        bytes[at] = b;
                        break;
                    case 1:
                        bytes.Insert(at, b);
                        break;
                    default:
                        bytes.RemoveAt(at);
                        break;
                }
            }

            ExerciseWithoutAllocation(message, bytes.ToArray());
        }));
    }

    private static SipMessage Warmed()
    {
        // Grow the reusable buffers once to their caps' worth for these inputs, so later parses cannot need more.
        var message = new SipMessage();
        var big = new StringBuilder("OPTIONS sip:x SIP/2.0\r\n");
        for (var i = 0; i < 300; i++)
        {
            big.Append("X-H: 1\r\n");
        }

        big.Append("\r\n").Append('b', 8192);
        message.Parse(Encoding.UTF8.GetBytes(big.ToString()), SipTransportKind.Datagram);
        AllocationTests.ReadAll(message, Encoding.UTF8.GetBytes(TestText.Ok));
        SipStreamFramer.Scan(Segments.Split(Encoding.UTF8.GetBytes(TestText.Ok), 10), false, default);
        return message;
    }

    /// <summary>
    /// Runs everything twice and measures the second run: the first may pay one-time runtime costs (a code path's
    /// first call can allocate inside the runtime), the second must allocate nothing.
    /// </summary>
    private static void ExerciseWithoutAllocation(SipMessage message, byte[] input)
    {
        var single = new ReadOnlySequence<byte>(input);
        var split = Segments.Split(input, Math.Max(1, input.Length / 3));
        Exercise(message, input, single, split);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Exercise(message, input, single, split);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated for input of {input.Length} bytes: {Convert.ToHexString(input)}");
    }

    private static void Exercise(SipMessage message, byte[] input, ReadOnlySequence<byte> single, ReadOnlySequence<byte> split)
    {
        AllocationTests.ReadAll(message, input);
        message.Parse(input, SipTransportKind.Stream);
        SipStreamFramer.Scan(single, false, default);
        SipStreamFramer.Scan(split, true, default);
        SipKeepAlive.Classify(input);
    }
}
