using System.Buffers;
using SipReg.Dns;
using SipReg.Pcap;
using SipReg.Sip;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Turns transport payloads into messages: SIP, keep-alives, DNS, ICMP errors and TLS-encrypted signalling, found by
/// content rather than by port alone. TCP streams are framed per direction (SIP by <c>Content-Length</c>, RFC 3261
/// §18.3; DNS by its two-byte length prefix, RFC 1035 §4.2.2). Every record a payload accounts for is put into one
/// bucket of <see cref="Accounting"/>.
/// </summary>
/// <remarks>
/// A pull API: <see cref="Process"/> one payload, then drain <see cref="TryReadMessage"/>. Message bytes are copied
/// into a reusable arena, so a message stays valid until the next <see cref="Process"/> after the queue was drained.
/// </remarks>
public sealed partial class CaptureDemultiplexer : IDisposable
{
    private static readonly byte[] s_sipVersion = "SIP/2.0"u8.ToArray();

    private readonly PipelineOptions _options;
    private readonly SipMessage _sip;
    private readonly List<PipelineDiagnostic> _diagnostics = [];
    private CaptureMessageInfo[] _queue = new CaptureMessageInfo[16];
    private int _queueCount;
    private int _queueRead;
    private byte[] _arena = new byte[16 * 1024];
    private int _arenaUsed;

    /// <summary>Creates a demultiplexer.</summary>
    /// <param name="options">Caps and parser options; null for <see cref="PipelineOptions.Default"/>.</param>
    public CaptureDemultiplexer(PipelineOptions? options = null)
    {
        _options = options ?? PipelineOptions.Default;
        _sip = new SipMessage(_options.Sip);
    }

    /// <summary>
    /// The records this demultiplexer has placed (SIP, DNS, keep-alive, other, malformed, capped, pending). Records the
    /// packet decoder kept itself are not in it; <see cref="CaptureMessageSource.GetAccounting"/> adds both.
    /// </summary>
    public CaptureAccounting Accounting { get; } = new();

    /// <summary>Problems found while framing (TCP gaps, skipped bytes, caps reached), at most <see cref="PipelineOptions.MaxDiagnostics"/>.</summary>
    public IReadOnlyList<PipelineDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Diagnostics not stored because <see cref="PipelineOptions.MaxDiagnostics"/> was reached.</summary>
    public long SuppressedDiagnosticCount { get; private set; }

    /// <summary>Classifies one payload and queues the messages it completes.</summary>
    /// <param name="payload">A payload from the packet decoder.</param>
    public void Process(scoped in TransportPayload payload)
    {
        if (_queueRead == _queueCount)
        {
            _queueRead = _queueCount = 0;
            _arenaUsed = 0;
        }

        switch (payload.Kind)
        {
            case TransportPayloadKind.Datagram:
                ProcessDatagram(payload);
                break;
            case TransportPayloadKind.StreamData:
                ProcessStream(payload);
                break;
            case TransportPayloadKind.IcmpError:
                Accounting.Other += payload.RecordCount;
                var info = Info(payload, CaptureMessageKind.IcmpError);
                info.IcmpType = payload.IcmpType;
                info.IcmpCode = payload.IcmpCode;
                Enqueue(ref info, payload.Data);
                break;
            default:
                Accounting.Other += payload.RecordCount;
                break;
        }
    }

    /// <summary>Hands out the next queued message.</summary>
    /// <param name="message">The message; valid until the next <see cref="Process"/> after the queue is drained.</param>
    /// <returns>False when the queue is empty.</returns>
    public bool TryReadMessage(out CaptureMessage message)
    {
        if (_queueRead == _queueCount)
        {
            message = default;
            return false;
        }

        ref readonly var info = ref _queue[_queueRead++];
        var data = _arena.AsSpan(info.Offset, info.Length);
        SipMessage? sip = null;
        if (info.Kind == CaptureMessageKind.Sip)
        {
            sip = _sip;
            if (!_sip.Parse(data, info.Protocol == TransportProtocol.Tcp ? SipTransportKind.Stream : SipTransportKind.Datagram))
            {
                // It looked like SIP but has no start line (RFC 3261 §7.1, §7.2): booked as malformed, not as SIP.
                Accounting.Sip -= info.Records;
                Accounting.Malformed += info.Records;
                AddDiagnostic(info.FrameNumber, "no SIP start line found in a message that mentions SIP/2.0");
            }
            else
            {
                ReportSipCaps(info.FrameNumber);
            }
        }

        message = new CaptureMessage(info, data, sip);
        return true;
    }

    /// <summary>Ends the input: flushes what streams still hold and counts incomplete messages as pending reassembly.</summary>
    public void Complete() => CompleteStreams();

    /// <summary>Returns pooled stream buffers.</summary>
    public void Dispose() => DisposeStreams();

