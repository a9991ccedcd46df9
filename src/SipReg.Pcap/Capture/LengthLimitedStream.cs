namespace SipReg.Pcap;

/// <summary>
/// A read-only stream that ends (reads return 0) once <c>limit</c> bytes have been read from the inner stream, and
/// says so in <see cref="LimitReached"/>: caps what a gzip bomb can make the reader decompress.
/// </summary>
internal sealed class LengthLimitedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _read;

    public LengthLimitedStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    /// <summary>True when the limit cut the inner stream short.</summary>
    public bool LimitReached { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!TryClamp(buffer.Length, out var allowed))
        {
            return 0;
        }

        var n = _inner.Read(buffer[..allowed]);
        _read += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!TryClamp(buffer.Length, out var allowed))
        {
            return 0;
        }

        var n = await _inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        _read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool TryClamp(int requested, out int allowed)
    {
        var left = _limit - _read;
        if (left <= 0)
        {
            // Exactly at the limit counts as beyond it: the cap is a bound, not a size check.
            LimitReached |= requested > 0;
            allowed = 0;
            return false;
        }

        allowed = (int)Math.Min(requested, left);
        return true;
    }
}
