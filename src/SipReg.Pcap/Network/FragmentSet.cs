using System.Buffers;

namespace SipReg.Pcap;

/// <summary>The fragments received so far of one IP datagram: the bytes (in a pooled buffer) and which ranges are covered.</summary>
internal sealed class FragmentSet(FragmentKey key, long firstTimestamp)
{
    private byte[] _buffer = [];

    public FragmentKey Key { get; } = key;

    /// <summary>Capture time of the first fragment (for the reassembly timeout).</summary>
    public long FirstTimestamp { get; } = firstTimestamp;

    /// <summary>The covered byte ranges [Start, End), sorted and merged.</summary>
    public List<(int Start, int End)> Ranges { get; } = [];

    /// <summary>Length of the datagram's payload once the last fragment (MF = 0) is seen, else -1.</summary>
    public int TotalLength { get; set; } = -1;

    /// <summary>Upper-layer protocol (IPv6: from the Fragment header of the first fragment; 255 until then).</summary>
    public byte Protocol { get; set; } = 255;

    /// <summary>Records held by the set (duplicates excluded).</summary>
    public int Records { get; set; }

    /// <summary>Frame number of the last fragment added.</summary>
    public long LastFrameNumber { get; set; }

    public Span<byte> Bytes => _buffer;

    public bool IsComplete => TotalLength >= 0 && Ranges.Count == 1 && Ranges[0].Start == 0 && Ranges[0].End == TotalLength;

    public void EnsureCapacity(int length)
    {
        if (_buffer.Length >= length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(length, Math.Min(_buffer.Length * 2, 65536)));
        _buffer.CopyTo(bigger.AsSpan());
        Release();
        _buffer = bigger;
    }

    public void AddRange(int start, int end)
    {
        var i = 0;
        while (i < Ranges.Count && Ranges[i].End < start)
        {
            i++;
        }

        // Merge with every range that touches or overlaps [start, end).
        while (i < Ranges.Count && Ranges[i].Start <= end)
        {
            start = Math.Min(start, Ranges[i].Start);
            end = Math.Max(end, Ranges[i].End);
            Ranges.RemoveAt(i);
        }

        Ranges.Insert(i, (start, end));
    }

    public void Release()
    {
        if (_buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
