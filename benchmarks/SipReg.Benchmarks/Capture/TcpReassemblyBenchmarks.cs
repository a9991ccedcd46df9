using System.Net;
using BenchmarkDotNet.Attributes;
using SipReg.Benchmarks.Infrastructure;
using SipReg.Benchmarks.Sip;
using SipReg.Generator.Output;
using SipReg.Generator.Packets;
using SipReg.Pcap;
using TcpConnection = SipReg.Generator.Output.TcpConnection;

namespace SipReg.Benchmarks.Capture;

/// <summary>
/// <see cref="PacketDecoder"/> over the same 10,000 registration messages (REGISTER, 401, REGISTER, 200 OK with
/// several Contacts, 680-860 bytes) sent by 20 user agents: as UDP datagrams (the baseline), over TCP in order with
/// each message cut into 400-byte segments, and over TCP with the first two segments of every message swapped.
/// Frames are prebuilt in memory (Ethernet/IPv4, generator's packet builder with real checksums).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class TcpReassemblyBenchmarks : IThroughputWorkload
{
    private const int Connections = 20;
    private const int MessagesPerConnection = 500;
    private const int SegmentSize = 400;

    private byte[][] _udp = [];
    private byte[][] _tcp = [];
    private byte[][] _tcpReordered = [];
    private long _payloadBytes;

    public static int Messages => Connections * MessagesPerConnection;

    [GlobalSetup]
    public void Prepare()
    {
        byte[][] messages = [SipSamples.Get("REGISTER"), SipSamples.Get("401"), SipSamples.Get("REGISTER"), SipSamples.Get("200 OK")];
        var server = new NetEndpoint(IPAddress.Parse("198.51.100.10"), 5060);
        var clients = Enumerable.Range(0, Connections).Select(i => new NetEndpoint(IPAddress.Parse("203.0.113." + (i + 1)), 40000 + i)).ToArray();

        var udpSink = new RecordingSink();
        var udp = new CaptureContext(udpSink, CaptureContext.DefaultStartNanoseconds);
        var tcpSink = new RecordingSink();
        var tcp = new CaptureContext(tcpSink, CaptureContext.DefaultStartNanoseconds);
        var connections = clients.Select((c, i) => new TcpConnection(tcp, c, server, (uint)(1000 + i * 7919), (uint)(5000 + i * 104729))).ToArray();
        foreach (var connection in connections)
        {
            connection.Open();
        }

        var swaps = new List<int>();
        _payloadBytes = 0;
        for (int round = 0; round < MessagesPerConnection; round++)
        {
            for (int c = 0; c < Connections; c++)
            {
                var message = messages[round % messages.Length];
                bool fromClient = round % 2 == 0;
                _payloadBytes += message.Length;
                udp.Udp(fromClient ? clients[c] : server, fromClient ? server : clients[c], message);
                int before = tcpSink.Records.Count;
                connections[c].Send(fromClient, message, SegmentSize);
                if (tcpSink.Records.Count - before >= 3)
                {
                    swaps.Add(before);
                }
            }
        }

        foreach (var connection in connections)
        {
            connection.Close();
        }

        _udp = [.. udpSink.Records.Select(r => r.Frame)];
        _tcp = [.. tcpSink.Records.Select(r => r.Frame)];
        _tcpReordered = [.. _tcp];
        foreach (int at in swaps)
        {
            (_tcpReordered[at], _tcpReordered[at + 1]) = (_tcpReordered[at + 1], _tcpReordered[at]);
        }
    }

    public Workload GetWorkload(string benchmarkMethod) => new(_payloadBytes, Messages);

    [Benchmark(Baseline = true, Description = "UDP datagrams")]
    public long Udp() => Decode(_udp);

    [Benchmark(Description = "TCP in order")]
    public long TcpInOrder() => Decode(_tcp);

    [Benchmark(Description = "TCP, segments reordered")]
    public long TcpReordered() => Decode(_tcpReordered);

    private static long Decode(byte[][] frames)
    {
        using var decoder = new PacketDecoder();
        long bytes = 0;
        long time = 1_795_237_200_000_000_000;
        for (int i = 0; i < frames.Length; i++)
        {
            var frame = frames[i];
            decoder.Decode(new CapturePacket(i + 1, time + i * 1000L, true, 0, LinkType.Ethernet, frame.Length, 0, frame));
            while (decoder.TryReadPayload(out var payload))
            {
                bytes += payload.Data.Length;
            }
        }

        decoder.Complete();
        while (decoder.TryReadPayload(out var payload))
        {
            bytes += payload.Data.Length;
        }

        return bytes;
    }
}
