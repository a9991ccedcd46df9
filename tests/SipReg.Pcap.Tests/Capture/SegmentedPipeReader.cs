using System.Buffers;
using System.IO.Pipelines;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>
/// A <see cref="PipeReader"/> over fixed bytes that reveals one chunk per read, each chunk its own segment, so records
/// straddle segment boundaries exactly where the test says. It follows the pipe contract: a read that examined
/// everything reveals the next chunk; consumed bytes are never shown again.
/// </summary>
internal sealed class SegmentedPipeReader : PipeReader
{
    private readonly ReadOnlySequence<byte> _all;
    private readonly List<long> _chunkEnds = [];
    private readonly List<SequencePosition> _chunkEndPositions = [];
    private SequencePosition _consumed;
    private int _visibleChunks;
    private bool _examinedAll = true;
    private bool _completed;

    private readonly bool _revealAll;

    /// <param name="bytes">The input.</param>
    /// <param name="chunkSizes">Segment sizes, cycled.</param>
    /// <param name="revealAll">True to show every segment from the first read (many straddling records per buffer).</param>
    public SegmentedPipeReader(byte[] bytes, IReadOnlyList<int> chunkSizes, bool revealAll = false)
    {
        _revealAll = revealAll;
        Segment? first = null;
        Segment? last = null;
        var position = 0;
        var i = 0;
        while (position < bytes.Length)
        {
            var size = Math.Min(Math.Max(1, chunkSizes[i++ % chunkSizes.Count]), bytes.Length - position);
            var segment = new Segment(bytes.AsMemory(position, size), last?.RunningIndex + last?.Memory.Length ?? 0);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.SetNext(segment);
            }

            last = segment;
            position += size;
            _chunkEnds.Add(position);
            _chunkEndPositions.Add(new SequencePosition(segment, size));
        }

        _all = first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
        _consumed = _all.Start;
    }

    public int Reads { get; private set; }

    public override bool TryRead(out ReadResult result)
    {
        result = Next();
        return true;
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        return new ValueTask<ReadResult>(Next());
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        var visibleEnd = VisibleEnd;
        _consumed = consumed;
        _examinedAll = OffsetOf(examined) >= visibleEnd;
    }

    public override void CancelPendingRead()
    {
    }

    public override void Complete(Exception? exception = null) => _completed = true;

    // ReadOnlySequence.GetOffset walks the segments to validate the position: O(n) per call with one-byte segments.
    private static long OffsetOf(SequencePosition position) =>
        position.GetObject() is Segment segment ? segment.RunningIndex + position.GetInteger() : 0;

    private long VisibleEnd => _visibleChunks == 0 ? 0 : _chunkEnds[_visibleChunks - 1];

    private ReadResult Next()
    {
        Reads++;
        if (_revealAll)
        {
            _visibleChunks = _chunkEnds.Count;
        }
        else if (_examinedAll && _visibleChunks < _chunkEnds.Count)
        {
            _visibleChunks++;
        }

        _examinedAll = false;
        var end = VisibleEnd;
        var endPosition = _visibleChunks == 0 ? _all.Start : _chunkEndPositions[_visibleChunks - 1];

        // Slicing by positions keeps each read O(1) even with one byte per segment.
        return new ReadResult(_all.Slice(_consumed, endPosition), isCanceled: false, isCompleted: end == _all.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
