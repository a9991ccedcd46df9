using System.Buffers.Binary;

namespace SipReg.Pcap.Tests.Network;

/// <summary>Builds packet bytes by hand, field by field from the RFC layouts, independently of the decoder.</summary>
internal static class PacketBuilder
{
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;

    public static readonly byte[] ClientV4 = [192, 0, 2, 10];
    public static readonly byte[] ServerV4 = [198, 51, 100, 5];
    public static readonly byte[] ClientV6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
    public static readonly byte[] ServerV6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20];

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload, ushort checksum = 0)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), checksum);
        payload.CopyTo(udp.AsSpan(8));
        return udp;
    }

    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, ReadOnlySpan<byte> payload)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), acknowledgment);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp.AsSpan(20));
        return tcp;
    }

    public static byte[] IPv4(byte protocol, ReadOnlySpan<byte> payload, byte[]? source = null, byte[]? destination = null,
        ushort id = 0, int fragmentOffset = 0, bool moreFragments = false, byte[]? options = null, int? totalLength = null)
    {
        var optionLength = options?.Length ?? 0;
        var header = 20 + optionLength;
        var packet = new byte[header + payload.Length];
        packet[0] = (byte)(0x40 | (header / 4));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(totalLength ?? packet.Length));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)((moreFragments ? 0x2000 : 0) | (fragmentOffset / 8)));
        packet[8] = 64;
        packet[9] = protocol;
        (source ?? ClientV4).CopyTo(packet, 12);
        (destination ?? ServerV4).CopyTo(packet, 16);
        options?.CopyTo(packet, 20);
        payload.CopyTo(packet.AsSpan(header));
        return packet;
    }

    public static byte[] IPv6(byte nextHeader, ReadOnlySpan<byte> payload, byte[]? source = null, byte[]? destination = null)
    {
        var packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = 64;
        (source ?? ClientV6).CopyTo(packet, 8);
        (destination ?? ServerV6).CopyTo(packet, 24);
        payload.CopyTo(packet.AsSpan(40));
        return packet;
    }

    /// <summary>An 8-byte-multiple options extension header (hop-by-hop / destination options) padded with PadN.</summary>
    public static byte[] OptionsHeader(byte nextHeader, int units = 0)
    {
        var header = new byte[(units + 1) * 8];
        header[0] = nextHeader;
        header[1] = (byte)units;
        header[2] = 1; // PadN
        header[3] = (byte)(header.Length - 4);
        return header;
    }

    public static byte[] FragmentHeader(byte nextHeader, int offset, bool more, uint id)
    {
        var header = new byte[8];
        header[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(offset | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), id);
        return header;
    }

    public static byte[] Ethernet(ushort etherType, ReadOnlySpan<byte> payload, params ushort[] tagTypes)
    {
        var frame = new byte[14 + (4 * tagTypes.Length) + payload.Length];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[11] = 1;
        var offset = 12;
        foreach (var tag in tagTypes)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tag);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), 100);
            offset += 4;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        payload.CopyTo(frame.AsSpan(offset + 2));
        return frame;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Text(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
