using SipReg.Dns;
using SipReg.Pcap;
using SipReg.Sip;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// Caps and settings of the capture-to-messages pipeline. Every buffer that input can grow is capped here or in the
/// options of the layer below; reaching a cap is counted as <see cref="CaptureAccounting.Capped"/> and reported.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>The shared defaults.</summary>
    public static PipelineOptions Default { get; } = new();

    /// <summary>
    /// Whether <see cref="CaptureAnalyzer"/> runs the registration analyzer on a thread of its own while the calling
    /// thread reads and parses (default true; ignored on a single-core machine). The result is the same either way.
    /// </summary>
    public bool AnalyzeOnSeparateThread { get; init; } = true;

    /// <summary>Caps of the capture container reader.</summary>
    public CaptureReaderOptions Reader { get; init; } = CaptureReaderOptions.Default;

    /// <summary>Caps of IP fragment and TCP reassembly.</summary>
    public PacketDecoderOptions Decoder { get; init; } = new();

    /// <summary>SIP message size and header-count caps.</summary>
    public SipParserOptions Sip { get; init; }

    /// <summary>DNS name-decompression limits.</summary>
    public DnsDecoderOptions Dns { get; init; }

    /// <summary>Bytes held for SIP/DNS framing per TCP stream direction (default 1 MiB): a message that does not end
    /// within it is dropped and the stream resynchronised.</summary>
    public int MaxStreamBufferBytes { get; init; } = 1 << 20;

    /// <summary>Bytes held for framing across all TCP streams (default 64 MiB).</summary>
    public long MaxTotalStreamBufferBytes { get; init; } = 64L << 20;

    /// <summary>TCP stream directions tracked for framing at once (default 65,536); idle ones are evicted first.</summary>
    public int MaxStreams { get; init; } = 65_536;

    /// <summary>Bytes of a TCP stream direction examined for a SIP start line before it is taken for other traffic (default 64 KiB).</summary>
    public int MaxProbeBytes { get; init; } = 64 * 1024;

    /// <summary>Diagnostics kept (default 1,000); later ones are counted, not stored.</summary>
    public int MaxDiagnostics { get; init; } = 1_000;
}
