namespace SipReg.Pcap;

/// <summary>
/// The read-only stream between the decompressor and the pipe. It ends (reads return 0) once <c>limit</c> bytes have
/// been read, saying so in <see cref="LimitReached"/> (caps what a gzip bomb can make the reader decompress), and it
/// turns corrupt compressed data into an end of input with <see cref="CorruptionMessage"/> set, so the records
/// decompressed before the damage are still read and the damage becomes a located diagnostic.
/// </summary>
internal sealed class DecompressionGuardStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _read;

    public DecompressionGuardStream(Stream inner, long? limit)
    {
        _inner = inner;
        _limit = limit ?? long.MaxValue;
    }

    /// <summary>True when the limit cut the inner stream short.</summary>
    public bool LimitReached { get; private set; }

    /// <summary>The decompressor's complaint when the compressed data turned out corrupt, else null.</summary>
    public string? CorruptionMessage { get; private set; }

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
        if (CorruptionMessage is not null || !TryClamp(buffer.Length, out var allowed))
        {
            return 0;
        }

        int n;
        try
        {
            n = _inner.Read(buffer[..allowed]);
        }
        catch (InvalidDataException ex)
        {
            CorruptionMessage = ex.Message;
            return 0;
        }

        _read += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (CorruptionMessage is not null || !TryClamp(buffer.Length, out var allowed))
        {
            return 0;
        }

        int n;
        try
        {
            n = await _inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            CorruptionMessage = ex.Message;
            return 0;
        }

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
