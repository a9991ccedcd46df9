using System.Buffers;
using System.Runtime.InteropServices;

namespace SipReg.Pcap;

/// <summary>
/// Decodes capture records from the link layer up to transport payloads: Ethernet (VLAN tags, PPPoE, MPLS), Linux SLL/SLL2, raw IP
/// and BSD loopback; IPv4 and IPv6 (extension headers, fragment reassembly, IP-in-IP, GRE and ERSPAN); UDP datagrams, ICMP errors
/// (with the quoted datagram) and TCP streams (reassembled per direction).
/// </summary>
/// <remarks>
/// <para>Feed every record to <see cref="Decode"/>, then drain <see cref="TryReadPayload"/>; at the end of the capture
/// call <see cref="Complete"/> and drain again. Every record ends in exactly one place (see <see cref="PacketDecoderCounters"/>).</para>
/// <para>Payload bytes are copied into one reused buffer: a payload's <see cref="TransportPayload.Data"/> is valid only
/// until the next <see cref="Decode"/> or <see cref="Complete"/>. Decoding a UDP datagram or in-order TCP data allocates
/// nothing once the buffers have grown. Not thread-safe.</para>
/// </remarks>
public sealed partial class PacketDecoder : IDisposable
{
    private const int InitialOutputSize = 64 * 1024;

    private readonly PacketDecoderOptions _options;
    private readonly List<PacketDiagnostic> _diagnostics = [];
    private readonly HashSet<(int Interface, LinkType LinkType)> _reportedLinkTypes = [];
    private readonly List<PayloadInfo> _queue = [];
    private byte[] _output;
    private int _outputLength;
    private int _queueRead;
    private bool _completed;
    private bool _disposed;

    // The record being decoded (or, while flushing held data, the record that data came from).
    private long _frameNumber;
    private long _timestamp;
    private bool _hasTimestamp;
    private int _interfaceIndex;
    private bool _recordTruncated;

    // Capture time: the latest timestamp seen (records without one do not move it).
    private long _now;
    private bool _hasNow;

    /// <summary>Creates a decoder.</summary>
    /// <param name="options">Caps and switches; null for the defaults.</param>
    /// <exception cref="PcapException">A cap is negative.</exception>
    public PacketDecoder(PacketDecoderOptions? options = null)
    {
        _options = options ?? new PacketDecoderOptions();
        _options.Validate();
        _output = ArrayPool<byte>.Shared.Rent(InitialOutputSize);
    }

    /// <summary>The caps and switches in use.</summary>
    public PacketDecoderOptions Options => _options;

    /// <summary>The accounting: where every record went.</summary>
    public PacketDecoderCounters Counters { get; } = new();

    /// <summary>Located findings (bad headers, caps reached, overlapping or incomplete fragments, TCP gaps), in order.</summary>
    public IReadOnlyList<PacketDiagnostic> Diagnostics => _diagnostics;

