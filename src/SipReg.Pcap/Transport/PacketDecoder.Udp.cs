using System.Buffers.Binary;

namespace SipReg.Pcap;

// UDP (RFC 768).
public sealed partial class PacketDecoder
{
    private void DecodeUdp(NetworkAddress source, NetworkAddress destination, ReadOnlySpan<byte> udp, int records, int missing)
    {
        if (udp.Length < 8)
        {
            CountTransportHeaderCut(records, missing, "UDP header", 8, udp.Length);
            return;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (length < 8)
        {
            CountMalformed(records, $"UDP length {length} is less than 8");
            return;
        }

        var truncated = false;
        if (length > udp.Length)
        {
            if (missing == 0)
            {
                CountMalformed(records, $"UDP length {length} exceeds the {udp.Length} bytes of the IP payload");
                return;
            }

            truncated = true;
        }
        else
        {
            udp = udp[..length];
        }

        if (_options.VerifyUdpChecksums && !truncated && BinaryPrimitives.ReadUInt16BigEndian(udp[6..]) != 0
            && !InternetChecksum.VerifyUdp(source, destination, udp))
        {
            // Delivered anyway: a wrong checksum in a capture nearly always comes from checksum offload.
            Counters.BadUdpChecksums++;
            AddDiagnostic(PacketDiagnosticKind.BadChecksum, $"bad UDP checksum 0x{BinaryPrimitives.ReadUInt16BigEndian(udp[6..]):x4}");
        }

        var info = NewPayload(TransportPayloadKind.Datagram, TransportProtocol.Udp,
            new NetworkEndpoint(source, BinaryPrimitives.ReadUInt16BigEndian(udp)),
            new NetworkEndpoint(destination, BinaryPrimitives.ReadUInt16BigEndian(udp[2..])));
        if (truncated)
        {
            Counters.Truncated += records;
            info.IsTruncated = true;
        }
        else
        {
            info.RecordCount = records;
        }

        Enqueue(ref info, udp[8..]);
    }

    // A transport header cut short: by the snap length when IP says bytes are missing, else damage.
    private void CountTransportHeaderCut(int records, int missing, string header, int needed, int available)
    {
        if (missing != 0)
        {
            Counters.Truncated += records;
        }
        else
        {
            CountMalformed(records, $"{header} needs {needed} bytes, {available} present");
        }
    }
}
