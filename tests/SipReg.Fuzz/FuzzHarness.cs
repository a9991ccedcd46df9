using System.Diagnostics;
using System.Globalization;
using SipReg.Analysis.Pipeline;
using SipReg.Pcap;

namespace SipReg.Fuzz;

/// <summary>Bounds and length of a fuzz run.</summary>
internal sealed record FuzzOptions
{
    /// <summary>Base seed; input <c>i</c> is mutated with <see cref="FuzzHarness.InputSeed"/>(seed, i).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Stop after this long (null: no time limit).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after this many inputs (null: no count limit).</summary>
    public long? MaxInputs { get; init; }

    /// <summary>An input whose analysis takes longer fails; its analysis is cancelled at this point.</summary>
    public TimeSpan PerInputTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra time after cancellation before an input is declared hung (the pipeline ignored its token).</summary>
    public TimeSpan HangGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Caps the pipeline runs with (the tool's defaults unless changed).</summary>
    public PipelineOptions Pipeline { get; init; } = PipelineOptions.Default;

    /// <summary>
    /// Most managed-heap growth allowed while one input is analysed. Null: what the caps allow (TCP reassembly, stream
    /// framing, fragment sets and one pcapng block at their maxima) plus 64 MiB of slack and 16 times the input.
    /// </summary>
    public long? MaxManagedGrowthBytes { get; init; }

    /// <summary>Most bytes allocated (not held) while analysing one input: 1 GiB plus this many times the input's size.</summary>
    public int MaxAllocatedPerInputByte { get; init; } = 1000;

    /// <summary>Where failing inputs are saved (created on the first failure).</summary>
    public required string ArtifactsDirectory { get; init; }

    /// <summary>The managed-heap growth bound in force.</summary>
    public long ManagedGrowthBound(long inputLength) => MaxManagedGrowthBytes ?? (
        Pipeline.Decoder.MaxTcpBufferedBytes
        + Pipeline.MaxTotalStreamBufferBytes
        + (long)Pipeline.Decoder.MaxFragmentSets * Pipeline.Decoder.MaxDatagramSize
        + Pipeline.Reader.MaxBlockLength
        + (64L << 20)
        + 16 * inputLength);
}

/// <summary>One input that broke a rule, with what is needed to replay it.</summary>
/// <param name="Seed">The input's seed (<c>--replay SEED --file FILE</c>).</param>
/// <param name="File">The corpus capture it was made from (relative to the corpus root).</param>
/// <param name="Mutations">What was done to it.</param>
/// <param name="Reason">The rule it broke and the details (exception and stack trace, times, sizes).</param>
/// <param name="SavedAs">Where the input was saved.</param>
internal sealed record FuzzFailure(int Seed, string File, string Mutations, string Reason, string? SavedAs)
{
    public override string ToString() => $"FAIL seed {Seed} file {File} [{Mutations}]: {Reason}" + (SavedAs is null ? "" : $" (saved as {SavedAs})");
}

/// <summary>What one analysis did: how long, how much memory, whether it was a capture at all.</summary>
internal readonly record struct FuzzMeasurement(TimeSpan Elapsed, long ManagedGrowth, long Allocated, bool NotACapture, string? Failure);

/// <summary>The totals of a run; <see cref="ClosingLine"/> is what CI and the soak print last.</summary>
internal sealed class FuzzResult
{
    public long Inputs { get; set; }

    public long NotACapture { get; set; }

    public long Records { get; set; }

    public long Capped { get; set; }

