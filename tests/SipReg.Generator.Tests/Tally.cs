namespace SipReg.Generator.Tests;

/// <summary>What the independent reader found in a capture.</summary>
internal sealed class Tally
{
    public long Records { get; set; }

    public long SipRequests { get; set; }

    public long SipResponses { get; set; }

    public long SipBytes { get; set; }

    public long KeepAlives { get; set; }

    public long DnsQueries { get; set; }

    public long DnsResponses { get; set; }

    public long Icmp { get; set; }

    public SortedDictionary<string, long> Methods { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, long> Statuses { get; } = [];

    public List<int> MessageSizes { get; } = [];

    public long LastTime { get; set; }

    public bool InOrder { get; set; } = true;

    /// <summary>TCP segments whose data did not start where the direction's bytes so far ended (RFC 9293 §3.4).</summary>
    public long SegmentsOutOfSequence { get; set; }

    /// <summary>TCP segments that acknowledge bytes the other direction had not sent yet in capture order.</summary>
    public long AcksOfUnsentData { get; set; }

    /// <summary>Checks every frame and counts SIP (UDP datagrams and per-direction TCP streams), DNS and keep-alives.</summary>
    public static Tally Of(byte[] file)
    {
        var tally = new Tally();
        var streams = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        var nextSequence = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach ((long time, byte[] frame) in IndependentReader.ReadRecords(file))
        {
            tally.Records++;
            if (time < tally.LastTime)
            {
                tally.InOrder = false;
            }

            tally.LastTime = time;
            IndependentReader.Packet packet = IndependentReader.Check(frame);
            if (packet.Protocol == "icmp")
            {
                tally.Icmp++;
                continue;
            }

            if (packet.SourcePort == 53 || packet.DestinationPort == 53)
            {
                if (packet.Protocol == "udp")
                {
                    if ((packet.Payload[2] & 0x80) != 0)
                    {
                        tally.DnsResponses++;
                    }
                    else
                    {
                        tally.DnsQueries++;
                    }
                }

                continue;
            }

            if (packet.Protocol == "tcp")
            {
                tally.CheckSequence(packet, nextSequence);
                // CRLF pings travel in their own segments; a single CRLF is the registrar's pong (RFC 5626 §4.4.1).
                if (packet.Payload.AsSpan().SequenceEqual("\r\n\r\n"u8))
                {
                    tally.KeepAlives++;
                    continue;
                }

                if (packet.Payload.AsSpan().SequenceEqual("\r\n"u8))
                {
                    continue;
                }

                string key = packet.Source + ":" + packet.SourcePort + ">" + packet.Destination + ":" + packet.DestinationPort;
                if (!streams.TryGetValue(key, out MemoryStream? stream))
                {
                    streams[key] = stream = new MemoryStream();
                }

                stream.Write(packet.Payload);
                continue;
            }

            if (packet.Payload.AsSpan().SequenceEqual("\r\n\r\n"u8))
            {
                tally.KeepAlives++;
                continue;
            }

            tally.Add(packet.Payload);
        }

        foreach (MemoryStream stream in streams.Values)
        {
            byte[] data = stream.ToArray();
            if (data.Length > 0 && data[0] != 0x16 && data[0] != 0x17 && data[0] != 0x14)
            {
                tally.Add(data);
            }
        }

        return tally;
    }

    /// <summary>
    /// Each direction's bytes must follow on in sequence space as they follow in time, and an ACK may only cover what
    /// the other direction has already sent (RFC 9293 §3.4): a capture where they do not is not one a wire can give.
    /// </summary>
    private void CheckSequence(IndependentReader.Packet packet, Dictionary<string, uint> nextSequence)
    {
        string key = packet.Source + ":" + packet.SourcePort + ">" + packet.Destination + ":" + packet.DestinationPort;
        string reverse = packet.Destination + ":" + packet.DestinationPort + ">" + packet.Source + ":" + packet.SourcePort;
        bool syn = (packet.TcpFlags & 0x02) != 0;
        bool ack = (packet.TcpFlags & 0x10) != 0;
        if (syn)
        {
            nextSequence[key] = packet.Sequence + 1;
        }
        else if (nextSequence.TryGetValue(key, out uint next))
        {
            if (packet.Payload.Length > 0 && packet.Sequence != next)
            {
                SegmentsOutOfSequence++;
            }

            nextSequence[key] = packet.Sequence + (uint)packet.Payload.Length;
        }

        if (ack && nextSequence.TryGetValue(reverse, out uint sent) && (int)(packet.Acknowledgment - sent) > 0)
        {
            AcksOfUnsentData++;
        }
    }

    private void Add(byte[] payload)
    {
        List<string> lines = IndependentReader.SipStartLines(payload);
        if (lines.Count == 1)
        {
            MessageSizes.Add(payload.Length);
        }

        SipBytes += payload.Length;
        foreach (string line in lines)
        {
            if (line.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
            {
                SipResponses++;
                int status = int.Parse(line.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture);
                Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
            }
            else
            {
                Assert.EndsWith(" SIP/2.0", line, StringComparison.Ordinal);
                SipRequests++;
                string method = line[..line.IndexOf(' ', StringComparison.Ordinal)];
                Methods[method] = Methods.GetValueOrDefault(method) + 1;
            }
        }
    }
}
