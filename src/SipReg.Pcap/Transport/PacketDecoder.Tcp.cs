using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SipReg.Pcap;

// TCP (RFC 9293): per-direction stream reassembly.
public sealed partial class PacketDecoder
{
    // An acknowledgment further ahead than this is not trusted to prove that a hole was sent (garbage or a wrong stream).
    private const int MaxAcknowledgedJump = 1 << 30;

    private readonly Dictionary<TcpConnectionKey, TcpConnection> _connections = [];
    private long _nextStreamIndex;
    private long _tcpEndings;
    private long _tcpEndingsAtFailedEviction = -1;
    private long _heldTotal;
    private long _nextTcpSweep;

    private void DecodeTcp(NetworkAddress sourceAddress, NetworkAddress destinationAddress, ReadOnlySpan<byte> tcp, int records, int missing)
    {
        if (tcp.Length < 20)
        {
            CountTransportHeaderCut(records, missing, "TCP header", 20, tcp.Length);
            return;
        }

        var headerLength = (tcp[12] >> 4) * 4;
        if (headerLength < 20)
        {
            CountMalformed(records, $"TCP data offset {headerLength} is less than 20");
            return;
        }

        if (headerLength > tcp.Length)
        {
            CountTransportHeaderCut(records, missing, "TCP header with options", headerLength, tcp.Length);
            return;
        }

        var source = new NetworkEndpoint(sourceAddress, BinaryPrimitives.ReadUInt16BigEndian(tcp));
        var destination = new NetworkEndpoint(destinationAddress, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]));
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]);
        var acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]);
        var flags = tcp[13];
        var fin = (flags & 0x01) != 0;
        var syn = (flags & 0x02) != 0;
        var rst = (flags & 0x04) != 0;
        var ack = (flags & 0x10) != 0;
        var data = tcp[headerLength..];

        var key = new TcpConnectionKey(source, destination);
        if (_connections.TryGetValue(key, out var connection))
        {
            var from = connection.From(source);
            if (syn && !ack && from.Initialized && !(from.SynSeen && from.InitialSequence == sequence))
            {
                // A SYN with a new initial sequence number on a known 4-tuple: the ports were reused for a new connection.
                CloseConnection(connection, "a new SYN reused its ports");
                connection = null;
            }
        }

        if (connection is null)
        {
            if (_connections.Count >= _options.MaxTcpStreams && !EvictClosedConnection())
            {
                Counters.Capped += records;
                AddDiagnostic(PacketDiagnosticKind.Capped,
                    $"{_options.MaxTcpStreams} TCP connections already tracked (MaxTcpStreams): segment {source} -> {destination} dropped");
                return;
            }

            // The SYN sender is the client and a SYN-ACK comes from the server. Without either (capture started mid-
            // connection) the client is the endpoint with the higher port: servers listen on the lower, well-known one.
            var serverSends = syn ? ack : source.Port < destination.Port;
            var (client, server) = serverSends ? (destination, source) : (source, destination);
            connection = new TcpConnection(key, _nextStreamIndex++, client, server);
            _connections.Add(key, connection);
            Counters.TcpStreams++;
        }

        connection.LastSeen = _now;
        var direction = connection.From(source);
        if (!direction.Initialized)
        {
            direction.Initialized = true;
            direction.NextSequence = syn ? sequence + 1 : sequence;
            direction.SynSeen = syn;
            direction.InitialSequence = sequence;
            direction.StartMissingPending = !syn;
        }

        if (ack)
        {
            NoteAcknowledgment(connection.To(source), acknowledgment);
        }

        // RFC 9293 §3.4: the SYN occupies one sequence number before the data.
        var dataSequence = syn ? sequence + 1 : sequence;
        if (data.IsEmpty && missing == 0)
        {
            CountOther(records);
        }
        else
        {
            AcceptData(direction, dataSequence, data, records, missing);
        }

        if (fin && !direction.FinSeen)
        {
            direction.FinSeen = true;
            _tcpEndings++;
            direction.FinSequence = dataSequence + (uint)(data.Length + missing);
        }

        if (rst)
        {
            // Nothing is retransmitted after a reset: held data will not get its hole filled.
            connection.ResetSeen = true;
            _tcpEndings++;
            FlushDirection(connection.ClientToServer, "reset");
            FlushDirection(connection.ServerToClient, "reset");
        }
    }

    private void AcceptData(TcpDirection direction, uint sequence, ReadOnlySpan<byte> data, int records, int missing)
    {
        long length = data.Length + missing;
        var distance = direction.Distance(sequence);
        if (distance > 0)
        {
            if (missing != 0)
            {
                // Out of order and cut by the snap length: not held; its bytes will show as a gap.
                Counters.Truncated += records;
                return;
            }

            Hold(direction, sequence, data, records);
            return;
        }

        var skip = -(long)distance;
        if (skip >= length)
        {
            // A retransmission of bytes already delivered.
            CountDuplicate(records);
            return;
        }

        if (skip >= data.Length)
        {
            // The only new bytes are the ones the snap length cut off.
            Counters.Truncated += records;
            SkipGap(direction, length - skip, null);
        }
        else if (missing != 0)
        {
            Counters.Truncated += records;
            DeliverStreamData(direction, data[(int)skip..], 0, truncated: true);
            SkipGap(direction, missing, null);
        }
        else
        {
            DeliverStreamData(direction, data[(int)skip..], records, truncated: false);
        }

        DrainHeld(direction);
    }

    private void Hold(TcpDirection direction, uint sequence, ReadOnlySpan<byte> data, int records)
    {
        foreach (var held in direction.Held)
        {
            if (held.Sequence == sequence && held.Length >= data.Length)
            {
                CountDuplicate(records);
                return;
            }
        }

        // Caps: stop waiting for the oldest hole, deliver what is held behind it, and look at this segment again.
        while (direction.Held.Count > 0 && OverHoldCaps(direction, data.Length))
        {
            AddDiagnostic(PacketDiagnosticKind.Capped,
                $"TCP stream {direction.StreamIndex} {direction.Source} -> {direction.Destination}: held bytes reached MaxBytesPerTcpStream/MaxTcpBufferedBytes; delivering past the hole");
            SkipGap(direction, direction.Distance(direction.Held[0].Sequence), "buffer cap reached");
            DrainHeld(direction);
            if (direction.Distance(sequence) <= 0)
            {
                AcceptData(direction, sequence, data, records, 0);
                return;
            }
        }

        if (OverHoldCaps(direction, data.Length))
        {
            AddDiagnostic(PacketDiagnosticKind.Capped,
                $"TCP stream {direction.StreamIndex} {direction.Source} -> {direction.Destination}: segment larger than the buffer caps; delivering past the hole");
            SkipGap(direction, direction.Distance(sequence), "buffer cap reached");
            DeliverStreamData(direction, data, records, truncated: false);
            return;
        }

        var distance = direction.Distance(sequence);
        var index = direction.Held.Count;
        while (index > 0 && direction.Distance(direction.Held[index - 1].Sequence) > distance)
        {
            index--;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(data.Length, 1));
        data.CopyTo(buffer);
        direction.Held.Insert(index, new TcpHeldSegment
        {
            Sequence = sequence,
            Buffer = buffer,
            Length = data.Length,
            Records = records,
            FrameNumber = _frameNumber,
            TimestampNanoseconds = _timestamp,
            HasTimestamp = _hasTimestamp,
            InterfaceIndex = _interfaceIndex,
        });
        direction.HeldBytes += data.Length;
        _heldTotal += data.Length;
        Counters.HeldRecords += records;
        SkipAcknowledgedHole(direction);
    }

    private bool OverHoldCaps(TcpDirection direction, int length) =>
        direction.HeldBytes + length > _options.MaxBytesPerTcpStream || _heldTotal + length > _options.MaxTcpBufferedBytes;

    // Delivers held segments that the next sequence number has reached.
    private void DrainHeld(TcpDirection direction)
    {
        while (direction.Held.Count > 0)
        {
            var segment = direction.Held[0];
            var distance = direction.Distance(segment.Sequence);
            if (distance > 0)
            {
                return;
            }

            direction.Held.RemoveAt(0);
            direction.HeldBytes -= segment.Length;
            _heldTotal -= segment.Length;
            Counters.HeldRecords -= segment.Records;
            var skip = -(long)distance;
            if (skip >= segment.Length)
            {
                CountDuplicate(segment.Records);
            }
            else
            {
                DeliverStreamData(direction, segment.Buffer.AsSpan((int)skip, segment.Length - (int)skip), segment.Records, truncated: false);
            }

            ArrayPool<byte>.Shared.Return(segment.Buffer);
        }
    }

    private void NoteAcknowledgment(TcpDirection direction, uint acknowledgment)
    {
        if (!direction.Initialized)
        {
            return;
        }

        if (!direction.HasAck || (int)(acknowledgment - direction.HighestAck) > 0)
        {
            direction.HasAck = true;
            direction.HighestAck = acknowledgment;
        }

        SkipAcknowledgedHole(direction);
    }

    // The receiver acknowledged bytes of a hole: they were sent and received but not captured, and will never be
    // retransmitted. Skip them now rather than holding the data behind them to the end.
    private void SkipAcknowledgedHole(TcpDirection direction)
    {
        if (direction.Held.Count == 0 || !direction.HasAck)
        {
            return;
        }

        var acknowledged = direction.Distance(direction.HighestAck);
        if (acknowledged <= 0 || acknowledged > MaxAcknowledgedJump)
        {
            return;
        }

        var skip = Math.Min(acknowledged, direction.Distance(direction.Held[0].Sequence));
        if (skip > 0)
        {
            SkipGap(direction, skip, "acknowledged by the receiver but not captured");
            DrainHeld(direction);
        }
    }

    // why == null: the snap length's doing, already visible as IsTruncated; not worth a diagnostic per segment.
    private void SkipGap(TcpDirection direction, long bytes, string? why)
    {
        direction.PendingGap += bytes;
        direction.NextSequence += (uint)bytes;
        Counters.TcpGapBytes += bytes;
        if (why is null)
        {
            return;
        }

        AddDiagnostic(PacketDiagnosticKind.TcpGap,
            $"TCP stream {direction.StreamIndex} {direction.Source} -> {direction.Destination}: {bytes} bytes never captured ({why})");
    }

    private void DeliverStreamData(TcpDirection direction, ReadOnlySpan<byte> data, int records, bool truncated)
    {
        direction.NextSequence += (uint)data.Length;
        if (!truncated && direction.PendingGap == 0 && !direction.StartMissingPending && _queue.Count > 0)
        {
            // Contiguous data of the same direction made available by the same record: one chunk.
            ref var last = ref CollectionsMarshal.AsSpan(_queue)[^1];
            if (last.Kind == TransportPayloadKind.StreamData && last.StreamIndex == direction.StreamIndex
                && last.IsFromClient == direction.IsFromClient && !last.IsTruncated && last.FrameNumber == _frameNumber
                && last.DataOffset + last.DataLength == _outputLength)
            {
                AppendToLast(data, records);
                return;
            }
        }

        var info = NewPayload(TransportPayloadKind.StreamData, TransportProtocol.Tcp, direction.Source, direction.Destination);
        info.StreamIndex = direction.StreamIndex;
        info.IsFromClient = direction.IsFromClient;
        info.GapBefore = direction.PendingGap;
        info.StreamStartMissing = direction.StartMissingPending;
        info.IsTruncated = truncated;
        info.RecordCount = records;
        direction.PendingGap = 0;
        direction.StartMissingPending = false;
        Enqueue(ref info, data);
    }

    // Stops waiting for holes: delivers everything held, each hole as a gap, with the frame of the segment delivered.
    private void FlushDirection(TcpDirection direction, string why)
    {
        if (direction.Held.Count == 0)
        {
            return;
        }

        var (frame, timestamp, hasTimestamp, interfaceIndex) = (_frameNumber, _timestamp, _hasTimestamp, _interfaceIndex);
        while (direction.Held.Count > 0)
        {
            var segment = direction.Held[0];
            (_frameNumber, _timestamp, _hasTimestamp, _interfaceIndex) =
                (segment.FrameNumber, segment.TimestampNanoseconds, segment.HasTimestamp, segment.InterfaceIndex);
            var distance = direction.Distance(segment.Sequence);
            if (distance > 0)
            {
                SkipGap(direction, distance, why);
            }

            DrainHeld(direction);
        }

        (_frameNumber, _timestamp, _hasTimestamp, _interfaceIndex) = (frame, timestamp, hasTimestamp, interfaceIndex);
    }

    private void CloseConnection(TcpConnection connection, string why)
    {
        FlushDirection(connection.ClientToServer, why);
        FlushDirection(connection.ServerToClient, why);
        _connections.Remove(connection.Key);
    }

    // At the connection cap, a connection that has ended (reset, or FIN both ways) makes room; live ones are kept.
    // A scan that found none is not repeated until some connection sees a FIN or RST: a flood of new connections
    // at the cap then costs one dictionary lookup per dropped segment, not a scan of every connection.
    private bool EvictClosedConnection()
    {
        if (_tcpEndings == _tcpEndingsAtFailedEviction)
        {
            return false;
        }

        TcpConnection? victim = null;
        foreach (var connection in _connections.Values)
        {
            if ((connection.ResetSeen || (connection.ClientToServer.FinSeen && connection.ServerToClient.FinSeen))
                && (victim is null || connection.LastSeen < victim.LastSeen))
            {
                victim = connection;
            }
        }

        if (victim is null)
        {
            _tcpEndingsAtFailedEviction = _tcpEndings;
            return false;
        }

        CloseConnection(victim, "closed connection evicted at MaxTcpStreams");
        return true;
    }

    private void ExpireTcpConnections(bool force)
    {
        if (_connections.Count == 0 || (!force && _now < _nextTcpSweep))
        {
            return;
        }

        var timeout = (long)_options.TcpIdleTimeout.TotalNanoseconds;
        _nextTcpSweep = _now + Math.Max(timeout / 4, 1);
        foreach (var connection in _connections.Values)
        {
            if (force || _now - connection.LastSeen > timeout)
            {
                CloseConnection(connection, force ? "end of capture" : "idle timeout");
            }
        }
    }

    private void ReleaseTcpConnections()
    {
        foreach (var connection in _connections.Values)
        {
            connection.ClientToServer.ReleaseHeld();
            connection.ServerToClient.ReleaseHeld();
        }

        _connections.Clear();
        _heldTotal = 0;
    }
}