    public List<FuzzFailure> Failures { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public TimeSpan SlowestInput { get; set; }

    public long MaxManagedGrowth { get; set; }

    public long MaxAllocated { get; set; }

    public long PeakWorkingSet { get; set; }

    /// <summary>The input that took longest (seed, file, mutations), to replay.</summary>
    public string? SlowestInputName { get; set; }

    /// <summary>The input that grew the managed heap most.</summary>
    public string? LargestGrowthInputName { get; set; }

    public Dictionary<string, long> MutationCounts { get; } = new(StringComparer.Ordinal);

    public string ClosingLine =>
        string.Create(CultureInfo.InvariantCulture,
            $"fuzz: {Inputs} inputs tried, {Failures.Count} failures, peak working set {PeakWorkingSet >> 20} MB");

    public IEnumerable<string> SummaryLines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"fuzz: {Elapsed.TotalSeconds:F0} s, {Inputs / Math.Max(1, Elapsed.TotalSeconds):F1} inputs/s, {NotACapture} inputs refused as not a capture (PcapException)");
        yield return string.Create(c, $"fuzz: {Records} records analysed, {Capped} records capped");
        yield return string.Create(c, $"fuzz: slowest input {SlowestInput.TotalMilliseconds:F0} ms, largest managed-heap growth {MaxManagedGrowth >> 20} MB, most bytes allocated by one input {MaxAllocated >> 20} MB");
        yield return $"fuzz: slowest input: {SlowestInputName}";
        yield return $"fuzz: largest heap growth: {LargestGrowthInputName}";
        yield return "fuzz: mutations applied: " + string.Join(", ", MutationCounts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
        foreach (var f in Failures)
        {
            yield return f.ToString();
        }

        yield return ClosingLine;
    }
}

/// <summary>
/// Runs mutated captures through the whole pipeline (<see cref="CaptureAnalyzer.AnalyzeAsync"/>) and fails an input on
/// any exception but <see cref="PcapException"/>, on a run past the time bound or a hang, on records not accounted for,
/// or on managed memory past the caps.
/// </summary>
internal sealed class FuzzHarness : IDisposable
{
    private readonly FuzzOptions _options;
    private readonly Action<string> _log;
    private readonly MemorySampler _sampler = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private int _hangs;

