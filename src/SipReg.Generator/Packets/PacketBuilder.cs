using System.Buffers.Binary;
using System.Net;

namespace SipReg.Generator.Packets;

/// <summary>TCP header flags (RFC 9293 §3.1).</summary>
[Flags]
internal enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}

/// <summary>
/// Builds Ethernet II frames carrying IPv4 or IPv6 with UDP, TCP or ICMP, with correct lengths and checksums, into one
/// reusable buffer. A returned span is valid until the next call.
/// </summary>
internal sealed class PacketBuilder
{
    public const int EthernetHeaderLength = 14;
    public const int IPv4HeaderLength = 20;
    public const int IPv6HeaderLength = 40;
    public const int UdpHeaderLength = 8;
    public const int TcpHeaderLength = 20;
    public const int MaxFrameLength = EthernetHeaderLength + IPv6HeaderLength + 65_535;

    private const byte ProtocolIcmp = 1;
    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;

    private readonly byte[] _buffer = new byte[MaxFrameLength];
    private ushort _ipId = 0x1000;

    /// <summary>A UDP datagram in one frame.</summary>
    public ReadOnlySpan<byte> Udp(NetEndpoint source, NetEndpoint destination, ReadOnlySpan<byte> payload)
    {
        int ipHeader = WriteIpHeaders(source.Address, destination.Address, ProtocolUdp, UdpHeaderLength + payload.Length, dontFragment: false);
        Span<byte> udp = _buffer.AsSpan(EthernetHeaderLength + ipHeader, UdpHeaderLength + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udp.Length);
        udp[6] = 0;
        udp[7] = 0;
        payload.CopyTo(udp[UdpHeaderLength..]);
        ushort checksum = TransportChecksum(source.Address, destination.Address, ProtocolUdp, udp);
        // RFC 768: a computed checksum of zero is sent as all ones.
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return _buffer.AsSpan(0, EthernetHeaderLength + ipHeader + udp.Length);
    }

