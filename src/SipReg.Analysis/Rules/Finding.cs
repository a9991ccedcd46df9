namespace SipReg.Analysis.Rules;

/// <summary>One diagnosis emitted by a rule.</summary>
public sealed record Finding
{
    /// <summary>The rule id, e.g. <c>auth-loop</c> (a stable contract).</summary>
    public required string Rule { get; init; }

    /// <summary>The severity.</summary>
    public required FindingSeverity Severity { get; init; }

    /// <summary>A one-line title.</summary>
    public required string Title { get; init; }

    /// <summary>What it means, in plain words.</summary>
    public required string Detail { get; init; }

    /// <summary>What to check next.</summary>
    public required string Next { get; init; }

    /// <summary>The address-of-record concerned, or null for a capture-wide finding.</summary>
    public string? Aor { get; init; }

    /// <summary>The key of the flow concerned, or null.</summary>
    public string? Flow { get; init; }

    /// <summary>Evidence frame numbers, ascending, capped by <see cref="AnalysisOptions.MaxEvidenceFrames"/>.</summary>
    public IReadOnlyList<long> Frames { get; init; } = [];
}
