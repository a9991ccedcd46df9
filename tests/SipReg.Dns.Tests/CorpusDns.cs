using SipReg.Testing;
using SipReg.Pcap;

namespace SipReg.Dns.Tests;

/// <summary>One DNS-format message found in a corpus capture.</summary>
public sealed record CorpusDnsMessage(long Frame, TransportProtocol Protocol, int SourcePort, int DestinationPort, byte[] Bytes, bool FromIcmp, bool CutBySnaplen)
{
    public DnsFlavor Flavor => DnsPorts.GetFlavor(SourcePort, DestinationPort);
}

/// <summary>
/// Reads the DNS messages of a capture through SipReg.Pcap: UDP datagrams on 53/5353/5355, TCP streams on 53 framed
/// by <see cref="DnsTcpFramer"/> (one buffer per stream direction, dropped on a gap), ICMP-quoted datagrams marked.
/// </summary>
public static class CorpusDns
{
    public static async Task<List<CorpusDnsMessage>> ReadAsync(string relativePath)
    {
        var messages = new List<CorpusDnsMessage>();
        var streams = new Dictionary<(long, bool), List<byte>>();
        await using var reader = CaptureReader.Open(Corpus.PathOf(relativePath));
        using var decoder = new PacketDecoder(new PacketDecoderOptions());
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out CapturePacket packet))
            {
                decoder.Decode(packet);
                Drain(decoder, messages, streams);
            }
        }

        decoder.Complete();
        Drain(decoder, messages, streams);
        return messages;
    }

    private static void Drain(PacketDecoder decoder, List<CorpusDnsMessage> messages, Dictionary<(long, bool), List<byte>> streams)
    {
        while (decoder.TryReadPayload(out TransportPayload payload))
        {
            int sport = payload.Source.Port;
            int dport = payload.Destination.Port;
            if (DnsPorts.GetFlavor(sport, dport) == DnsFlavor.Unknown)
            {
                continue;
            }

            if (payload.Kind == TransportPayloadKind.IcmpError)
            {
                messages.Add(new CorpusDnsMessage(payload.FrameNumber, payload.Protocol, sport, dport, payload.Data.ToArray(), true, payload.IsTruncated));
            }
            else if (payload.Kind == TransportPayloadKind.Datagram)
            {
                messages.Add(new CorpusDnsMessage(payload.FrameNumber, payload.Protocol, sport, dport, payload.Data.ToArray(), false, payload.IsTruncated));
            }
            else
            {
                var key = (payload.StreamIndex, payload.IsFromClient);
                if (!streams.TryGetValue(key, out var buffer))
                {
                    streams[key] = buffer = [];
                }

                if (payload.GapBefore > 0)
                {
                    buffer.Clear();
                }

                buffer.AddRange(payload.Data.ToArray());
                byte[] pending = [.. buffer];
                int offset = 0;
                while (DnsTcpFramer.TryReadMessage(pending.AsSpan(offset), out var message, out int consumed))
                {
                    messages.Add(new CorpusDnsMessage(payload.FrameNumber, payload.Protocol, sport, dport, message.ToArray(), false, false));
                    offset += consumed;
                }

                buffer.RemoveRange(0, offset);
            }
        }
    }
}
