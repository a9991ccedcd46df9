using SipReg.Pcap;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Streams the messages of a capture: reads records (<see cref="CaptureReader"/>), decodes link/IP/transport layers
/// with reassembly (<see cref="PacketDecoder"/>), and finds SIP, DNS, keep-alives, ICMP errors and TLS signalling
/// (<see cref="CaptureDemultiplexer"/>). Memory is bounded by what waits for reassembly, never by the file's size.
/// </summary>
/// <remarks>
/// <code>
/// await using var source = CaptureMessageSource.Open("register.pcap");
/// while (await source.ReadAsync())
/// {
///     while (source.TryReadMessage(out CaptureMessage message)) { /* message.Kind, message.Data, ... */ }
/// }
/// CaptureAccounting accounting = source.GetAccounting();
/// </code>
/// </remarks>
public sealed class CaptureMessageSource : IAsyncDisposable
{
    private readonly CaptureReader _reader;
    private readonly PacketDecoder _decoder;
    private readonly CaptureDemultiplexer _demultiplexer;
    private bool _finished;
    private bool _inputEnded;

    private CaptureMessageSource(CaptureReader reader, PipelineOptions? options)
    {
        Options = options ?? PipelineOptions.Default;
        _reader = reader;
        _decoder = new PacketDecoder(Options.Decoder);
        _demultiplexer = new CaptureDemultiplexer(Options);
    }

    /// <summary>Opens a capture file (or <c>-</c> for standard input); gzip-compressed captures are read transparently.</summary>
    /// <param name="path">The capture's path, or <c>-</c>.</param>
    /// <param name="options">Caps; null for the defaults.</param>
    /// <returns>The source; dispose it to close the file.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CaptureMessageSource Open(string path, PipelineOptions? options = null) =>
        new(CaptureReader.Open(path, (options ?? PipelineOptions.Default).Reader), options);

    /// <summary>Reads a capture from a stream.</summary>
    /// <param name="stream">The capture bytes.</param>
    /// <param name="options">Caps; null for the defaults.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    /// <returns>The source.</returns>
    public static CaptureMessageSource Create(Stream stream, PipelineOptions? options = null, bool leaveOpen = false) =>
        new(CaptureReader.Create(stream, (options ?? PipelineOptions.Default).Reader, leaveOpen), options);

    /// <summary>The caps in force.</summary>
    public PipelineOptions Options { get; }

    /// <summary>The capture reader (format, interfaces, counts, container diagnostics).</summary>
    public CaptureReader Reader => _reader;

    /// <summary>The packet decoder (reassembly counters and diagnostics).</summary>
    public PacketDecoder Decoder => _decoder;

    /// <summary>True once the whole capture has been read and every message handed out.</summary>
    public bool IsCompleted => _finished;

    /// <summary>
    /// Reads the next part of the capture and queues the messages it completes. At the end of the input it flushes
    /// reassembly and returns true one last time so that the final messages can be drained.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>False when the capture is exhausted and every message was handed out.</returns>
    /// <exception cref="PcapException">The input is not a capture (empty, unknown magic).</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return false;
        }

        if (!_inputEnded && await _reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            DecodeBuffered();
            return true;
        }

        _decoder.Complete();
        DrainDecoder();
        _demultiplexer.Complete();
        _finished = true;
        return true;
    }

    /// <summary>
    /// Treats the input as ended now (for a live capture on standard input that the user stops): the next
    /// <see cref="ReadAsync"/> flushes reassembly instead of reading more.
    /// </summary>
    public void EndInput() => _inputEnded = true;

    /// <summary>Hands out the next message found by the last <see cref="ReadAsync"/>.</summary>
    /// <param name="message">The message; valid until the next <see cref="ReadAsync"/>.</param>
    /// <returns>False when no message is queued.</returns>
    public bool TryReadMessage(out CaptureMessage message) => _demultiplexer.TryReadMessage(out message);

    /// <summary>Where every record read so far went: the packet decoder's buckets plus the demultiplexer's.</summary>
    /// <returns>A snapshot whose nine buckets add up to <see cref="CaptureAccounting.Records"/> once the capture is completed.</returns>
    public CaptureAccounting GetAccounting()
    {
        var counters = _decoder.Counters;
        var mine = _demultiplexer.Accounting;
        return new CaptureAccounting
        {
            Records = _reader.PacketCount,
            Sip = mine.Sip,
            Dns = mine.Dns,
            KeepAlive = mine.KeepAlive,
            Other = mine.Other + counters.Other,
            UnsupportedLinkType = counters.UnsupportedLinkType,
            Truncated = counters.Truncated,
            Malformed = mine.Malformed + counters.Malformed,
            Capped = mine.Capped + counters.Capped,
            PendingReassembly = mine.PendingReassembly + counters.PendingReassembly,
        };
    }

    /// <summary>Every problem found, in layer order: container, network (reassembly), framing.</summary>
    /// <returns>The diagnostics, each located by byte offset and/or frame.</returns>
    public IReadOnlyList<PipelineDiagnostic> GetDiagnostics()
    {
        var all = new List<PipelineDiagnostic>();
        foreach (var d in _reader.Diagnostics)
        {
            all.Add(new PipelineDiagnostic(d.Offset, d.FrameNumber, d.Message));
        }

        foreach (var d in _decoder.Diagnostics)
        {
            all.Add(new PipelineDiagnostic(-1, d.FrameNumber, d.Message));
        }

        all.AddRange(_demultiplexer.Diagnostics);
        return all;
    }

    /// <summary>Closes the capture and returns pooled buffers.</summary>
    /// <returns>A task that completes when the input is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        _demultiplexer.Dispose();
        _decoder.Dispose();
        await _reader.DisposeAsync().ConfigureAwait(false);
    }

    private void DecodeBuffered()
    {
        while (_reader.TryReadPacket(out var packet))
        {
            _decoder.Decode(packet);
            DrainDecoder();
        }
    }

    private void DrainDecoder()
    {
        while (_decoder.TryReadPayload(out var payload))
        {
            _demultiplexer.Process(payload);
        }
    }
}
