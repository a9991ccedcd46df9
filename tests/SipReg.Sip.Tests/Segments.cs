using System.Buffers;

namespace SipReg.Sip.Tests;

/// <summary>Builds multi-segment sequences for "split anywhere" tests.</summary>
internal static class Segments
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    /// <summary>Splits into segments of at most <paramref name="size"/> bytes.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int size)
    {
        var cuts = new List<int>();
        for (var i = size; i < bytes.Length; i += size)
        {
            cuts.Add(i);
        }

        return At(bytes, cuts);
    }

    /// <summary>Splits at the given ascending offsets.</summary>
    public static ReadOnlySequence<byte> At(byte[] bytes, IReadOnlyList<int> cuts)
    {
        if (cuts.Count == 0)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes.AsMemory(0, cuts[0]));
        var last = first;
        for (var i = 0; i < cuts.Count; i++)
        {
            var end = i + 1 < cuts.Count ? cuts[i + 1] : bytes.Length;
            last = last.Append(bytes.AsMemory(cuts[i], end - cuts[i]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
