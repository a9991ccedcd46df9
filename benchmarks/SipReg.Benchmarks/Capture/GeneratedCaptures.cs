using System.Collections.Concurrent;
using SipReg.Generator;

namespace SipReg.Benchmarks.Capture;

/// <summary>Fleet captures from the project's generator, built once per process and held in memory.</summary>
public static class GeneratedCaptures
{
    private static readonly ConcurrentDictionary<(CaptureFileFormat, long), (byte[] Bytes, GenerationCounts Counts)> s_cache = new();

    /// <summary>A fleet capture of about <paramref name="sipMessages"/> SIP messages (seed 7).</summary>
    public static (byte[] Bytes, GenerationCounts Counts) Fleet(CaptureFileFormat format, long sipMessages) =>
        s_cache.GetOrAdd((format, sipMessages), key =>
        {
            var spec = new FleetSpec
            {
                Seed = 7,
                Format = key.Item1,
                UserAgents = (int)Math.Clamp(key.Item2 / 20, 10, 1_000_000),
                TargetSipMessages = key.Item2,
            };
            using var stream = new MemoryStream();
            var counts = CaptureGenerator.WriteFleet(spec, stream);
            return (stream.ToArray(), counts);
        });
}