    private void ProcessDatagram(scoped in TransportPayload payload)
    {
        var records = payload.RecordCount;
        var data = payload.Data;
        if (payload.IsTruncated)
        {
            // The packet decoder counted the record as truncated; a cut message is not handed out as complete.
            return;
        }

        var flavor = DnsPorts.GetFlavor(payload.Source.Port, payload.Destination.Port);
        if (flavor != DnsFlavor.Unknown)
        {
            ClassifyDns(Info(payload, CaptureMessageKind.Dns), data, flavor, records);
            return;
        }

        var keepAlive = SipKeepAlive.Classify(data);
        if (keepAlive != SipKeepAliveKind.None)
        {
            Accounting.KeepAlive += records;
            var info = Info(payload, CaptureMessageKind.KeepAlive);
            info.KeepAlive = keepAlive;
            Enqueue(ref info, data);
            return;
        }

        if (LooksLikeSip(data))
        {
            Accounting.Sip += records;
            var info = Info(payload, CaptureMessageKind.Sip);
            info.Records = records;
            Enqueue(ref info, data);
            return;
        }

        Accounting.Other += records;
    }

    private void ClassifyDns(CaptureMessageInfo info, ReadOnlySpan<byte> data, DnsFlavor flavor, int records)
    {
        if (data.Length < DnsHeader.Size)
        {
            Accounting.Malformed += records;
            AddDiagnostic(info.FrameNumber, $"DNS message of {data.Length} bytes is shorter than the 12-byte header (RFC 1035 §4.1.1)");
            return;
        }

        var message = DnsMessage.Read(data, _options.Dns);
        if (message.IsMalformed)
        {
            Accounting.Malformed += records;
            var reason = message.StoredDiagnosticCount > 0 ? message.GetDiagnostic(0).ToString() : "malformed";
            AddDiagnostic(info.FrameNumber, "malformed DNS message: " + reason);
        }
        else
        {
            Accounting.Dns += records;
        }

        info.Kind = CaptureMessageKind.Dns;
        info.DnsFlavor = flavor;
        Enqueue(ref info, data);
    }

    /// <summary>A SIP message has "SIP/2.0" on its start line (RFC 3261 §7.1, §7.2); junk before it is tolerated.</summary>
    private static bool LooksLikeSip(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 1024)];
        return head.IndexOf(s_sipVersion) >= 0;
    }

    private static CaptureMessageInfo Info(scoped in TransportPayload payload, CaptureMessageKind kind) => new()
    {
        Kind = kind,
        Protocol = payload.Protocol,
        Source = payload.Source,
        Destination = payload.Destination,
        FrameNumber = payload.FrameNumber,
        TimestampNanoseconds = payload.TimestampNanoseconds,
        HasTimestamp = payload.HasTimestamp,
    };

    private void Enqueue(ref CaptureMessageInfo info, ReadOnlySpan<byte> data)
    {
        if (_arenaUsed + data.Length > _arena.Length)
        {
            var larger = new byte[Math.Max(_arena.Length * 2, _arenaUsed + data.Length)];
            _arena.AsSpan(0, _arenaUsed).CopyTo(larger);
            _arena = larger;
        }

        data.CopyTo(_arena.AsSpan(_arenaUsed));
        info.Offset = _arenaUsed;
        info.Length = data.Length;
        _arenaUsed += data.Length;
        if (_queueCount == _queue.Length)
        {
            Array.Resize(ref _queue, _queue.Length * 2);
        }

        _queue[_queueCount++] = info;
    }

    /// <summary>A message that reached a parser cap is still analysed, as far as the cap let it be read; the cap is named.</summary>
    private void ReportSipCaps(long frame)
    {
        foreach (var d in _sip.Diagnostics)
        {
            var text = d.Code switch
            {
                SipDiagnosticCode.TooManyHeaders => $"SIP message has more than MaxHeaderCount ({_options.Sip.MaxHeaderCount}) header fields: the rest were not read",
                SipDiagnosticCode.HeaderSectionTooLarge => $"SIP header section is larger than MaxHeaderBytes ({_options.Sip.MaxHeaderBytes} bytes): the rest was not read",
                SipDiagnosticCode.BodyTooLarge => $"SIP Content-Length is larger than MaxBodyBytes ({_options.Sip.MaxBodyBytes} bytes): the body was not read",
                _ => null,
            };
            if (text is not null)
            {
                AddDiagnostic(frame, text);
            }
        }
    }

    private void AddDiagnostic(long frame, string message)
    {
        if (_diagnostics.Count >= _options.MaxDiagnostics)
        {
            SuppressedDiagnosticCount++;
            return;
        }

        _diagnostics.Add(new PipelineDiagnostic(-1, frame, message));
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
