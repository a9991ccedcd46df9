using System.Net;

namespace SipReg.Pcap;

/// <summary>
/// One record of a pcapng Name Resolution Block (draft-ietf-opsawg-pcapng §4.5): an address and the names the
/// capturing host had for it.
/// </summary>
public sealed class CaptureNameRecord
{
    internal CaptureNameRecord(long blockOffset, IPAddress address, IReadOnlyList<string> names)
    {
        BlockOffset = blockOffset;
        Address = address;
        Names = names;
    }

    /// <summary>Byte offset of the Name Resolution Block that holds the record.</summary>
    public long BlockOffset { get; }

    /// <summary>The IPv4 (nrb_record_ipv4) or IPv6 (nrb_record_ipv6) address.</summary>
    public IPAddress Address { get; }

    /// <summary>The names, in the block's order (at least one).</summary>
    public IReadOnlyList<string> Names { get; }
}
