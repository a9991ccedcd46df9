using System.Buffers.Binary;
using System.Text;
using SipReg.Generator.Output;

namespace SipReg.Generator.Scenarios;

/// <summary>Bytes that look like TLS on the wire (RFC 8446 §5.1 records); nothing is encrypted for real.</summary>
internal static class TlsRecords
{
    /// <summary>A handshake record holding a minimal TLS 1.2 ClientHello with a server_name extension.</summary>
    public static byte[] ClientHello(string serverName)
    {
        byte[] name = Encoding.ASCII.GetBytes(serverName);
        int sniLength = 2 + 1 + 2 + name.Length;
        int extensionsLength = 4 + sniLength;
        int helloLength = 2 + 32 + 1 + 2 + 4 + 1 + 1 + 2 + extensionsLength;
        byte[] record = new byte[5 + 4 + helloLength];
        Span<byte> span = record;
        span[0] = 0x16;
        span[1] = 0x03;
        span[2] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], (ushort)(4 + helloLength));
        span[5] = 0x01;
        span[6] = (byte)(helloLength >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(span[7..], (ushort)helloLength);
        int offset = 9;
        span[offset++] = 0x03;
        span[offset++] = 0x03;
        for (int i = 0; i < 32; i++)
        {
            span[offset++] = (byte)(i * 7 + 3);
        }

        span[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], 4);
        offset += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], 0xC02F);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], 0xC030);
        offset += 4;
        span[offset++] = 1;
        span[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)extensionsLength);
        offset += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], (ushort)sniLength);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 4)..], (ushort)(sniLength - 2));
        span[offset + 6] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 7)..], (ushort)name.Length);
        name.CopyTo(span[(offset + 9)..]);
        return record;
    }

    /// <summary>A TLS 1.2 record of <paramref name="contentType"/> with <paramref name="length"/> pseudo-random bytes.</summary>
    public static byte[] Record(byte contentType, int length, CaptureContext context)
    {
        byte[] record = new byte[5 + length];
        record[0] = contentType;
        record[1] = 0x03;
        record[2] = 0x03;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), (ushort)length);
        for (int i = 5; i < record.Length; i += 8)
        {
            ulong value = context.NextRandom();
            for (int j = 0; j < 8 && i + j < record.Length; j++)
            {
                record[i + j] = (byte)(value >> (8 * j));
            }
        }

        return record;
    }
}
