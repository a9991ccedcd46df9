using System.Buffers.Binary;

namespace SipReg.Pcap;

// Link layers: from the record's first byte to the IP header.
public sealed partial class PacketDecoder
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;      // IEEE 802.1Q
    private const ushort EtherTypeProviderVlan = 0x88A8; // IEEE 802.1ad
    private const ushort EtherTypeQinQ = 0x9100;      // pre-standard QinQ
    private const ushort EtherTypePppoeSession = 0x8864; // RFC 2516
    private const ushort EtherTypeMplsUnicast = 0x8847;  // RFC 3032
    private const ushort EtherTypeMplsMulticast = 0x8848;

    private void DecodeLinkLayer(LinkType linkType, ReadOnlySpan<byte> data)
    {
        switch (linkType)
        {
            case LinkType.Ethernet:
                DecodeEthernet(data);
                break;
            case LinkType.LinuxSll:
                // LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, then the protocol (EtherType).
                if (data.Length < 16)
                {
                    CountHeaderCut(1, "Linux SLL header", 16, data.Length);
                    return;
                }

                DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(data[14..]), data[16..]);
                break;
            case LinkType.LinuxSll2:
                // LINKTYPE_LINUX_SLL2: the protocol (EtherType) comes first in its 20-byte header.
                if (data.Length < 20)
                {
                    CountHeaderCut(1, "Linux SLL2 header", 20, data.Length);
                    return;
                }

                DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(data), data[20..]);
                break;
            case LinkType.Raw:
            case LinkType.RawBsd:
            case LinkType.RawOpenBsd:
                DecodeRawIp(data);
                break;
            case LinkType.IPv4:
                DecodeIPv4(data, 0);
                break;
            case LinkType.IPv6:
                DecodeIPv6(data, 0);
                break;
            case LinkType.Null:
                if (data.Length < 4)
                {
                    CountHeaderCut(1, "BSD loopback header", 4, data.Length);
                    return;
                }

                // LINKTYPE_NULL: the address family is in the capturing host's byte order, which the file does not say;
                // every AF value is below 2^16, so a larger value means the other order.
                var family = BinaryPrimitives.ReadUInt32LittleEndian(data);
                if (family >= 0x10000)
                {
                    family = BinaryPrimitives.ReverseEndianness(family);
                }

                DecodeAddressFamily(family, data[4..]);
                break;
            case LinkType.Loop:
                if (data.Length < 4)
                {
                    CountHeaderCut(1, "loopback header", 4, data.Length);
                    return;
                }

                DecodeAddressFamily(BinaryPrimitives.ReadUInt32BigEndian(data), data[4..]);
                break;
            default:
                Counters.UnsupportedLinkType++;
                if (_reportedLinkTypes.Add((_interfaceIndex, linkType)))
                {
                    AddDiagnostic(PacketDiagnosticKind.UnsupportedLinkType,
                        $"unsupported link type {(int)linkType} on interface {_interfaceIndex}: its records are not decoded");
                }

                break;
        }
    }

    private void DecodeEthernet(ReadOnlySpan<byte> data, int depth = 0)
    {
        if (data.Length < 14)
        {
            CountHeaderCut(1, "Ethernet header", 14, data.Length);
            return;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        var offset = 14;
        var tags = 0;
        while (etherType is EtherTypeVlan or EtherTypeProviderVlan or EtherTypeQinQ)
        {
            if (++tags > _options.MaxVlanTags)
            {
                Counters.Capped++;
                AddDiagnostic(PacketDiagnosticKind.Capped, $"more than {_options.MaxVlanTags} VLAN tags (MaxVlanTags)");
                return;
            }

            // A tag is 2 bytes of TCI followed by the next EtherType.
            if (data.Length < offset + 4)
            {
                CountHeaderCut(1, "VLAN tag", offset + 4, data.Length);
                return;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            offset += 4;
        }

        DecodeEtherType(etherType, data[offset..], depth);
    }

    private void DecodeEtherType(ushort etherType, ReadOnlySpan<byte> data, int depth = 0)
    {
        switch (etherType)
        {
            case EtherTypeIPv4:
                DecodeIPv4(data, depth);
                break;
            case EtherTypeIPv6:
                DecodeIPv6(data, depth);
                break;
            case EtherTypePppoeSession:
                // RFC 2516 §5: 6 bytes of PPPoE header, then the PPP protocol (RFC 1661): 0x0021 IPv4, 0x0057 IPv6.
                if (data.Length < 8)
                {
                    CountHeaderCut(1, "PPPoE header", 8, data.Length);
                    return;
                }

                switch (BinaryPrimitives.ReadUInt16BigEndian(data[6..]))
                {
                    case 0x0021:
                        DecodeIPv4(data[8..], depth);
                        break;
                    case 0x0057:
                        DecodeIPv6(data[8..], depth);
                        break;
                    default:
                        CountOther(1);
                        break;
                }

                break;
            case EtherTypeMplsUnicast:
            case EtherTypeMplsMulticast:
                DecodeMpls(data, depth);
                break;
            default:
                CountOther(1);
                break;
        }
    }

    // RFC 3032: 4-byte label stack entries up to the one with the bottom-of-stack bit; the payload type is not
    // signalled, so IP is recognised by its version nibble (as Wireshark does).
    private void DecodeMpls(ReadOnlySpan<byte> data, int depth)
    {
        var offset = 0;
        for (var labels = 1; ; labels++)
        {
            if (labels > _options.MaxVlanTags)
            {
                Counters.Capped++;
                AddDiagnostic(PacketDiagnosticKind.Capped, $"more than {_options.MaxVlanTags} MPLS labels (MaxVlanTags)");
                return;
            }

            if (data.Length < offset + 4)
            {
                CountHeaderCut(1, "MPLS label", offset + 4, data.Length);
                return;
            }

            var bottom = (data[offset + 2] & 1) != 0;
            offset += 4;
            if (bottom)
            {
                break;
            }
        }

        var inner = data[offset..];
        switch (inner.IsEmpty ? 0 : inner[0] >> 4)
        {
            case 4:
                DecodeIPv4(inner, depth);
                break;
            case 6:
                DecodeIPv6(inner, depth);
                break;
            default:
                CountOther(1);
                break;
        }
    }

    // RFC 2784 / RFC 2890 GRE: optional checksum, key and sequence words, then the payload's EtherType. Transparent
    // Ethernet bridging (0x6558) and ERSPAN (0x88BE type II with an 8-byte header, 0x22EB type III with 12 bytes and
    // an optional 8-byte subheader) carry whole Ethernet frames, as mirrored by switches.
    private void DecodeGre(ReadOnlySpan<byte> data, int depth)
    {
        if (data.Length < 4)
        {
            CountHeaderCut(1, "GRE header", 4, data.Length);
            return;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(data);
        if ((flags & 0x7) != 0)
        {
            // Version 1 is PPTP's enhanced GRE: PPP inside, not decoded.
            CountOther(1);
            return;
        }

        var length = 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + ((flags & 0x1000) != 0 ? 4 : 0);
        if (data.Length < length)
        {
            CountHeaderCut(1, "GRE header", length, data.Length);
            return;
        }

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        var inner = data[length..];
        switch (protocol)
        {
            case 0x6558:
                DecodeEthernet(inner, depth);
                break;
            case 0x88BE:
                if (inner.Length < 8)
                {
                    CountHeaderCut(1, "ERSPAN type II header", 8, inner.Length);
                    return;
                }

                DecodeEthernet(inner[8..], depth);
                break;
            case 0x22EB:
                var erspanLength = inner.Length >= 12 && (inner[11] & 1) != 0 ? 20 : 12;
                if (inner.Length < erspanLength)
                {
                    CountHeaderCut(1, "ERSPAN type III header", erspanLength, inner.Length);
                    return;
                }

                DecodeEthernet(inner[erspanLength..], depth);
                break;
            default:
                DecodeEtherType(protocol, inner, depth);
                break;
        }
    }

    // BSD AF_ values: AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS).
    private void DecodeAddressFamily(uint family, ReadOnlySpan<byte> data)
    {
        switch (family)
        {
            case 2:
                DecodeIPv4(data, 0);
                break;
            case 24:
            case 28:
            case 30:
                DecodeIPv6(data, 0);
                break;
            default:
                CountOther(1);
                break;
        }
    }

    private void DecodeRawIp(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            CountHeaderCut(1, "raw IP header", 1, 0);
            return;
        }

        switch (data[0] >> 4)
        {
            case 4:
                DecodeIPv4(data, 0);
                break;
            case 6:
                DecodeIPv6(data, 0);
                break;
            default:
                CountMalformed(1, $"raw IP packet with version {data[0] >> 4}");
                break;
        }
    }
}