    public FuzzHarness(FuzzOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>The seed of input <paramref name="index"/> of a run started with <paramref name="seed"/>.</summary>
    public static int InputSeed(int seed, long index) => unchecked((seed * 1_000_003) + (int)index * 7919 + (int)(index >> 32));

    /// <summary>Mutates the corpus files round robin until the duration or input count is reached.</summary>
    public async Task<FuzzResult> RunAsync(IReadOnlyList<string> corpusFiles, CancellationToken cancellationToken = default)
    {
        var result = new FuzzResult();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        for (long i = 0; ; i++)
        {
            if ((_options.MaxInputs is { } max && i >= max) || (_options.Duration is { } d && clock.Elapsed >= d)
                || cancellationToken.IsCancellationRequested || _hangs >= 3)
            {
                break;
            }

            string file = corpusFiles[(int)(i % corpusFiles.Count)];
            int seed = InputSeed(_options.Seed, i);
            MutatedCapture mutated;
            try
            {
                mutated = CaptureMutator.Mutate(Load(file), new Random(seed));
            }
            catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
            {
                // A bug of the mutator, not of the pipeline: reported as a failure, and the run goes on.
                result.Inputs++;
                var broken = new FuzzFailure(seed, file, "(mutator)", "mutator exception: " + e, null);
                result.Failures.Add(broken);
                _log(broken.ToString());
                continue;
            }

            foreach (var part in mutated.Mutations.Split(" + "))
            {
                string kind = part.Split('(', ' ')[0];
                result.MutationCounts[kind] = result.MutationCounts.GetValueOrDefault(kind) + 1;
            }

            var slowest = result.SlowestInput;
            var largest = result.MaxManagedGrowth;
            var m = await RunOneAsync(mutated.Bytes, result).ConfigureAwait(false);
            result.Inputs++;
            if (result.SlowestInput > slowest)
            {
                result.SlowestInputName = $"seed {seed} file {file} [{mutated.Mutations}], {mutated.Bytes.Length} bytes";
            }

            if (result.MaxManagedGrowth > largest)
            {
                result.LargestGrowthInputName = $"seed {seed} file {file} [{mutated.Mutations}], {mutated.Bytes.Length} bytes";
            }

            if (m.Failure is not null)
            {
                var failure = new FuzzFailure(seed, file, mutated.Mutations, m.Failure, Save(seed, file, mutated));
                result.Failures.Add(failure);
                _log(failure.ToString());
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromMinutes(1))
            {
                lastReport = clock.Elapsed;
                _log(string.Create(CultureInfo.InvariantCulture,
                    $"fuzz: {clock.Elapsed.TotalMinutes:F0} min, {result.Inputs} inputs, {result.Failures.Count} failures, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB"));
            }
        }

        result.Elapsed = clock.Elapsed;
        result.PeakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        return result;
    }

    /// <summary>Replays one input from its seed and corpus file.</summary>
    public async Task<(MutatedCapture Input, FuzzMeasurement Measurement)> ReplayAsync(int seed, string file)
    {
        var mutated = CaptureMutator.Mutate(Load(file), new Random(seed));
        var m = await RunOneAsync(mutated.Bytes, new FuzzResult()).ConfigureAwait(false);
        return (mutated, m);
    }

    /// <summary>Analyses one input and checks every rule; <see cref="FuzzMeasurement.Failure"/> says which broke.</summary>
    public async Task<FuzzMeasurement> RunOneAsync(byte[] input, FuzzResult totals)
    {
        long baseline = _sampler.Reset();
        long allocatedBefore = GC.GetTotalAllocatedBytes(false);
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(_options.PerInputTimeout);
        var run = Task.Run(async () =>
        {
            await using var source = CaptureMessageSource.Create(new MemoryStream(input, writable: false), _options.Pipeline);
            return await CaptureAnalyzer.AnalyzeAsync(source, "fuzz", cancellationToken: timeout.Token).ConfigureAwait(false);
        });

        string? failure = null;
        bool notACapture = false;
        CaptureAnalysis? analysis = null;
        try
        {
            analysis = await run.WaitAsync(_options.PerInputTimeout + _options.HangGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _hangs++;
            failure = $"hang: no result {(_options.PerInputTimeout + _options.HangGrace).TotalSeconds:F0} s after start (the analysis ignored cancellation)";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failure = $"timeout: cancelled after {_options.PerInputTimeout.TotalSeconds:F0} s";
        }
        catch (PcapException)
        {
            notACapture = true;
        }
        catch (Exception e)
        {
            failure = "exception: " + e;
        }

        var elapsed = clock.Elapsed;
        long growth = _sampler.Peak - baseline;
        long allocated = GC.GetTotalAllocatedBytes(false) - allocatedBefore;
        if (failure is null && elapsed > _options.PerInputTimeout)
        {
            failure = $"timeout: {elapsed.TotalMilliseconds:F0} ms > {_options.PerInputTimeout.TotalMilliseconds:F0} ms";
        }

        if (failure is null && analysis is not null)
        {
            var a = analysis.Accounting;
            if (a.Records != a.Accounted || analysis.Capture.Packets != a.Records)
            {
                failure = $"accounting: records {a.Records} (summary {analysis.Capture.Packets}) != accounted {a.Accounted} (sip {a.Sip}, dns {a.Dns}, keepalive {a.KeepAlive}, " +
                    $"other {a.Other}, unsupported {a.UnsupportedLinkType}, truncated {a.Truncated}, malformed {a.Malformed}, capped {a.Capped}, pending {a.PendingReassembly})";
            }

            totals.Records += a.Records;
            totals.Capped += a.Capped;
        }

        long growthBound = _options.ManagedGrowthBound(input.Length);
        if (failure is null && growth > growthBound)
        {
            failure = $"memory: managed heap grew {growth >> 20} MB > bound {growthBound >> 20} MB";
        }

        long allocatedBound = (1L << 30) + (long)_options.MaxAllocatedPerInputByte * input.Length;
        if (failure is null && allocated > allocatedBound)
        {
            failure = $"memory: {allocated >> 20} MB allocated > bound {allocatedBound >> 20} MB for a {input.Length}-byte input";
        }

        totals.NotACapture += notACapture ? 1 : 0;
        totals.SlowestInput = elapsed > totals.SlowestInput ? elapsed : totals.SlowestInput;
        totals.MaxManagedGrowth = Math.Max(totals.MaxManagedGrowth, growth);
        totals.MaxAllocated = Math.Max(totals.MaxAllocated, allocated);
        return new FuzzMeasurement(elapsed, growth, allocated, notACapture, failure);
    }

    public void Dispose() => _sampler.Dispose();

    private byte[] Load(string file)
    {
        if (!_files.TryGetValue(file, out byte[]? bytes))
        {
            bytes = File.ReadAllBytes(Testing.Corpus.PathOf(file));
            _files[file] = bytes;
        }

        return bytes;
    }

    private string? Save(int seed, string file, MutatedCapture input)
    {
        try
        {
            Directory.CreateDirectory(_options.ArtifactsDirectory);
            string name = string.Create(CultureInfo.InvariantCulture, $"seed-{seed}-{Path.GetFileNameWithoutExtension(file)}");
            string path = Path.Combine(_options.ArtifactsDirectory, name + ".bin");
            File.WriteAllBytes(path, input.Bytes);
            File.WriteAllText(Path.Combine(_options.ArtifactsDirectory, name + ".txt"),
                $"seed {seed}\nfile {file}\nmutations {input.Mutations}\nreplay: dotnet run -c Release --project tests/SipReg.Fuzz -- --replay {seed} --file {file}\n");
            return path;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
