using System.Buffers;
using SipReg.Dns;
using SipReg.Pcap;
using SipReg.Sip;

namespace SipReg.Analysis.Pipeline;

/// <content>Framing of TCP stream data, per direction, with caps on what is held.</content>
public sealed partial class CaptureDemultiplexer
{
    private const int SipsPort = 5061;

    private readonly Dictionary<(long Stream, bool FromClient), StreamDirection> _streams = [];
    private long _streamBytes;
    private long _useClock;

    private enum StreamContent : byte
    {
        Unknown,
        Sip,
        Dns,
        Tls,
        Other,
    }

    private void ProcessStream(scoped in TransportPayload payload)
    {
        var key = (payload.StreamIndex, payload.IsFromClient);
        if (!_streams.TryGetValue(key, out var state))
        {
            if (_streams.Count >= _options.MaxStreams && !MakeRoomForStream(payload.FrameNumber))
            {
                Accounting.Capped += payload.RecordCount;
                return;
            }

            state = new StreamDirection { Resyncing = payload.StreamStartMissing };
            _streams.Add(key, state);
        }

        state.LastUse = ++_useClock;
        state.Last = Info(payload, CaptureMessageKind.Sip);
        if (payload.GapBefore > 0)
        {
            // Bytes were never captured: whatever was buffered cannot complete; look for the next start line.
            if (state.Length > 0)
            {
                AddDiagnostic(payload.FrameNumber, $"TCP gap of {payload.GapBefore} bytes: the partial message buffered before it was dropped");
                Accounting.Malformed += state.PendingRecords;
                state.PendingRecords = 0;
                Clear(state);
            }

            state.Resyncing = true;
            state.Overflowed = false;
        }

        var records = payload.RecordCount;
        if (state.Content == StreamContent.Unknown)
        {
            state.Content = Detect(payload);
            if (state.Content == StreamContent.Tls && (payload.Source.Port == SipsPort || payload.Destination.Port == SipsPort))
            {
                var info = Info(payload, CaptureMessageKind.EncryptedSignalling);
                Enqueue(ref info, payload.Data[..Math.Min(payload.Data.Length, 5)]);
            }
        }

        if (state.Content is StreamContent.Tls or StreamContent.Other)
        {
            Accounting.Other += records + state.PendingRecords;
            state.PendingRecords = 0;
            Clear(state);
            return;
        }

        state.PendingRecords += records;
        var data = payload.Data;
        ReadOnlySpan<byte> work;
        var fromBuffer = state.Length > 0;
        if (fromBuffer)
        {
            if (!Append(state, data, payload.FrameNumber))
            {
                return;
            }

            work = state.Buffer.AsSpan(state.Start, state.Length);
        }
        else
        {
            work = data;
        }

        var consumed = state.Content == StreamContent.Dns ? FrameDns(state, work) : FrameSip(state, work, isCompleted: false);
        if (fromBuffer)
        {
            state.Start += consumed;
            state.Length -= consumed;
            _streamBytes -= consumed;
            if (state.Length == 0)
            {
                Clear(state);
            }
        }
        else if (consumed < work.Length)
        {
            Append(state, work[consumed..], payload.FrameNumber);
        }

        if (state.Content == StreamContent.Other)
        {
            Accounting.Other += state.PendingRecords;
            state.PendingRecords = 0;
            Clear(state);
        }
    }

    private static StreamContent Detect(scoped in TransportPayload payload)
    {
        if (payload.Source.Port == DnsPorts.Dns || payload.Destination.Port == DnsPorts.Dns)
        {
            return StreamContent.Dns;
        }

        // RFC 8446 §5.1: a TLS record starts with its content type (20..23) and legacy version 3.x.
        var data = payload.Data;
        if (data.Length >= 3 && data[0] is >= 20 and <= 23 && data[1] == 3 && data[2] <= 4)
        {
            return StreamContent.Tls;
        }

        return StreamContent.Sip;
    }

