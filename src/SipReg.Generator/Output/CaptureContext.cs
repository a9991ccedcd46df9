using System.Net;
using SipReg.Generator.Dns;
using SipReg.Generator.Packets;
using SipReg.Generator.Sip;

namespace SipReg.Generator.Output;

/// <summary>
/// A clock, a packet builder, a sink and the counts, shared by the pieces of one generated capture. Frames are written
/// at <see cref="Now"/>, which only moves forward.
/// </summary>
internal sealed class CaptureContext(IPacketSink sink, long startNanoseconds, ulong seed = 1)
{
    /// <summary>2026-11-21T05:00:00Z, the default start of generated captures.</summary>
    public const long DefaultStartNanoseconds = 1_795_237_200_000_000_000;

    private SplitMix64 _random = new(seed);

    public PacketBuilder Packets { get; } = new();

    public IPacketSink Sink { get; } = sink;

    public ByteWriter Text { get; } = new();

    public GenerationCounts Counts { get; } = new();

    public long Now { get; private set; } = startNanoseconds;

    /// <summary>Addresses-of-record of the user agents in the capture, in order of appearance.</summary>
    public List<string> UserAgents { get; } = [];

    public ulong NextRandom() => _random.NextUInt64();

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    public void AdvanceMilliseconds(double milliseconds) => Now += (long)(milliseconds * 1_000_000);

    public void AdvanceSeconds(double seconds) => Now += (long)(seconds * 1_000_000_000);

    /// <summary>Writes a frame at <see cref="Now"/> and moves the clock by a few microseconds so frames stay ordered.</summary>
    public void Frame(ReadOnlySpan<byte> frame)
    {
        Sink.Write(Now, frame);
        Counts.Records++;
        Now += 7_000;
    }

    /// <returns>The frame written (valid until the next packet is built).</returns>
    public ReadOnlySpan<byte> Udp(NetEndpoint from, NetEndpoint to, ReadOnlySpan<byte> payload)
    {
        ReadOnlySpan<byte> frame = Packets.Udp(from, to, payload);
        Frame(frame);
        return frame;
    }

    /// <summary>Counts one SIP message by its start line.</summary>
    public void CountSip(ReadOnlySpan<byte> message, bool retransmission = false) => Counts.CountSip(message, retransmission);

    /// <summary>Sends a DNS query over UDP and counts it.</summary>
    public void DnsQuery(NetEndpoint client, NetEndpoint server, DnsMessageBuilder query)
    {
        Udp(client, server, query.ToArray());
        Counts.DnsQueries++;
    }

    /// <summary>Sends a DNS response over UDP and counts it by rcode.</summary>
    public void DnsResponse(NetEndpoint server, NetEndpoint client, DnsMessageBuilder response, DnsRcode rcode)
    {
        Udp(server, client, response.ToArray());
        Counts.AddDnsResponse(RcodeName(rcode));
    }

    public static string RcodeName(DnsRcode rcode) => rcode switch
    {
        DnsRcode.NoError => "NOERROR",
        DnsRcode.FormErr => "FORMERR",
        DnsRcode.ServFail => "SERVFAIL",
        DnsRcode.NxDomain => "NXDOMAIN",
        DnsRcode.NotImp => "NOTIMP",
        DnsRcode.Refused => "REFUSED",
        _ => "RCODE" + ((int)rcode).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An ICMP port unreachable for the last frame sent to a closed port.</summary>
    public void IcmpPortUnreachable(IPAddress from, IPAddress to, ReadOnlySpan<byte> offendingFrame)
    {
        byte[] quoted = PacketBuilder.IpPacketOf(offendingFrame).ToArray();
        Frame(Packets.IcmpPortUnreachable(from, to, quoted));
        Counts.IcmpErrors++;
    }
}

/// <summary>A TCP connection between a client and a server, tracking sequence numbers (RFC 9293).</summary>
internal sealed class TcpConnection(CaptureContext context, NetEndpoint client, NetEndpoint server, uint clientIsn, uint serverIsn)
{
    private uint _clientNext = clientIsn;
    private uint _serverNext = serverIsn;

    public NetEndpoint Client { get; } = client;

    public NetEndpoint Server { get; } = server;

    /// <summary>Segments written so far.</summary>
    public int Segments { get; private set; }

    /// <summary>The three-way handshake.</summary>
    public void Open()
    {
        Segment(fromClient: true, TcpFlags.Syn, []);
        _clientNext++;
        context.AdvanceMilliseconds(0.1);
        Segment(fromClient: false, TcpFlags.Syn | TcpFlags.Ack, []);
        _serverNext++;
        context.AdvanceMilliseconds(0.1);
        Segment(fromClient: true, TcpFlags.Ack, []);
    }

    /// <summary>Sends <paramref name="data"/> in segments of at most <paramref name="segmentSize"/> bytes, then the peer's ACK.</summary>
    public void Send(bool fromClient, ReadOnlySpan<byte> data, int segmentSize = 1448)
    {
        for (int offset = 0; offset < data.Length; offset += segmentSize)
        {
            ReadOnlySpan<byte> chunk = data.Slice(offset, Math.Min(segmentSize, data.Length - offset));
            Segment(fromClient, TcpFlags.Psh | TcpFlags.Ack, chunk);
            if (fromClient)
            {
                _clientNext += (uint)chunk.Length;
            }
            else
            {
                _serverNext += (uint)chunk.Length;
            }

            context.AdvanceMilliseconds(0.05);
        }

        Segment(!fromClient, TcpFlags.Ack, []);
    }

    /// <summary>Sends data segments without the peer acknowledging them (for floods).</summary>
    public void SendUnacknowledged(bool fromClient, ReadOnlySpan<byte> chunk)
    {
        Segment(fromClient, TcpFlags.Psh | TcpFlags.Ack, chunk);
        if (fromClient)
        {
            _clientNext += (uint)chunk.Length;
        }
        else
        {
            _serverNext += (uint)chunk.Length;
        }
    }

    /// <summary>FIN from the client, FIN-ACK from the server, final ACK.</summary>
    public void Close()
    {
        Segment(fromClient: true, TcpFlags.Fin | TcpFlags.Ack, []);
        _clientNext++;
        Segment(fromClient: false, TcpFlags.Fin | TcpFlags.Ack, []);
        _serverNext++;
        Segment(fromClient: true, TcpFlags.Ack, []);
    }

    private void Segment(bool fromClient, TcpFlags flags, ReadOnlySpan<byte> payload)
    {
        ReadOnlySpan<byte> frame = fromClient
            ? context.Packets.Tcp(Client, Server, _clientNext, _serverNext, flags, payload)
            : context.Packets.Tcp(Server, Client, _serverNext, _clientNext, flags, payload);
        context.Frame(frame);
        Segments++;
    }
}