    /// <summary>
    /// Decodes one record. The payloads it makes available (none, one or several) are read with
    /// <see cref="TryReadPayload"/>; payloads of the previous call that were not read are discarded.
    /// </summary>
    /// <param name="packet">The record; its bytes are not kept after the call.</param>
    /// <exception cref="PcapException">Called after <see cref="Complete"/>.</exception>
    /// <exception cref="ObjectDisposedException">The decoder was disposed.</exception>
    public void Decode(scoped in CapturePacket packet)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new PcapException("PacketDecoder.Decode called after Complete");
        }

        ResetOutput();
        Counters.Records++;
        _frameNumber = packet.FrameNumber;
        _timestamp = packet.TimestampNanoseconds;
        _hasTimestamp = packet.HasTimestamp;
        _interfaceIndex = packet.InterfaceIndex;
        _recordTruncated = packet.IsTruncated;
        if (packet.HasTimestamp && (!_hasNow || packet.TimestampNanoseconds > _now))
        {
            _now = packet.TimestampNanoseconds;
            _hasNow = true;
            ExpireFragmentSets(force: false);
            ExpireTcpConnections(force: false);
        }

        DecodeLinkLayer(packet.LinkType, packet.Data);
    }

    /// <summary>
    /// Reads the next payload made available by the last <see cref="Decode"/> or <see cref="Complete"/>.
    /// </summary>
    /// <param name="payload">The payload; its <see cref="TransportPayload.Data"/> is valid until the next Decode/Complete.</param>
    /// <returns>False when none is left.</returns>
    public bool TryReadPayload(out TransportPayload payload)
    {
        if (_queueRead >= _queue.Count)
        {
            payload = default;
            return false;
        }

        ref var info = ref CollectionsMarshal.AsSpan(_queue)[_queueRead++];
        payload = new TransportPayload(in info, _output.AsSpan(info.DataOffset, info.DataLength));
        return true;
    }

    /// <summary>
    /// Ends the capture: incomplete IP datagrams are reported (their fragments counted as pending reassembly) and
    /// TCP data still held behind a hole is delivered with <see cref="TransportPayload.GapBefore"/>. Read the resulting
    /// payloads with <see cref="TryReadPayload"/>. Calling it again does nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The decoder was disposed.</exception>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ResetOutput();
        if (_completed)
        {
            return;
        }

        _completed = true;
        ExpireFragmentSets(force: true);
        ExpireTcpConnections(force: true);
    }

    /// <summary>Returns pooled buffers (held fragments and TCP segments, the output buffer).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseFragmentSets();
        ReleaseTcpConnections();
        ArrayPool<byte>.Shared.Return(_output);
        _output = [];
        _queue.Clear();
    }

    private void ResetOutput()
    {
        _queue.Clear();
        _queueRead = 0;
        _outputLength = 0;
    }

    private PayloadInfo NewPayload(TransportPayloadKind kind, TransportProtocol protocol, NetworkEndpoint source, NetworkEndpoint destination) => new()
    {
        Kind = kind,
        Protocol = protocol,
        Source = source,
        Destination = destination,
        FrameNumber = _frameNumber,
        TimestampNanoseconds = _timestamp,
        HasTimestamp = _hasTimestamp,
        InterfaceIndex = _interfaceIndex,
        StreamIndex = -1,
    };

    private void Enqueue(ref PayloadInfo info, ReadOnlySpan<byte> data)
    {
        EnsureOutput(data.Length);
        data.CopyTo(_output.AsSpan(_outputLength));
        info.DataOffset = _outputLength;
        info.DataLength = data.Length;
        _outputLength += data.Length;
        _queue.Add(info);
        Counters.Payloads++;
        Counters.DeliveredRecords += info.RecordCount;
    }

    // Appends bytes to the last queued payload (used to merge contiguous TCP data into one chunk).
    private void AppendToLast(ReadOnlySpan<byte> data, int records)
    {
        EnsureOutput(data.Length);
        data.CopyTo(_output.AsSpan(_outputLength));
        _outputLength += data.Length;
        ref var last = ref CollectionsMarshal.AsSpan(_queue)[^1];
        last.DataLength += data.Length;
        last.RecordCount += records;
        Counters.DeliveredRecords += records;
    }

    private void EnsureOutput(int extra)
    {
        if (_output.Length - _outputLength >= extra)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_output.Length * 2, _outputLength + extra));
        _output.AsSpan(0, _outputLength).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_output);
        _output = bigger;
    }

    private void AddDiagnostic(PacketDiagnosticKind kind, string message) => AddDiagnostic(_frameNumber, kind, message);

    private void AddDiagnostic(long frameNumber, PacketDiagnosticKind kind, string message)
    {
        if (_diagnostics.Count >= _options.MaxDiagnostics)
        {
            Counters.DiagnosticsDropped++;
            return;
        }

        _diagnostics.Add(new PacketDiagnostic(frameNumber, kind, message));
    }

    private void CountMalformed(int records, string message)
    {
        Counters.Malformed += records;
        AddDiagnostic(PacketDiagnosticKind.Malformed, message);
    }

    private void CountOther(int records) => Counters.Other += records;

    private void CountDuplicate(int records)
    {
        Counters.Other += records;
        Counters.Duplicates += records;
    }

    // A header that does not fit in the bytes at hand: the snap length's doing when the record was cut, else damage.
    private void CountHeaderCut(int records, string header, int needed, int available)
    {
        if (_recordTruncated && records == 1)
        {
            Counters.Truncated += records;
        }
        else
        {
            CountMalformed(records, $"{header} needs {needed} bytes, {available} present");
        }
    }
}
