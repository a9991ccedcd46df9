using System.Diagnostics;
using System.Globalization;

namespace SipReg.Fuzz;

/// <summary>Generates the hostile captures at full size and analyses each, printing time, memory and what was capped.</summary>
internal static class HostileRun
{
    public static async Task<int> RunAsync(string directory, string? only, bool ciSize, Action<string> log)
    {
        int broken = 0;
        foreach (var hostile in HostileCases.All.Where(c => only is null || c.Name == only))
        {
            long size = ciSize ? hostile.CiSize : hostile.FullSize;
            var generation = Stopwatch.StartNew();
            var (path, counts) = HostileCases.Generate(hostile, size, directory);
            log(string.Create(CultureInfo.InvariantCulture, $"hostile: wrote {path} ({new FileInfo(path).Length / 1048576.0:F1} MB, {counts.Records} records) in {generation.Elapsed.TotalSeconds:F1} s"));
            var outcome = await HostileCases.AnalyzeAsync(hostile, size, path, counts).ConfigureAwait(false);
            log("hostile: " + outcome.Describe());
            broken += outcome.Accounting.Records == outcome.Accounting.Accounted ? 0 : 1;
        }

        log($"hostile: process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB");
        return broken == 0 ? 0 : 1;
    }
}
