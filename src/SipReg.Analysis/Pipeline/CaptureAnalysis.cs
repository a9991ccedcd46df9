namespace SipReg.Analysis.Pipeline;

/// <summary>The result of analysing a capture: what the capture is, where every record went, and the registration report.</summary>
public sealed class CaptureAnalysis
{
    /// <summary>What <c>sipreg info</c> says of the capture, with the accounting.</summary>
    public required CaptureSummary Capture { get; init; }

    /// <summary>Where every record went; the nine buckets add up to the record count.</summary>
    public required CaptureAccounting Accounting { get; init; }

    /// <summary>Flows, bindings, DNS clues, findings and the capture's status.</summary>
    public required AnalysisReport Report { get; init; }

    /// <summary>SIP messages handed to the analyzer.</summary>
    public long SipMessages { get; init; }

    /// <summary>DNS messages handed to the analyzer.</summary>
    public long DnsMessages { get; init; }

    /// <summary>Keep-alives handed to the analyzer.</summary>
    public long KeepAlives { get; init; }
}
