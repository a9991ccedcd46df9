using System.Buffers.Binary;

namespace SipReg.Pcap;

/// <summary>The Internet checksum (RFC 1071) with the UDP pseudo-headers of RFC 768 (IPv4) and RFC 8200 §8.1 (IPv6).</summary>
internal static class InternetChecksum
{
    /// <summary>True when the UDP datagram's checksum (already non-zero) verifies.</summary>
    public static bool VerifyUdp(NetworkAddress source, NetworkAddress destination, ReadOnlySpan<byte> udp)
    {
        Span<byte> address = stackalloc byte[16];
        ulong sum = 0;
        source.TryWriteBytes(address, out var length);
        sum = Add(sum, address[..length]);
        destination.TryWriteBytes(address, out length);
        sum = Add(sum, address[..length]);
        sum += 17u + (uint)udp.Length;
        sum = Add(sum, udp);
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        // A correct datagram (checksum field included) sums to 0xFFFF in ones' complement.
        return sum == 0xFFFF;
    }

    private static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }
}