    private int FrameDns(StreamDirection state, ReadOnlySpan<byte> work)
    {
        var consumed = 0;
        while (DnsTcpFramer.TryReadMessage(work[consumed..], out var message, out var length))
        {
            consumed += length;
            ClassifyDns(state.Last, message, DnsFlavor.Unicast, state.PendingRecords);
            state.PendingRecords = 0;
        }

        return consumed;
    }

    private int FrameSip(StreamDirection state, ReadOnlySpan<byte> work, bool isCompleted)
    {
        var consumed = 0;
        while (consumed < work.Length)
        {
            // RFC 5626 §3.5.1: a pong is one CRLF the server writes on its own, and a ping is one write of CRLFCRLF.
            // A lone CRLF left at the end of what a segment brought is therefore a pong now, not the first half of a
            // ping to come: held back, the next pong would complete it into a ping and one keep-alive would be lost.
            var rest = work[consumed..];
            var frame = SipStreamFramer.Scan(rest, isCompleted || rest is [(byte)'\r', (byte)'\n'], _options.Sip);
            switch (frame.Status)
            {
                case SipFrameStatus.NeedMoreData:
                    if (!state.Confirmed && state.Probed + work.Length - consumed > _options.MaxProbeBytes)
                    {
                        state.Content = StreamContent.Other;
                        return work.Length;
                    }

                    return consumed;
                case SipFrameStatus.Message:
                    var info = state.Last;
                    info.Kind = CaptureMessageKind.Sip;
                    info.Records = state.PendingRecords;
                    Accounting.Sip += state.PendingRecords;
                    state.PendingRecords = 0;
                    state.Confirmed = true;
                    state.Resyncing = false;
                    state.Overflowed = false;
                    Enqueue(ref info, work.Slice(consumed, frame.Length));
                    break;
                case SipFrameStatus.KeepAlive:
                    Accounting.KeepAlive += state.PendingRecords;
                    state.PendingRecords = 0;
                    var alive = state.Last;
                    alive.Kind = CaptureMessageKind.KeepAlive;
                    alive.KeepAlive = frame.KeepAlive;
                    Enqueue(ref alive, work.Slice(consumed, frame.Length));
                    break;
                case SipFrameStatus.Invalid when frame.Diagnostic == SipDiagnosticCode.HeaderSectionTooLarge || state.Overflowed:
                    // A SIP start line whose header section outgrew MaxHeaderBytes: the stream is SIP, the message is
                    // dropped at the cap (reported once), and its remaining bytes are skipped as part of it.
                    if (!state.Overflowed)
                    {
                        AddDiagnostic(state.Last.FrameNumber,
                            $"a SIP header section did not end within MaxHeaderBytes ({_options.Sip.MaxHeaderBytes} bytes): message dropped, stream resynchronised");
                    }

                    Accounting.Capped += state.PendingRecords;
                    state.PendingRecords = 0;
                    state.Overflowed = true;
                    state.Confirmed = true;
                    state.Resyncing = true;
                    break;
                default:
                    state.Probed += frame.Length;
                    if (!state.Confirmed && !state.Resyncing && state.Probed > _options.MaxProbeBytes)
                    {
                        state.Content = StreamContent.Other;
                        return work.Length;
                    }

                    if (consumed + frame.Length >= work.Length && state.PendingRecords > 0)
                    {
                        // Everything buffered was skipped: the records held only a partial or foreign message.
                        if (state.Confirmed || state.Resyncing)
                        {
                            AddDiagnostic(state.Last.FrameNumber, $"skipped {frame.Length} bytes of a TCP stream that do not start a SIP message (partial message after a gap or before the capture started)");
                            Accounting.Malformed += state.PendingRecords;
                        }
                        else
                        {
                            Accounting.Other += state.PendingRecords;
                        }

                        state.PendingRecords = 0;
                    }

                    break;
            }

            consumed += Math.Min(frame.Length, work.Length - consumed);
        }

        return consumed;
    }

