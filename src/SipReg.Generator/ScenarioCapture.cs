namespace SipReg.Generator;

/// <summary>
/// A small generated capture that shows one registration behaviour, with what an analyzer is expected to conclude.
/// </summary>
public sealed class ScenarioCapture
{
    internal ScenarioCapture(string name, string description, byte[] bytes, CaptureFileFormat format, GenerationCounts counts,
        IReadOnlyList<string> forbiddenRules)
    {
        Name = name;
        Description = description;
        Bytes = bytes;
        Format = format;
        Counts = counts;
        ForbiddenRules = forbiddenRules;
    }

    /// <summary>A short kebab-case name, usable as a file name (<c>auth-loop-401</c>).</summary>
    public string Name { get; }

    /// <summary>What is in the capture, in one or two sentences.</summary>
    public string Description { get; }

    /// <summary>The capture file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The container format of <see cref="Bytes"/>.</summary>
    public CaptureFileFormat Format { get; }

    /// <summary>The status expected for the capture (one of <see cref="ExpectedStatuses"/>).</summary>
    public string ExpectedStatus => Counts.ExpectedCaptureStatus;

    /// <summary>Rule ids (see <see cref="ExpectedRuleIds"/>) that must be reported.</summary>
    public IReadOnlyCollection<string> ExpectedRules => Counts.ExpectedRules;

    /// <summary>Rule ids that must not be reported (the negative side of the scenario).</summary>
    public IReadOnlyList<string> ForbiddenRules { get; }

    /// <summary>Everything counted while generating (records, SIP messages by method/status, DNS, per-UA status).</summary>
    public GenerationCounts Counts { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + ": " + ExpectedStatus + " [" + string.Join(", ", ExpectedRules) + "]";
}
