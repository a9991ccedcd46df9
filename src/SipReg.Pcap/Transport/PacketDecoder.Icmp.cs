using System.Buffers.Binary;

namespace SipReg.Pcap;

// ICMP errors (RFC 792, RFC 4443 §3): the quoted datagram is handed out as an IcmpError payload, never as a datagram.
public sealed partial class PacketDecoder
{
    private void DecodeIcmpV4(NetworkAddress reporter, ReadOnlySpan<byte> icmp, int records, int missing)
    {
        if (icmp.Length < 8)
        {
            CountTransportHeaderCut(records, missing, "ICMP header", 8, icmp.Length);
            return;
        }

        // Type 3 destination unreachable, 11 time exceeded: 8 bytes of ICMP header, then the original IP header and
        // at least 64 bits of its payload (RFC 792); RFC 1812 §4.3.2.3 lets routers quote up to 576 bytes in all.
        var type = icmp[0];
        if (type is not (3 or 11))
        {
            CountOther(records);
            return;
        }

        var quote = icmp[8..];
        if (quote.Length < 20 || quote[0] >> 4 != 4 || (quote[0] & 0xF) < 5 || quote.Length < (quote[0] & 0xF) * 4)
        {
            CountMalformed(records, $"ICMP type {type} error does not quote a complete IPv4 header");
            return;
        }

        var headerLength = (quote[0] & 0xF) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(quote[2..]);
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(quote[6..]);
        if ((fragment & 0x1FFF) != 0)
        {
            // A non-first fragment carries no transport header to name the flow.
            CountOther(records);
            return;
        }

        var quotedPayload = quote[headerLength..];
        var declared = Math.Max(totalLength - headerLength, 0);
        EmitIcmpError(type, icmp[1], reporter, quote[9], NetworkAddress.FromIPv4(quote[12..]), NetworkAddress.FromIPv4(quote[16..]),
            quotedPayload, declared, records, missing);
    }

    private void DecodeIcmpV6(NetworkAddress reporter, ReadOnlySpan<byte> icmp, int records, int missing)
    {
        if (icmp.Length < 8)
        {
            CountTransportHeaderCut(records, missing, "ICMPv6 header", 8, icmp.Length);
            return;
        }

        // RFC 4443 §3.1 / §3.3: type 1 destination unreachable, 3 time exceeded; the invoking packet follows the 8-byte header.
        var type = icmp[0];
        if (type is not (1 or 3))
        {
            CountOther(records);
            return;
        }

        var quote = icmp[8..];
        if (quote.Length < 40 || quote[0] >> 4 != 6)
        {
            CountMalformed(records, $"ICMPv6 type {type} error does not quote a complete IPv6 header");
            return;
        }

        var declared = (int)BinaryPrimitives.ReadUInt16BigEndian(quote[4..]);
        var next = quote[6];
        var source = NetworkAddress.FromIPv6(quote[8..]);
        var destination = NetworkAddress.FromIPv6(quote[24..]);
        var payload = quote[40..];
        for (var headers = 0; headers <= _options.MaxExtensionHeaders; headers++)
        {
            int length;
            if (next is HeaderHopByHop or HeaderRouting or HeaderDestinationOptions && payload.Length >= 2)
            {
                length = (payload[1] + 1) * 8;
            }
            else if (next == HeaderFragment && payload.Length >= 8)
            {
                if ((BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) & 0xFFF8) != 0)
                {
                    CountOther(records);
                    return;
                }

                length = 8;
            }
            else
            {
                break;
            }

            if (payload.Length < length)
            {
                break;
            }

            next = payload[0];
            payload = payload[length..];
            declared -= length;
        }

        EmitIcmpError(type, icmp[1], reporter, next, source, destination, payload, Math.Max(declared, 0), records, missing);
    }

    // quoted: the quoted transport header and payload as present; declared: its length per the quoted IP header.
    private void EmitIcmpError(byte type, byte code, NetworkAddress reporter, byte protocol, NetworkAddress source, NetworkAddress destination,
        ReadOnlySpan<byte> quoted, int declared, int records, int missing)
    {
        // RFC 792 guarantees the first 8 bytes of the transport header: both ports for UDP and TCP.
        if (protocol is not (ProtocolUdp or ProtocolTcp) || quoted.Length < 8)
        {
            CountOther(records);
            return;
        }

        var info = NewPayload(TransportPayloadKind.IcmpError, protocol == ProtocolUdp ? TransportProtocol.Udp : TransportProtocol.Tcp,
            new NetworkEndpoint(source, BinaryPrimitives.ReadUInt16BigEndian(quoted)),
            new NetworkEndpoint(destination, BinaryPrimitives.ReadUInt16BigEndian(quoted[2..])));
        info.IcmpType = type;
        info.IcmpCode = code;
        info.Reporter = reporter;
        ReadOnlySpan<byte> data;
        bool partial;
        if (protocol == ProtocolUdp)
        {
            var length = Math.Max((int)BinaryPrimitives.ReadUInt16BigEndian(quoted[4..]), 8);
            data = quoted[8..Math.Min(length, quoted.Length)];
            partial = quoted.Length < length;
        }
        else
        {
            var headerLength = quoted.Length >= 13 ? (quoted[12] >> 4) * 4 : int.MaxValue;
            data = headerLength >= 20 && headerLength <= quoted.Length ? quoted[headerLength..] : [];
            partial = quoted.Length < declared || headerLength > quoted.Length;
        }

        if (missing != 0)
        {
            Counters.Truncated += records;
            info.IsTruncated = true;
        }
        else
        {
            info.IsTruncated = partial;
            info.RecordCount = records;
        }

        Enqueue(ref info, data);
    }
}