    private bool Append(StreamDirection state, ReadOnlySpan<byte> data, long frame)
    {
        var needed = state.Length + data.Length;
        if (needed > _options.MaxStreamBufferBytes || _streamBytes + data.Length > _options.MaxTotalStreamBufferBytes)
        {
            AddDiagnostic(frame, needed > _options.MaxStreamBufferBytes
                ? $"a TCP message grew past the {_options.MaxStreamBufferBytes}-byte stream buffer cap: dropped, stream resynchronised"
                : $"TCP framing buffers reached their {_options.MaxTotalStreamBufferBytes}-byte total cap: data dropped, stream resynchronised");
            Accounting.Capped += state.PendingRecords;
            state.PendingRecords = 0;
            Clear(state);
            state.Resyncing = true;
            return false;
        }

        if (state.Buffer is null || state.Start + needed > state.Buffer.Length)
        {
            var buffer = state.Buffer;
            if (buffer is null || needed > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(4096, needed));
                if (buffer is not null)
                {
                    buffer.AsSpan(state.Start, state.Length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                state.Buffer = larger;
            }
            else
            {
                buffer.AsSpan(state.Start, state.Length).CopyTo(buffer);
            }

            state.Start = 0;
        }

        data.CopyTo(state.Buffer.AsSpan(state.Start + state.Length));
        state.Length += data.Length;
        _streamBytes += data.Length;
        return true;
    }

    private void Clear(StreamDirection state)
    {
        _streamBytes -= state.Length;
        state.Start = state.Length = 0;
        Return(ref state.Buffer);
    }

    /// <summary>At the stream cap: forget directions that hold nothing; failing that, the least recently used one.</summary>
    private bool MakeRoomForStream(long frame)
    {
        List<(long, bool)>? idle = null;
        foreach (var (key, state) in _streams)
        {
            if (state.Length == 0 && state.PendingRecords == 0)
            {
                (idle ??= []).Add(key);
            }
        }

        if (idle is not null)
        {
            foreach (var key in idle)
            {
                _streams.Remove(key);
            }

            return true;
        }

        var oldest = default((long, bool));
        var oldestUse = long.MaxValue;
        foreach (var (key, state) in _streams)
        {
            if (state.LastUse < oldestUse)
            {
                oldestUse = state.LastUse;
                oldest = key;
            }
        }

        if (oldestUse == long.MaxValue)
        {
            return false;
        }

        var evicted = _streams[oldest];
        AddDiagnostic(frame, $"more than {_options.MaxStreams} TCP stream directions held data: the least recently used was dropped");
        Accounting.Capped += evicted.PendingRecords;
        Clear(evicted);
        _streams.Remove(oldest);
        return true;
    }

    private void CompleteStreams()
    {
        var incomplete = 0;
        foreach (var state in _streams.Values)
        {
            if (state.Length > 0 && state.Content == StreamContent.Sip && state.Buffer is not null)
            {
                // A lone CRLF at the very end is a pong, not the start of a ping (RFC 5626 §4.4.1).
                var consumed = FrameSip(state, state.Buffer.AsSpan(state.Start, state.Length), isCompleted: true);
                state.Start += consumed;
                state.Length -= consumed;
                _streamBytes -= consumed;
            }

            if (state.PendingRecords > 0)
            {
                Accounting.PendingReassembly += state.PendingRecords;
                state.PendingRecords = 0;
                incomplete++;
            }

            Clear(state);
        }

        if (incomplete > 0)
        {
            AddDiagnostic(0, $"{incomplete} TCP stream direction(s) ended with an incomplete message");
        }
    }

    private void DisposeStreams()
    {
        foreach (var state in _streams.Values)
        {
            Return(ref state.Buffer);
        }

        _streams.Clear();
        _streamBytes = 0;
    }

    /// <summary>Framing state of one direction of one TCP connection.</summary>
    private sealed class StreamDirection
    {
        public byte[]? Buffer;
        public CaptureMessageInfo Last;
        public int Start;
        public int Length;
        public int PendingRecords;
        public long Probed;
        public long LastUse;
        public StreamContent Content;
        public bool Confirmed;
        public bool Resyncing;

        /// <summary>Skipping the rest of a message that outgrew the header cap, until the next start line.</summary>
        public bool Overflowed;
    }
}
