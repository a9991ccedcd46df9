using SipReg.Generator.Fleet;
using SipReg.Generator.Output;

namespace SipReg.Generator;

/// <summary>Writes deterministic fleet captures: many user agents registering, with the counts of what was put in.</summary>
/// <remarks>
/// <code>
/// var spec = new FleetSpec { Seed = 42, UserAgents = 1000, Duration = TimeSpan.FromHours(1) };
/// using var file = File.Create("fleet.pcap");
/// GenerationCounts counts = CaptureGenerator.WriteFleet(spec, file);
/// File.WriteAllText("counts.json", counts.ToJson());
/// </code>
/// The capture is streamed: memory holds the user agents' state and the packets of exchanges under way, not the file.
/// </remarks>
public static class CaptureGenerator
{
    /// <summary>Writes a fleet capture to <paramref name="output"/>.</summary>
    /// <param name="spec">What to generate.</param>
    /// <param name="output">Where the capture goes; written sequentially, flushed, left open.</param>
    /// <returns>What was put into the capture.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A value in <paramref name="spec"/> is out of range.</exception>
    public static GenerationCounts WriteFleet(FleetSpec spec, Stream output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(output);
        spec.Validate();
        long start = output.CanSeek ? output.Position : 0;
        using var sink = new CaptureWriterSink(output, spec.Format);
        GenerationCounts counts = new FleetGenerator(spec, sink).Run();
        sink.Dispose();
        if (output.CanSeek)
        {
            counts.CaptureBytes = output.Position - start;
        }

        return counts;
    }

    /// <summary>Writes a fleet capture to <paramref name="capturePath"/> and its counts as JSON beside it.</summary>
    /// <param name="spec">What to generate.</param>
    /// <param name="capturePath">The capture file to create (overwritten).</param>
    /// <param name="countsPath">The JSON file; null for <c>counts.json</c> in the capture's directory.</param>
    /// <returns>What was put into the capture.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A value in <paramref name="spec"/> is out of range.</exception>
    public static GenerationCounts WriteFleet(FleetSpec spec, string capturePath, string? countsPath = null)
    {
        ArgumentNullException.ThrowIfNull(capturePath);
        GenerationCounts counts;
        using (FileStream file = File.Create(capturePath))
        {
            counts = WriteFleet(spec, file);
            counts.CaptureBytes = file.Length;
        }

        countsPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(capturePath)) ?? ".", "counts.json");
        using FileStream json = File.Create(countsPath);
        counts.WriteJson(json);
        return counts;
    }
}
