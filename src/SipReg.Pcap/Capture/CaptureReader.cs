using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;

namespace SipReg.Pcap;

/// <summary>
/// Streaming reader of pcap and pcapng captures (optionally gzip-compressed) over System.IO.Pipelines. A pull API:
/// <see cref="ReadAsync"/> fills the buffer, <see cref="TryReadPacket"/> hands out the complete records in it.
/// </summary>
/// <remarks>
/// <code>
/// await using var reader = CaptureReader.Open(path);
/// while (await reader.ReadAsync(ct))
/// {
///     while (reader.TryReadPacket(out CapturePacket packet)) { /* use packet.Data now */ }
/// }
/// if (reader.IsDamaged) Console.WriteLine(reader.Error);
/// </code>
/// Bad bytes inside a readable capture never throw: reading stops at the first fatal problem and
/// <see cref="Error"/> says where. Only input that is not a capture at all (empty, unknown magic) throws
/// <see cref="PcapException"/>, from the first <see cref="ReadAsync"/>.
/// </remarks>
public sealed partial class CaptureReader : IAsyncDisposable
{
    private readonly CaptureReaderOptions _options;
    private readonly List<CaptureInterface> _interfaces = [];
    private readonly List<CaptureSection> _sections = [];
    private readonly List<CaptureDiagnostic> _diagnostics = [];

    private PipeReader _reader;
    private PipeReader? _compressedReader;
    private DecompressionGuardStream? _limitedStream;

    private ReadOnlySequence<byte> _buffer;
    private ReadOnlySequence<byte> _remaining;
    private bool _hasBuffer;
    private bool _inputCompleted;
    private bool _needMoreData;
    private bool _started;
    private bool _finished;
    private bool _disposed;
    private long _offset;
    private byte[]? _scratch;
    private int _scratchUsed;
    private List<byte[]>? _retiredScratch;

    private long _packetCount;
    private long _truncatedPacketCount;
    private long _packetsWithoutTimestamp;
    private long _firstTimestamp;
    private long _lastTimestamp;
    private long _earliestTimestamp;
    private long _latestTimestamp;
    private bool _hasTimestamps;
    private CaptureDiagnostic? _error;
    private long _suppressedDiagnostics;

    private CaptureReader(PipeReader reader, CaptureReaderOptions? options)
    {
        _options = options ?? CaptureReaderOptions.Default;
        if (_options.MaxRecordLength < 0 || _options.MaxBlockLength < 28 || _options.MaxInterfaces < 0 || _options.MaxOptionsPerBlock < 0
            || _options.MaxNameRecords < 0 || _options.MaxDiagnostics < 0 || _options.MaxDecompressedLength < 0 || _options.ReadBufferSize < 0)
        {
            reader.Complete();
            throw new PcapException(PcapExceptionReason.Misuse,
                "CaptureReaderOptions: caps must not be negative, and MaxBlockLength must hold a section header (28 bytes)");
        }

        _reader = reader;
    }

    /// <summary>Opens a capture file for reading (nothing is read until <see cref="ReadAsync"/>).</summary>
    /// <param name="path">The file's path, or <c>-</c> for standard input.</param>
    /// <param name="options">Caps; null for <see cref="CaptureReaderOptions.Default"/>.</param>
    /// <returns>The reader; dispose it to close the file.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="PcapException"><paramref name="options"/> holds a negative cap.</exception>
    public static CaptureReader Open(string path, CaptureReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = path == "-"
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Create(stream, options, leaveOpen: false);
    }

