namespace SipReg.Pcap;

/// <summary>The container format of a capture file.</summary>
public enum CaptureFormat
{
    /// <summary>Not known yet (before the first <c>CaptureReader.ReadAsync</c>).</summary>
    Unknown = 0,

    /// <summary>Classic libpcap format: a 24-byte global header, then 16-byte record headers (draft-ietf-opsawg-pcap).</summary>
    Pcap = 1,

    /// <summary>pcapng: blocks in one or more sections (draft-ietf-opsawg-pcapng).</summary>
    PcapNg = 2,
}
