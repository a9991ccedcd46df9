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

    private void DecodeEthernet(ReadOnlySpan<byte> data)
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

        DecodeEtherType(etherType, data[offset..]);
    }

    private void DecodeEtherType(ushort etherType, ReadOnlySpan<byte> data)
    {
        switch (etherType)
        {
            case EtherTypeIPv4:
                DecodeIPv4(data, 0);
                break;
            case EtherTypeIPv6:
                DecodeIPv6(data, 0);
                break;
            default:
                CountOther(1);
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
