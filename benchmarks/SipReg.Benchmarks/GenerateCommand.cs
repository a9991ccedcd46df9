using System.Diagnostics;
using System.Globalization;
using SipReg.Generator;

namespace SipReg.Benchmarks;

/// <summary>
/// <c>generate --messages N --out FILE [--format pcap|pcapng] [--seed S] [--user-agents U]</c>: writes a fleet
/// capture with the project's generator (and <c>counts.json</c> beside it) for the tshark comparison.
/// </summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        long messages = 100_000;
        string? output = null;
        var format = CaptureFileFormat.Pcap;
        int seed = 7;
        int userAgents = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--messages": messages = long.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--out": output = value; i++; break;
                case "--format": format = value == "pcapng" ? CaptureFileFormat.PcapNg : CaptureFileFormat.Pcap; i++; break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--user-agents": userAgents = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                default:
                    Console.Error.WriteLine("usage: generate --messages N --out FILE [--format pcap|pcapng] [--seed S] [--user-agents U]");
                    return 2;
            }
        }

        if (output is null)
        {
            Console.Error.WriteLine("generate: --out FILE is required");
            return 2;
        }

        var spec = new FleetSpec
        {
            Seed = seed,
            Format = format,
            UserAgents = userAgents > 0 ? userAgents : (int)Math.Clamp(messages / 20, 10, 1_000_000),
            TargetSipMessages = messages,
        };
        var stopwatch = Stopwatch.StartNew();
        string counts = Path.ChangeExtension(output, ".counts.json");
        var result = CaptureGenerator.WriteFleet(spec, output, counts);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output}: {result.SipMessages:N0} SIP messages, {result.Records:N0} records, {result.CaptureBytes / 1e6:N1} MB in {stopwatch.Elapsed.TotalSeconds:N1} s; counts in {counts}"));
        return 0;
    }
}
