using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using SipReg.Generator.Output;
using SipReg.Generator.Packets;

namespace SipReg.Generator;

/// <summary>
/// Captures built to exhaust a reader that has no limits: each is streamed to the output, and its size is a
/// parameter so tests can use small versions and soak runs big ones.
/// </summary>
/// <remarks>
/// Every method returns the counts of what it wrote (at least <see cref="GenerationCounts.Records"/>); hostile
/// captures carry no expected registration status.
/// </remarks>
public static class HostileCaptures
{
    /// <summary>The most pointers <see cref="DnsCompressionPointers"/> can write (RFC 1035 §4.1.4: offsets are 14 bits).</summary>
    public const int MaxDnsPointers = (0x3FFF - 12) / 2 + 1;

    private static readonly NetEndpoint s_server = NetEndpoint.Parse("198.51.100.10", 5060);

    /// <summary>
    /// <paramref name="streams"/> TCP connections to the registrar, each a SYN and one data segment holding the start of
    /// a REGISTER that never ends, from distinct addresses and ports (no handshake completes, nothing is closed).
    /// </summary>
    /// <param name="output">Where the capture goes; left open.</param>
    /// <param name="streams">Number of connections (two records each).</param>
    /// <param name="format">The container to write.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="streams"/> is negative or above 16,777,216.</exception>
    public static GenerationCounts ManyTinyTcpStreams(Stream output, int streams, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(streams);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(streams, 1 << 24);
        return Write(output, format, context =>
        {
            byte[] start = "REGISTER sip:sipreg.test SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK-flood\r\nMax-Forwards: 70\r\n"u8.ToArray();
            for (int i = 0; i < streams; i++)
            {
                var client = new NetEndpoint(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]), 1024 + (i % 60_000));
                uint isn = (uint)i * 2654435761u;
                context.Frame(context.Packets.Tcp(client, s_server, isn, 0, TcpFlags.Syn, []));
                context.Frame(context.Packets.Tcp(client, s_server, isn + 1, 1, TcpFlags.Psh | TcpFlags.Ack, start));
            }
        });
    }

    /// <summary>
    /// <paramref name="fragments"/> first fragments of UDP datagrams to port 5060 (more-fragments set, offset 0), each
    /// with its own identification and source, so no datagram can ever be reassembled.
    /// </summary>
    /// <param name="output">Where the capture goes; left open.</param>
    /// <param name="fragments">Number of fragments (one record each, about 1.5 kB).</param>
    /// <param name="format">The container to write.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fragments"/> is negative or above 16,777,216.</exception>
    public static GenerationCounts FragmentFlood(Stream output, int fragments, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fragments);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fragments, 1 << 24);
        return Write(output, format, context =>
        {
            byte[] data = new byte[1480];
            BinaryPrimitives.WriteUInt16BigEndian(data, 5060);
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), 5060);
            // The UDP length promises a 4000-byte datagram: the rest never comes.
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(4), 4000);
            "REGISTER sip:sipreg.test SIP/2.0\r\n"u8.CopyTo(data.AsSpan(8));
            data.AsSpan(42).Fill((byte)'x');
            for (int i = 0; i < fragments; i++)
            {
                var source = new IPAddress([10, (byte)(64 + (i >> 16 & 63)), (byte)(i >> 8), (byte)i]);
                context.Frame(context.Packets.IPv4Fragment(source, s_server.Address, 17, (ushort)(i * 40503), 0, moreFragments: true, data));
            }
        });
    }

    /// <summary>
    /// One TCP connection carrying a REGISTER whose last header never ends: <c>X-Grow: aaaa…</c> (or, when
    /// <paramref name="folded"/>, endless folded continuation lines) for <paramref name="bytes"/> bytes, with no blank line.
    /// </summary>
    /// <param name="output">Where the capture goes; left open.</param>
    /// <param name="bytes">How many bytes of header to send (10 MB is the classic size).</param>
    /// <param name="folded">Grow by obsolete line folding (RFC 3261 §7.3.1) instead of one long line.</param>
    /// <param name="format">The container to write.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public static GenerationCounts EndlessSipHeader(Stream output, long bytes, bool folded = false, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return Write(output, format, context =>
        {
            var connection = new TcpConnection(context, NetEndpoint.Parse("192.0.2.66", 50000), s_server, 1, 1_000_000);
            connection.Open();
            connection.SendUnacknowledged(true, "REGISTER sip:sipreg.test SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.66:50000;branch=z9hG4bK-grow\r\nX-Grow: "u8);
            byte[] chunk = new byte[1448];
            chunk.AsSpan().Fill((byte)'a');
            if (folded)
            {
                for (int i = 0; i + 3 <= chunk.Length; i += 72)
                {
                    chunk[i] = (byte)'\r';
                    chunk[i + 1] = (byte)'\n';
                    chunk[i + 2] = (byte)' ';
                }
            }

            for (long sent = 0; sent < bytes; sent += chunk.Length)
            {
                connection.SendUnacknowledged(true, chunk.AsSpan(0, (int)Math.Min(chunk.Length, bytes - sent)));
            }
        });
    }

    /// <summary>
    /// A UDP DNS response (from port 53) that is nothing but a 12-byte header and <paramref name="pointers"/>
    /// compression pointers, each pointing at the next and the last back at the first (a loop).
    /// </summary>
    /// <param name="output">Where the capture goes; left open.</param>
    /// <param name="pointers">Number of pointers (1 to 8,186: a pointer's 14-bit offset reaches only the first 16,384 bytes).</param>
    /// <param name="format">The container to write.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pointers"/> is out of range.</exception>
    public static GenerationCounts DnsCompressionPointers(Stream output, int pointers = 8_000, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pointers, MaxDnsPointers);
        return Write(output, format, context =>
        {
            byte[] message = new byte[12 + 2 * pointers];
            BinaryPrimitives.WriteUInt16BigEndian(message, 0xBADD);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), 0x8180);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), (ushort)Math.Min(pointers, ushort.MaxValue));
            for (int i = 0; i < pointers; i++)
            {
                int target = i + 1 < pointers ? 12 + 2 * (i + 1) : 12;
                BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(12 + 2 * i), (ushort)(0xC000 | target));
            }

            context.Udp(NetEndpoint.Parse("198.51.100.53", 53), NetEndpoint.Parse("192.0.2.10", 41000), message);
            context.Counts.AddDnsResponse("NOERROR");
        });
    }

    /// <summary>
    /// A pcapng file whose third block (an Enhanced Packet Block) says it is 0xFFFFFFF0 bytes long, followed by only
    /// <paramref name="trailingBytes"/> bytes.
    /// </summary>
    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="trailingBytes">Bytes after the lying block header (the file ends there).</param>
    /// <returns>What was written (no complete record).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trailingBytes"/> is negative.</exception>
    public static GenerationCounts PcapNgHugeBlockLength(Stream output, int trailingBytes = 4096)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(trailingBytes);
        byte[] head = new byte[CaptureFileSink.PcapNgPreambleLength + 8];
        CaptureFileSink.WritePcapNgPreamble(head, CaptureFileSink.LinkTypeEthernet);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(CaptureFileSink.PcapNgPreambleLength), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(CaptureFileSink.PcapNgPreambleLength + 4), 0xFFFF_FFF0);
        output.Write(head);
        byte[] filler = new byte[Math.Min(trailingBytes, 1 << 16)];
        filler.AsSpan().Fill(0x5A);
        for (int written = 0; written < trailingBytes; written += filler.Length)
        {
            output.Write(filler, 0, Math.Min(filler.Length, trailingBytes - written));
        }

        output.Flush();
        return new GenerationCounts { CaptureBytes = head.Length + (long)trailingBytes };
    }

    /// <summary>
    /// A gzip file holding a valid pcap of <paramref name="uncompressedBytes"/> (rounded up to whole records) made of
    /// identical all-zero 65,535-byte frames: it expands about a thousandfold.
    /// </summary>
    /// <param name="output">Where the gzip file goes; left open.</param>
    /// <param name="uncompressedBytes">Size of the pcap inside.</param>
    /// <returns>What is inside (<see cref="GenerationCounts.CaptureBytes"/> is the uncompressed size).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uncompressedBytes"/> is negative.</exception>
    public static GenerationCounts GzipBomb(Stream output, long uncompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(uncompressedBytes);
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        var sink = new CaptureFileSink(gzip, CaptureFileFormat.Pcap);
        var counts = new GenerationCounts();
        byte[] frame = new byte[65_535];
        long size = 24;
        while (size < uncompressedBytes)
        {
            sink.Write(CaptureContext.DefaultStartNanoseconds, frame);
            size += 16 + frame.Length;
            counts.Records++;
        }

        sink.Flush();
        counts.CaptureBytes = size;
        return counts;
    }

    /// <summary>
    /// Two UDP REGISTERs: one with <c>Content-Length: 0</c> followed by 200 bytes of body anyway, and one with
    /// <c>Content-Length: 4294967295</c> and a short body (RFC 3261 §18.3: a datagram shorter than its Content-Length is
    /// discarded).
    /// </summary>
    /// <param name="output">Where the capture goes; left open.</param>
    /// <param name="format">The container to write.</param>
    /// <returns>What was written.</returns>
    public static GenerationCounts SipContentLengthExtremes(Stream output, CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        Write(output, format, context =>
        {
            NetEndpoint ua = NetEndpoint.Parse("192.0.2.10", 5060);
            foreach (string length in new[] { "0", "4294967295" })
            {
                string message = "REGISTER sip:sipreg.test SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bK-cl" + length + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:alice@sipreg.test>;tag=cl" + length + "\r\nTo: <sip:alice@sipreg.test>\r\n"
                    + "Call-ID: content-length-" + length + "@192.0.2.10\r\nCSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:alice@192.0.2.10:5060>\r\nExpires: 3600\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: " + length + "\r\n\r\n" + new string('v', 200);
                context.Udp(ua, s_server, System.Text.Encoding.ASCII.GetBytes(message));
                context.AdvanceMilliseconds(10);
            }
        });

    /// <summary>A REGISTER over TCP with <paramref name="headers"/> tiny headers (<c>X-N: y</c>) before its blank line.</summary>
    /// <param name="output">Where the capture goes; left open.</param>
    /// <param name="headers">Number of extra headers (100,000 is the classic size).</param>
    /// <param name="format">The container to write.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="headers"/> is negative.</exception>
    public static GenerationCounts HeaderBomb(Stream output, int headers = 100_000, CaptureFileFormat format = CaptureFileFormat.Pcap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headers);
        return Write(output, format, context =>
        {
            var connection = new TcpConnection(context, NetEndpoint.Parse("192.0.2.77", 50001), s_server, 7, 70_000);
            connection.Open();
            var text = new Sip.ByteWriter(1 << 16);
            text.Raw("REGISTER sip:sipreg.test SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.77:50001;branch=z9hG4bK-bomb\r\n"u8);
            for (int i = 0; i < headers; i++)
            {
                text.Raw("X-"u8).Number(i % 10).Raw(": y\r\n"u8);
                if (text.Length > 1448)
                {
                    connection.SendUnacknowledged(true, text.WrittenSpan[..1448]);
                    byte[] rest = text.WrittenSpan[1448..].ToArray();
                    text.Clear();
                    text.Raw(rest);
                }
            }

            text.Raw("Content-Length: 0\r\n\r\n"u8);
            for (int offset = 0; offset < text.Length; offset += 1448)
            {
                connection.SendUnacknowledged(true, text.WrittenSpan.Slice(offset, Math.Min(1448, text.Length - offset)));
            }

            context.Counts.SipRequests++;
            context.Counts.AddRequest("REGISTER");
        });
    }

    private static GenerationCounts Write(Stream output, CaptureFileFormat format, Action<CaptureContext> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        long start = output.CanSeek ? output.Position : 0;
        using var sink = new CaptureWriterSink(output, format);
        var context = new CaptureContext(sink, CaptureContext.DefaultStartNanoseconds);
        body(context);
        sink.Dispose();
        context.Counts.CaptureBytes = output.CanSeek ? output.Position - start : 0;
        return context.Counts;
    }
}
