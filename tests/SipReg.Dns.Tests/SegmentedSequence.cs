using System.Buffers;

namespace SipReg.Dns.Tests;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/> from chunks, for "split anywhere" tests.</summary>
public sealed class SegmentedSequence : ReadOnlySequenceSegment<byte>
{
    private SegmentedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Create(IReadOnlyList<byte[]> chunks)
    {
        if (chunks.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new SegmentedSequence(chunks[0], 0);
        var last = first;
        for (int i = 1; i < chunks.Count; i++)
        {
            var next = new SegmentedSequence(chunks[i], last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Splits <paramref name="bytes"/> at the given cut points (sorted, deduplicated, in range).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, IEnumerable<int> cuts)
    {
        var chunks = new List<byte[]>();
        int start = 0;
        foreach (int cut in cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order())
        {
            chunks.Add(bytes[start..cut]);
            start = cut;
        }

        chunks.Add(bytes[start..]);
        return Create(chunks);
    }
}
