using System.Buffers.Binary;

namespace SipReg.Fuzz;

/// <summary>
/// Where the IP header and the UDP/TCP payload of a captured frame are, found by looking for a self-consistent IPv4 or
/// IPv6 header in the first bytes (any link layer), so a payload can be replaced and the lengths fixed up.
/// </summary>
internal readonly record struct PacketLocation(int IpOffset, bool IsIPv6, int TransportOffset, bool IsUdp, int PayloadOffset, int PayloadEnd, bool IsDnsPort)
{
    public static PacketLocation? Find(ReadOnlySpan<byte> frame)
    {
        int limit = Math.Min(64, frame.Length - 20);
        for (int h = 0; h <= limit; h++)
        {
            int version = frame[h] >> 4;
            if (version == 4)
            {
                int ihl = (frame[h] & 0xF) * 4;
                if (ihl < 20 || h + ihl + 8 > frame.Length)
                {
                    continue;
                }

                int total = BinaryPrimitives.ReadUInt16BigEndian(frame[(h + 2)..]);
                int fragment = BinaryPrimitives.ReadUInt16BigEndian(frame[(h + 6)..]) & 0x3FFF;
                byte protocol = frame[h + 9];
                if (total < ihl + 8 || total > frame.Length - h || frame.Length - h - total > 64 || fragment != 0 || protocol is not (6 or 17))
                {
                    continue;
                }

                if (Transport(frame, h, false, h + ihl, protocol == 17, h + total) is { } v4)
                {
                    return v4;
                }
            }
            else if (version == 6 && h + 48 <= frame.Length)
            {
                int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(h + 4)..]);
                byte next = frame[h + 6];
                int end = h + 40 + payloadLength;
                if (payloadLength < 8 || end > frame.Length || frame.Length - end > 64 || next is not (6 or 17))
                {
                    continue;
                }

                if (Transport(frame, h, true, h + 40, next == 17, end) is { } v6)
                {
                    return v6;
                }
            }
        }

        return null;
    }

    private static PacketLocation? Transport(ReadOnlySpan<byte> frame, int ip, bool v6, int transport, bool udp, int end)
    {
        int payload;
        if (udp)
        {
            int udpLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(transport + 4)..]);
            if (udpLength != end - transport)
            {
                return null;
            }

            payload = transport + 8;
        }
        else
        {
            if (transport + 20 > end)
            {
                return null;
            }

            payload = transport + (frame[transport + 12] >> 4) * 4;
            if (payload < transport + 20 || payload > end)
            {
                return null;
            }
        }

        int source = BinaryPrimitives.ReadUInt16BigEndian(frame[transport..]);
        int destination = BinaryPrimitives.ReadUInt16BigEndian(frame[(transport + 2)..]);
        bool dns = source is 53 or 5353 or 5355 || destination is 53 or 5353 or 5355;
        return new PacketLocation(ip, v6, transport, udp, payload, end, dns);
    }

    /// <summary>The frame with its payload replaced; IP (and UDP) lengths and the IPv4 header checksum updated when asked.</summary>
    public byte[] Replace(byte[] frame, byte[] payload, bool fixLengths)
    {
        byte[] result = new byte[PayloadOffset + payload.Length];
        frame.AsSpan(0, PayloadOffset).CopyTo(result);
        payload.CopyTo(result.AsSpan(PayloadOffset));
        if (!fixLengths)
        {
            return result;
        }

        int ipLength = result.Length - IpOffset;
        if (IsIPv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(IpOffset + 4), (ushort)Math.Min(ushort.MaxValue, ipLength - 40));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(IpOffset + 2), (ushort)Math.Min(ushort.MaxValue, ipLength));
            int ihl = (result[IpOffset] & 0xF) * 4;
            result[IpOffset + 10] = 0;
            result[IpOffset + 11] = 0;
            uint sum = 0;
            for (int i = 0; i < ihl; i += 2)
            {
                sum += BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(IpOffset + i));
            }

            while (sum > 0xFFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(IpOffset + 10), (ushort)~sum);
        }

        if (IsUdp)
        {
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(TransportOffset + 4), (ushort)Math.Min(ushort.MaxValue, result.Length - TransportOffset));
            // A zero UDP checksum means "not computed" (RFC 768); the payload changed, so the old one is wrong.
            result[TransportOffset + 6] = 0;
            result[TransportOffset + 7] = 0;
        }

        return result;
    }
}
