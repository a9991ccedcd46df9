using System.Buffers.Binary;
using System.Text;

namespace SipReg.Generator.Tests;

/// <summary>
/// A deliberately separate reading of what the generator writes (its own pcap/pcapng parsing, checksum and SIP start
/// line counting), so the tests do not check the generator with its own code.
/// </summary>
internal static class IndependentReader
{
    public static List<(long Time, byte[] Frame)> ReadRecords(byte[] file)
    {
        var records = new List<(long, byte[])>();
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        if (magic is 0xA1B2C3D4 or 0xA1B23C4D)
        {
            bool nano = magic == 0xA1B23C4D;
            int offset = 24;
            while (offset < file.Length)
            {
                uint seconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
                uint fraction = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
                int captured = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 8));
                int original = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 12));
                Assert.Equal(captured, original);
                records.Add((seconds * 1_000_000_000L + (nano ? fraction : fraction * 1000L), file.AsSpan(offset + 16, captured).ToArray()));
                offset += 16 + captured;
            }

            Assert.Equal(file.Length, offset);
            return records;
        }

        Assert.Equal(0x0A0D0D0Au, magic);
        int position = 0;
        while (position < file.Length)
        {
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position));
            int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 4));
            Assert.Equal(0, length % 4);
            Assert.Equal(length, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + length - 4)));
            if (type == 6)
            {
                ulong high = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 12));
                ulong low = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 16));
                int captured = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 20));
                // The generator's interfaces are nanosecond ones (if_tsresol = 9).
                records.Add(((long)(high << 32 | low), file.AsSpan(position + 28, captured).ToArray()));
            }

            position += length;
        }

        Assert.Equal(file.Length, position);
        return records;
    }

    /// <summary>Parsed transport view of one frame, after checking every length and checksum.</summary>
    public sealed record Packet(string Protocol, string Source, string Destination, int SourcePort, int DestinationPort, byte[] Payload,
        uint Sequence = 0, byte TcpFlags = 0, uint Acknowledgment = 0);

    public static Packet Check(byte[] frame)
    {
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12));
        byte[] ip = frame[14..];
        byte protocol;
        byte[] body;
        byte[] pseudo;
        string source;
        string destination;
        if (etherType == 0x0800)
        {
            Assert.Equal(0x45, ip[0]);
            Assert.Equal(ip.Length, BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(2)));
            Assert.Equal(0, Fold(Sum(ip.AsSpan(0, 20))));
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(6)) & 0x3FFF);
            protocol = ip[9];
            body = ip[20..];
            source = new System.Net.IPAddress(ip.AsSpan(12, 4)).ToString();
            destination = new System.Net.IPAddress(ip.AsSpan(16, 4)).ToString();
            pseudo = [.. ip.AsSpan(12, 8), 0, protocol, (byte)(body.Length >> 8), (byte)body.Length];
        }
        else
        {
            Assert.Equal(0x86DD, etherType);
            Assert.Equal(6, ip[0] >> 4);
            Assert.Equal(ip.Length - 40, BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(4)));
            protocol = ip[6];
            body = ip[40..];
            source = new System.Net.IPAddress(ip.AsSpan(8, 16)).ToString();
            destination = new System.Net.IPAddress(ip.AsSpan(24, 16)).ToString();
            pseudo = [.. ip.AsSpan(8, 32), 0, 0, (byte)(body.Length >> 8), (byte)body.Length, 0, 0, 0, protocol];
        }

        switch (protocol)
        {
            case 17:
                Assert.Equal(body.Length, BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(4)));
                Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(6)));
                Assert.Equal(0, Fold(Sum(pseudo) + Sum(body)));
                return new Packet("udp", source, destination, BinaryPrimitives.ReadUInt16BigEndian(body), BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(2)),
                    body[8..]);
            case 6:
                int headerLength = (body[12] >> 4) * 4;
                Assert.InRange(headerLength, 20, 60);
                Assert.Equal(0, Fold(Sum(pseudo) + Sum(body)));
                return new Packet("tcp", source, destination, BinaryPrimitives.ReadUInt16BigEndian(body), BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(2)),
                    body[headerLength..], BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4)), body[13], BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8)));
            case 1:
                Assert.Equal(0, Fold(Sum(body)));
                return new Packet("icmp", source, destination, 0, 0, body);
            default:
                throw new Xunit.Sdk.XunitException("unexpected protocol " + protocol);
        }
    }

    private static long Sum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += data[i] << 8 | data[i + 1];
        }

        if (data.Length % 2 == 1)
        {
            sum += data[^1] << 8;
        }

        return sum;
    }

    /// <summary>0 when the data (checksum included) sums to all ones.</summary>
    private static int Fold(long sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (int)(~sum & 0xFFFF);
    }

    /// <summary>SIP messages in a buffer of whole messages: start lines at message starts, following Content-Length.</summary>
    public static List<string> SipStartLines(byte[] data)
    {
        var lines = new List<string>();
        string text = Encoding.Latin1.GetString(data);
        int position = 0;
        while (position < text.Length)
        {
            if (text[position] is '\r' or '\n')
            {
                position++;
                continue;
            }

            int end = text.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            string head = text[position..end];
            lines.Add(head[..head.IndexOf("\r\n", StringComparison.Ordinal)]);
            int lengthAt = head.IndexOf("\r\nContent-Length: ", StringComparison.Ordinal);
            int bodyLength = 0;
            if (lengthAt >= 0)
            {
                int lineEnd = head.IndexOf("\r\n", lengthAt + 2, StringComparison.Ordinal);
                string value = lineEnd < 0 ? head[(lengthAt + 18)..] : head[(lengthAt + 18)..lineEnd];
                bodyLength = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }

            position = end + 4 + bodyLength;
        }

        return lines;
    }
}