    /// <summary>Creates a reader over a stream.</summary>
    /// <param name="stream">The capture bytes (pcap, pcapng, or either gzip-compressed).</param>
    /// <param name="options">Caps; null for <see cref="CaptureReaderOptions.Default"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="PcapException"><paramref name="options"/> holds a negative cap.</exception>
    public static CaptureReader Create(Stream stream, CaptureReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var effective = options ?? CaptureReaderOptions.Default;
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(
            bufferSize: Math.Max(4096, effective.ReadBufferSize), leaveOpen: leaveOpen));
        return new CaptureReader(pipe, effective);
    }

    /// <summary>Creates a reader over a pipe; the reader completes <paramref name="reader"/> when disposed.</summary>
    /// <param name="reader">The capture bytes.</param>
    /// <param name="options">Caps; null for <see cref="CaptureReaderOptions.Default"/>.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="PcapException"><paramref name="options"/> holds a negative cap.</exception>
    /// <remarks>
    /// A record is handed out only once all of it is buffered: a <see cref="Pipe"/> feeding this reader needs a
    /// pause threshold above the largest record (<see cref="CaptureReaderOptions.MaxBlockLength"/>), or it stalls.
    /// </remarks>
    public static CaptureReader Create(PipeReader reader, CaptureReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CaptureReader(reader, options);
    }

    /// <summary>The container format (known after the first <see cref="ReadAsync"/>).</summary>
    public CaptureFormat Format { get; private set; }

    /// <summary>True when the input was gzip-compressed.</summary>
    public bool IsCompressed => _compressedReader is not null;

    /// <summary>The sections read so far (one for classic pcap).</summary>
    public IReadOnlyList<CaptureSection> Sections => _sections;

    /// <summary>Number of sections read so far.</summary>
    public int SectionCount => _sections.Count;

    /// <summary>Every interface defined so far, indexed by <see cref="CapturePacket.InterfaceIndex"/>.</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;

    /// <summary>Packet records handed out so far (the last frame number).</summary>
    public long PacketCount => _packetCount;

    /// <summary>Packets whose captured length is smaller than their original length.</summary>
    public long TruncatedPacketCount => _truncatedPacketCount;

    /// <summary>Packets without a timestamp (pcapng Simple Packet Blocks).</summary>
    public long PacketsWithoutTimestampCount => _packetsWithoutTimestamp;

    /// <summary>Timestamp (ns since the Unix epoch) of the first packet in file order that has one, or null.</summary>
    public long? FirstTimestamp => _hasTimestamps ? _firstTimestamp : null;

    /// <summary>Timestamp of the last packet in file order that has one, or null.</summary>
    public long? LastTimestamp => _hasTimestamps ? _lastTimestamp : null;

    /// <summary>The smallest packet timestamp (capinfos' "first packet time"), or null.</summary>
    public long? EarliestTimestamp => _hasTimestamps ? _earliestTimestamp : null;

    /// <summary>The largest packet timestamp (capinfos' "last packet time"), or null.</summary>
    public long? LatestTimestamp => _hasTimestamps ? _latestTimestamp : null;

    /// <summary>Problems found so far, in file order (at most <see cref="CaptureReaderOptions.MaxDiagnostics"/>).</summary>
    public IReadOnlyList<CaptureDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Diagnostics dropped because <see cref="CaptureReaderOptions.MaxDiagnostics"/> was reached.</summary>
    public long SuppressedDiagnosticCount => _suppressedDiagnostics;

    /// <summary>The fatal problem that stopped reading, or null when the input was read to its end.</summary>
    public CaptureDiagnostic? Error => _error;

    /// <summary>True when reading stopped before the end of the input (<see cref="Error"/> says why).</summary>
    public bool IsDamaged => _error is not null;

    /// <summary>Bytes of (decompressed) input consumed so far: the offset of the next record.</summary>
    public long Position => _offset;

    /// <summary>
    /// Waits for more input. Returns false once the input is exhausted and no complete record remains, or after a
    /// fatal problem (see <see cref="Error"/>). Packets handed out before are invalid after this call.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when <see cref="TryReadPacket"/> should be called.</returns>
    /// <exception cref="PcapException">The input is not a capture (empty, unknown magic, corrupt gzip header).</exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReleaseBuffer();
        if (_finished)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            try
            {
                await StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PcapException)
            {
                // Not a capture: nothing more will be read from this input.
                _finished = true;
                throw;
            }
            catch (InvalidDataException ex) when (_compressedReader is not null)
            {
                _finished = true;
                throw new PcapException(PcapExceptionReason.CorruptCompression, "not a capture: gzip data is corrupt: " + ex.Message, 0, ex);
            }

            return !_finished;
        }

        ReadResult result;
        try
        {
            result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex) when (_compressedReader is not null)
        {
            _finished = true;
            Report(_offset, 0, "gzip data is corrupt: " + ex.Message, fatal: true);
            return false;
        }

        SetBuffer(result);
        if (_remaining.IsEmpty && _inputCompleted)
        {
            EndOfInput(null);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Hands out the next complete packet record of the buffer. Non-packet blocks (interfaces, statistics, name
    /// resolution, custom and unknown blocks) are taken in along the way.
    /// </summary>
    /// <param name="packet">The packet, valid until the next <see cref="ReadAsync"/> call (or disposal).</param>
    /// <returns>False when the buffer holds no further complete record (call <see cref="ReadAsync"/>) or reading stopped.</returns>
    public bool TryReadPacket(out CapturePacket packet)
    {
        packet = default;
        if (!_hasBuffer || _finished)
        {
            return false;
        }

        return Format == CaptureFormat.Pcap ? TryReadPcapRecord(out packet) : TryReadPcapNgPacket(out packet);
    }

    /// <summary>Completes the pipe (closing the file or stream unless told to leave it open) and returns pooled buffers.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _hasBuffer = false;
        _buffer = default;
        _remaining = default;
        await _reader.CompleteAsync().ConfigureAwait(false);
        if (_compressedReader is not null)
        {
            await _compressedReader.CompleteAsync().ConfigureAwait(false);
        }

        ResetScratch();
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }
    }

    private async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        var result = await FillAsync(4, cancellationToken).ConfigureAwait(false);
        var buffer = result.Buffer;
        if (buffer.Length >= 2 && StartsWithGzipMagic(buffer))
        {
            // RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b. Decompress under the pipe; offsets are in decompressed bytes.
            _reader.AdvanceTo(buffer.Start);
            _compressedReader = _reader;
            _limitedStream = new DecompressionGuardStream(
                new GZipStream(_compressedReader.AsStream(leaveOpen: true), CompressionMode.Decompress), _options.MaxDecompressedLength);
            _reader = PipeReader.Create(_limitedStream, new StreamPipeReaderOptions(
                bufferSize: Math.Max(4096, _options.ReadBufferSize), leaveOpen: false));
            result = await FillAsync(4, cancellationToken).ConfigureAwait(false);
            buffer = result.Buffer;
        }

        if (buffer.Length < 4 && _limitedStream?.CorruptionMessage is { } corruption)
        {
            _reader.AdvanceTo(buffer.Start);
            throw new PcapException(PcapExceptionReason.CorruptCompression, "not a capture: gzip data is corrupt: " + corruption, 0);
        }

        if (buffer.Length == 0)
        {
            _reader.AdvanceTo(buffer.Start);
            throw new PcapException(PcapExceptionReason.EmptyInput, IsCompressed ? "empty gzip stream: not a capture" : "empty file: not a capture", 0);
        }

        if (buffer.Length < 4)
        {
            _reader.AdvanceTo(buffer.Start);
            throw new PcapException(PcapExceptionReason.TooShort, $"not a pcap or pcapng file: only {buffer.Length} bytes", 0);
        }

        Span<byte> magicBytes = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(magicBytes);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(magicBytes);
        if (magic == PcapNgBlockType.SectionHeader)
        {
            Format = CaptureFormat.PcapNg;
            SetBuffer(result);
            return;
        }

        if (!IsPcapMagic(magic))
        {
            _reader.AdvanceTo(buffer.Start);
            throw new PcapException(PcapExceptionReason.UnknownMagic, $"not a pcap or pcapng file: unknown magic 0x{magic:x8}", 0);
        }

        Format = CaptureFormat.Pcap;
        if (buffer.Length < PcapHeaderLength && !result.IsCompleted)
        {
            _reader.AdvanceTo(buffer.Start, buffer.End);
            result = await FillAsync(PcapHeaderLength, cancellationToken).ConfigureAwait(false);
        }

        SetBuffer(result);
        ReadPcapHeader();
    }

    private static bool StartsWithGzipMagic(ReadOnlySequence<byte> buffer)
    {
        Span<byte> two = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(two);
        return two[0] == 0x1F && two[1] == 0x8B;
    }

    private async ValueTask<ReadResult> FillAsync(int minimum, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.Buffer.Length >= minimum || result.IsCompleted || result.IsCanceled)
            {
                return result;
            }

            _reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private void SetBuffer(ReadResult result)
    {
        _buffer = result.Buffer;
        _remaining = _buffer;
        _inputCompleted = result.IsCompleted;
        _hasBuffer = true;
        _needMoreData = false;
    }

    private void ReleaseBuffer()
    {
        if (!_hasBuffer)
        {
            return;
        }

        // Pipelines: consumed = what was handed out; examined = everything when a record is incomplete, so the next
        // ReadAsync waits for more bytes instead of returning the same buffer.
        _reader.AdvanceTo(_remaining.Start, _needMoreData ? _buffer.End : _remaining.Start);
        _hasBuffer = false;
        _buffer = default;
        _remaining = default;
        ResetScratch();
    }

    /// <summary>The record does not fit in the buffer: wait for more, or at the end of input report the cut.</summary>
    private bool NeedMoreData(string? truncation)
    {
        if (_inputCompleted)
        {
            EndOfInput(truncation);
        }
        else
        {
            _needMoreData = true;
        }

        return false;
    }

    private void EndOfInput(string? truncation)
    {
        _finished = true;
        if (_limitedStream?.CorruptionMessage is { } corruption)
        {
            // Reported where the decompressed bytes stopped making whole records.
            Report(_offset, 0, $"gzip data is corrupt after {_limitedStream.Position} decompressed bytes: {corruption}", fatal: true);
        }
        else if (_limitedStream is { LimitReached: true })
        {
            Report(_offset, 0, $"decompressed input exceeds MaxDecompressedLength ({_options.MaxDecompressedLength} bytes): reading stopped", fatal: true);
        }
        else if (truncation is not null)
        {
            Report(_offset, 0, truncation, fatal: true);
        }
    }

    private void Report(long offset, long frameNumber, string message, bool fatal)
    {
        var diagnostic = new CaptureDiagnostic(offset, frameNumber, message, fatal);
        if (fatal)
        {
            _finished = true;
            _error ??= diagnostic;
        }

        if (_diagnostics.Count < _options.MaxDiagnostics)
        {
            _diagnostics.Add(diagnostic);
        }
        else
        {
            _suppressedDiagnostics++;
        }
    }

    /// <summary>The first <paramref name="length"/> unread bytes as one span: zero-copy when they sit in one segment.</summary>
    private ReadOnlySpan<byte> Peek(int length, Span<byte> stackBuffer)
    {
        var first = _remaining.FirstSpan;
        if (first.Length >= length)
        {
            return first[..length];
        }

        _remaining.Slice(0, length).CopyTo(stackBuffer);
        return stackBuffer[..length];
    }

    /// <summary>
    /// The next <paramref name="length"/> unread bytes as one span: a zero-copy slice of the pipe's segment, or a copy
    /// in the pooled scratch arena when they straddle segments.
    /// </summary>
    private ReadOnlySpan<byte> TakeContiguous(int length)
    {
        var first = _remaining.FirstSpan;
        var result = first.Length >= length ? first[..length] : CopyToScratch(length);

        // The slice stays valid: the pipe's memory is released only by AdvanceTo in the next ReadAsync.
        _remaining = _remaining.Slice(length);
        _offset += length;
        return result;
    }

    /// <summary>
    /// Copies a record that straddles segments into the scratch arena. Records copied since the last
    /// <see cref="ReadAsync"/> stay valid: a full arena is retired (returned to the pool at the next read), not reused.
    /// </summary>
    private ReadOnlySpan<byte> CopyToScratch(int length)
    {
        if (_scratch is null || _scratch.Length - _scratchUsed < length)
        {
            if (_scratch is not null)
            {
                if (_scratchUsed > 0)
                {
                    (_retiredScratch ??= []).Add(_scratch);
                }
                else
                {
                    ArrayPool<byte>.Shared.Return(_scratch);
                }
            }

            _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 16 * 1024));
            _scratchUsed = 0;
        }

        var destination = _scratch.AsSpan(_scratchUsed, length);
        _remaining.Slice(0, length).CopyTo(destination);
        _scratchUsed += length;
        return destination;
    }

    private void ResetScratch()
    {
        _scratchUsed = 0;
        if (_retiredScratch is { Count: > 0 })
        {
            foreach (var retired in _retiredScratch)
            {
                ArrayPool<byte>.Shared.Return(retired);
            }

            _retiredScratch.Clear();
        }
    }

    private long NextFrame(long timestamp, bool hasTimestamp, bool truncated)
    {
        var frame = ++_packetCount;
        if (truncated)
        {
            _truncatedPacketCount++;
        }

        if (!hasTimestamp)
        {
            _packetsWithoutTimestamp++;
            return frame;
        }

        if (!_hasTimestamps)
        {
            _hasTimestamps = true;
            _firstTimestamp = _earliestTimestamp = _latestTimestamp = timestamp;
        }
        else if (timestamp < _earliestTimestamp)
        {
            _earliestTimestamp = timestamp;
        }
        else if (timestamp > _latestTimestamp)
        {
            _latestTimestamp = timestamp;
        }

        _lastTimestamp = timestamp;
        return frame;
    }
}
