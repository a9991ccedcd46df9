using SipReg.Pcap;

namespace SipReg.Analysis.Redaction;

/// <summary>What <see cref="CaptureRedactor"/> did to a capture.</summary>
public sealed class RedactionSummary
{
    /// <summary>The format written (the input's).</summary>
    public CaptureFormat Format { get; init; }

    /// <summary>True when the input was gzip-compressed (the output never is).</summary>
    public bool InputWasCompressed { get; init; }

    /// <summary>Packet records read and written.</summary>
    public long Packets { get; init; }

    /// <summary>Packets whose bytes changed.</summary>
    public long PacketsRewritten { get; init; }

    /// <summary>Packets written byte for byte as read (nothing to mask, or not decodable: see <see cref="UnchangedReasons"/>).</summary>
    public long PacketsUnchanged { get; init; }

    /// <summary>Distinct IP addresses mapped.</summary>
    public int AddressesMapped { get; init; }

    /// <summary>Token and host-label occurrences masked (user parts, hosts, Call-IDs, tags, branches, nonces, ...).</summary>
    public long TokensMasked { get; init; }

    /// <summary>Distinct tokens and labels masked.</summary>
    public int DistinctTokensMasked { get; init; }

    /// <summary>Why packets were left unchanged, with the number of packets per reason.</summary>
    public IReadOnlyDictionary<string, long> UnchangedReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Payloads that could not be masked completely, with counts (e.g. IP fragments missing from the capture).</summary>
    public IReadOnlyDictionary<string, long> Notes { get; init; } = new Dictionary<string, long>();

    /// <summary>The problem that ended reading a damaged input early, or null: the records before it were written.</summary>
    public string? InputError { get; init; }

    /// <summary>
    /// Every address mapping made (original text → replacement text). This is the key back to the originals: keep it
    /// with the customer, never with the redacted capture.
    /// </summary>
    public IReadOnlyDictionary<string, string> AddressMap { get; init; } = new Dictionary<string, string>();
}