    /// <summary>A TCP segment in one frame; SYN segments carry an MSS option.</summary>
    public ReadOnlySpan<byte> Tcp(NetEndpoint source, NetEndpoint destination, uint sequence, uint acknowledgment, TcpFlags flags,
        ReadOnlySpan<byte> payload, ushort window = 64_240)
    {
        int headerLength = (flags & TcpFlags.Syn) != 0 ? TcpHeaderLength + 4 : TcpHeaderLength;
        int ipHeader = WriteIpHeaders(source.Address, destination.Address, ProtocolTcp, headerLength + payload.Length, dontFragment: true);
        Span<byte> tcp = _buffer.AsSpan(EthernetHeaderLength + ipHeader, headerLength + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & TcpFlags.Ack) != 0 ? acknowledgment : 0);
        tcp[12] = (byte)(headerLength / 4 << 4);
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], window);
        tcp[16] = 0;
        tcp[17] = 0;
        tcp[18] = 0;
        tcp[19] = 0;
        if (headerLength > TcpHeaderLength)
        {
            // MSS option: kind 2, length 4.
            tcp[20] = 2;
            tcp[21] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], (ushort)(source.IsIPv6 ? 1440 : 1460));
        }

        payload.CopyTo(tcp[headerLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], TransportChecksum(source.Address, destination.Address, ProtocolTcp, tcp));
        return _buffer.AsSpan(0, EthernetHeaderLength + ipHeader + tcp.Length);
    }

    /// <summary>
    /// An ICMPv4 destination unreachable / port unreachable (type 3 code 3) from <paramref name="source"/> quoting
    /// <paramref name="offendingIpPacket"/> (RFC 792: its IP header and at least 8 bytes of its data; Linux quotes more).
    /// </summary>
    public ReadOnlySpan<byte> IcmpPortUnreachable(IPAddress source, IPAddress destination, ReadOnlySpan<byte> offendingIpPacket)
    {
        int quoted = Math.Min(offendingIpPacket.Length, 576 - IPv4HeaderLength - 8);
        int ipHeader = WriteIpHeaders(source, destination, ProtocolIcmp, 8 + quoted, dontFragment: false);
        Span<byte> icmp = _buffer.AsSpan(EthernetHeaderLength + ipHeader, 8 + quoted);
        icmp[0] = 3;
        icmp[1] = 3;
        icmp[2..8].Clear();
        offendingIpPacket[..quoted].CopyTo(icmp[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));
        return _buffer.AsSpan(0, EthernetHeaderLength + ipHeader + icmp.Length);
    }

    /// <summary>
    /// One IPv4 fragment: <paramref name="fragmentData"/> is the slice of the original IP payload that starts at
    /// <paramref name="fragmentOffsetBytes"/> (a multiple of 8, RFC 791).
    /// </summary>
    public ReadOnlySpan<byte> IPv4Fragment(IPAddress source, IPAddress destination, byte protocol, ushort identification,
        int fragmentOffsetBytes, bool moreFragments, ReadOnlySpan<byte> fragmentData)
    {
        WriteEthernet(source, destination);
        Span<byte> ip = _buffer.AsSpan(EthernetHeaderLength, IPv4HeaderLength + fragmentData.Length);
        WriteIPv4Header(ip, source, destination, protocol, fragmentData.Length, identification,
            (ushort)((moreFragments ? 0x2000 : 0) | (fragmentOffsetBytes / 8)));
        fragmentData.CopyTo(ip[IPv4HeaderLength..]);
        return _buffer.AsSpan(0, EthernetHeaderLength + ip.Length);
    }

    /// <summary>The UDP checksum of a whole datagram (header with zero checksum plus payload), for building fragments.</summary>
    public static ushort UdpChecksum(IPAddress source, IPAddress destination, ReadOnlySpan<byte> udpWithZeroChecksum)
    {
        ushort checksum = TransportChecksum(source, destination, ProtocolUdp, udpWithZeroChecksum);
        return checksum == 0 ? (ushort)0xFFFF : checksum;
    }

    /// <summary>The IP packet inside an Ethernet frame built by this class.</summary>
    public static ReadOnlySpan<byte> IpPacketOf(ReadOnlySpan<byte> frame) => frame[EthernetHeaderLength..];

    /// <summary>A locally administered MAC address derived from an IP address, so hosts keep one MAC.</summary>
    public static void WriteMac(Span<byte> destination, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        destination[0] = 0x02;
        destination[1] = 0x00;
        bytes.Slice(length - 4, 4).CopyTo(destination[2..]);
    }

    private int WriteIpHeaders(IPAddress source, IPAddress destination, byte protocol, int payloadLength, bool dontFragment)
    {
        WriteEthernet(source, destination);
        Span<byte> ip = _buffer.AsSpan(EthernetHeaderLength);
        if (source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payloadLength);
            ip[6] = protocol;
            ip[7] = 64;
            source.TryWriteBytes(ip[8..], out _);
            destination.TryWriteBytes(ip[24..], out _);
            return IPv6HeaderLength;
        }

        WriteIPv4Header(ip, source, destination, protocol, payloadLength, _ipId++, dontFragment ? (ushort)0x4000 : (ushort)0);
        return IPv4HeaderLength;
    }

    private void WriteEthernet(IPAddress source, IPAddress destination)
    {
        Span<byte> eth = _buffer.AsSpan(0, EthernetHeaderLength);
        WriteMac(eth, destination);
        WriteMac(eth[6..], source);
        BinaryPrimitives.WriteUInt16BigEndian(eth[12..],
            source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (ushort)0x86DD : (ushort)0x0800);
    }

    private static void WriteIPv4Header(Span<byte> ip, IPAddress source, IPAddress destination, byte protocol, int payloadLength,
        ushort identification, ushort flagsAndOffset)
    {
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(IPv4HeaderLength + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], flagsAndOffset);
        ip[8] = 64;
        ip[9] = protocol;
        ip[10] = 0;
        ip[11] = 0;
        source.TryWriteBytes(ip[12..], out _);
        destination.TryWriteBytes(ip[16..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip[..IPv4HeaderLength]));
    }

    private static ushort TransportChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        Span<byte> pseudo = stackalloc byte[40];
        int length;
        if (source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            // RFC 8200 §8.1 pseudo-header: addresses, upper-layer length (32 bits), zeros, next header.
            source.TryWriteBytes(pseudo, out _);
            destination.TryWriteBytes(pseudo[16..], out _);
            BinaryPrimitives.WriteUInt32BigEndian(pseudo[32..], (uint)segment.Length);
            BinaryPrimitives.WriteUInt32BigEndian(pseudo[36..], protocol);
            length = 40;
        }
        else
        {
            // RFC 768 / RFC 9293 §3.1 pseudo-header: addresses, zero, protocol, length.
            source.TryWriteBytes(pseudo, out _);
            destination.TryWriteBytes(pseudo[4..], out _);
            pseudo[8] = 0;
            pseudo[9] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)segment.Length);
            length = 12;
        }

        return InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.Add(0, pseudo[..length]), segment));
    }
}
