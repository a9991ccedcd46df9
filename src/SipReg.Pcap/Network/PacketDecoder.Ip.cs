using System.Buffers.Binary;

namespace SipReg.Pcap;

// IPv4 (RFC 791) and IPv6 (RFC 8200) headers, down to the upper-layer protocol.
public sealed partial class PacketDecoder
{
    private const byte ProtocolIcmp = 1;
    private const byte ProtocolIPv4 = 4;
    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;
    private const byte ProtocolIPv6 = 41;
    private const byte ProtocolGre = 47;
    private const byte ProtocolIcmpV6 = 58;
    private const byte HeaderHopByHop = 0;
    private const byte HeaderRouting = 43;
    private const byte HeaderFragment = 44;
    private const byte HeaderAuthentication = 51;
    private const byte HeaderNoNext = 59;
    private const byte HeaderDestinationOptions = 60;

    private void DecodeIPv4(ReadOnlySpan<byte> data, int depth)
    {
        if (data.Length < 20)
        {
            CountHeaderCut(1, "IPv4 header", 20, data.Length);
            return;
        }

        if (data[0] >> 4 != 4)
        {
            CountMalformed(1, $"IPv4 header with version {data[0] >> 4}");
            return;
        }

        // RFC 791 §3.1: IHL counts 32-bit words and is at least 5.
        var headerLength = (data[0] & 0xF) * 4;
        if (headerLength < 20)
        {
            CountMalformed(1, $"IPv4 header length {headerLength} is less than 20");
            return;
        }

        if (data.Length < headerLength)
        {
            CountHeaderCut(1, "IPv4 header with options", headerLength, data.Length);
            return;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (totalLength == 0 && !_recordTruncated && data.Length <= 65535)
        {
            // A sending host with TCP segmentation offload hands the capture a super-packet whose total length the NIC
            // fills in later, often left 0 (Wireshark: "assuming TSO"): the captured bytes are the packet.
            totalLength = data.Length;
        }

        if (totalLength < headerLength)
        {
            CountMalformed(1, $"IPv4 total length {totalLength} is less than the header length {headerLength}");
            return;
        }

        if (depth == 0)
        {
            Counters.IpPackets++;
        }

        var missing = 0;
        if (totalLength > data.Length)
        {
            if (!_recordTruncated)
            {
                CountMalformed(1, $"IPv4 total length {totalLength} exceeds the {data.Length} bytes captured");
                return;
            }

            missing = totalLength - data.Length;
        }
        else
        {
            // Anything past the total length is link-layer padding (Ethernet pads frames to 60 bytes).
            data = data[..totalLength];
        }

        var source = NetworkAddress.FromIPv4(data[12..]);
        var destination = NetworkAddress.FromIPv4(data[16..]);
        var protocol = data[9];
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        var moreFragments = (fragment & 0x2000) != 0;
        var fragmentOffset = (fragment & 0x1FFF) * 8;
        var payload = data[headerLength..];
        if (moreFragments || fragmentOffset != 0)
        {
            if (missing != 0)
            {
                // A cut fragment cannot be reassembled; its datagram stays incomplete and is reported as such.
                Counters.Truncated++;
                return;
            }

            var id = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
            AddFragment(new FragmentKey(source, destination, id, protocol), protocol, fragmentOffset, moreFragments, payload, depth);
            return;
        }

        DecodeProtocol(protocol, source, destination, payload, 1, missing, depth);
    }

    private void DecodeIPv6(ReadOnlySpan<byte> data, int depth)
    {
        if (data.Length < 40)
        {
            CountHeaderCut(1, "IPv6 header", 40, data.Length);
            return;
        }

        if (data[0] >> 4 != 6)
        {
            CountMalformed(1, $"IPv6 header with version {data[0] >> 4}");
            return;
        }

        if (depth == 0)
        {
            Counters.IpPackets++;
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var nextHeader = data[6];
        var source = NetworkAddress.FromIPv6(data[8..]);
        var destination = NetworkAddress.FromIPv6(data[24..]);
        var payload = data[40..];
        var missing = 0;
        if (payloadLength > payload.Length)
        {
            if (!_recordTruncated)
            {
                CountMalformed(1, $"IPv6 payload length {payloadLength} exceeds the {payload.Length} bytes captured");
                return;
            }

            missing = payloadLength - payload.Length;
        }
        else
        {
            payload = payload[..payloadLength];
        }

        DecodeIPv6Chain(nextHeader, source, destination, payload, 1, missing, depth, reassembled: false);
    }

    // RFC 8200 §4: walk the extension headers to the upper-layer header.
    private void DecodeIPv6Chain(byte nextHeader, NetworkAddress source, NetworkAddress destination, ReadOnlySpan<byte> payload,
        int records, int missing, int depth, bool reassembled)
    {
        for (var headers = 0; ; headers++)
        {
            if (headers > _options.MaxExtensionHeaders)
            {
                Counters.Capped += records;
                AddDiagnostic(PacketDiagnosticKind.Capped, $"more than {_options.MaxExtensionHeaders} IPv6 extension headers (MaxExtensionHeaders)");
                return;
            }

            int length;
            switch (nextHeader)
            {
                case HeaderHopByHop:
                case HeaderRouting:
                case HeaderDestinationOptions:
                    if (payload.Length < 2)
                    {
                        CountHeaderCut(records, "IPv6 extension header", 2, payload.Length);
                        return;
                    }

                    // Hdr Ext Len counts 8-octet units beyond the first 8 octets.
                    length = (payload[1] + 1) * 8;
                    break;
                case HeaderAuthentication:
                    if (payload.Length < 2)
                    {
                        CountHeaderCut(records, "IPv6 authentication header", 2, payload.Length);
                        return;
                    }

                    // RFC 4302 §2.2: the AH length counts 4-octet units, minus 2.
                    length = (payload[1] + 2) * 4;
                    break;
                case HeaderFragment:
                    if (payload.Length < 8)
                    {
                        CountHeaderCut(records, "IPv6 fragment header", 8, payload.Length);
                        return;
                    }

                    var fragmentNext = payload[0];
                    var offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
                    var offset = offsetAndFlags & 0xFFF8;
                    var more = (offsetAndFlags & 1) != 0;
                    if (offset == 0 && !more)
                    {
                        // RFC 6946: an atomic fragment is processed as a whole datagram.
                        nextHeader = fragmentNext;
                        payload = payload[8..];
                        continue;
                    }

                    if (reassembled)
                    {
                        CountMalformed(records, "IPv6 fragment header inside a reassembled datagram");
                        return;
                    }

                    if (missing != 0)
                    {
                        Counters.Truncated += records;
                        return;
                    }

                    var id = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
                    AddFragment(new FragmentKey(source, destination, id, 0), fragmentNext, offset, more, payload[8..], depth);
                    return;
                case HeaderNoNext:
                    CountOther(records);
                    return;
                default:
                    DecodeProtocol(nextHeader, source, destination, payload, records, missing, depth);
                    return;
            }

            if (payload.Length < length)
            {
                CountHeaderCut(records, "IPv6 extension header", length, payload.Length);
                return;
            }

            nextHeader = payload[0];
            payload = payload[length..];
        }
    }

    private void DecodeProtocol(byte protocol, NetworkAddress source, NetworkAddress destination, ReadOnlySpan<byte> payload,
        int records, int missing, int depth)
    {
        switch (protocol)
        {
            case ProtocolUdp:
                DecodeUdp(source, destination, payload, records, missing);
                break;
            case ProtocolTcp:
                DecodeTcp(source, destination, payload, records, missing);
                break;
            case ProtocolIcmp when source.IsIPv4:
                DecodeIcmpV4(source, payload, records, missing);
                break;
            case ProtocolIcmpV6 when source.IsIPv6:
                DecodeIcmpV6(source, payload, records, missing);
                break;
            case ProtocolIPv4 when depth < _options.MaxEncapsulationDepth && records == 1:
                DecodeIPv4(payload, depth + 1);
                break;
            case ProtocolIPv6 when depth < _options.MaxEncapsulationDepth && records == 1:
                DecodeIPv6(payload, depth + 1);
                break;
            case ProtocolGre when depth < _options.MaxEncapsulationDepth && records == 1:
                DecodeGre(payload, depth + 1);
                break;
            default:
                CountOther(records);
                break;
        }
    }
}
