namespace SipReg.Benchmarks.Infrastructure;

/// <summary>
/// What one operation of a benchmark processes, so that <see cref="ThroughputColumn"/> can turn the mean time into
/// MB/s and messages/s. The column creates a fresh instance in the host process, sets its parameters and calls
/// <see cref="Prepare"/>, so the numbers must depend only on the parameters (generated inputs are deterministic).
/// </summary>
public interface IThroughputWorkload
{
    /// <summary>Builds the inputs (the class's <c>[GlobalSetup]</c> calls the same method).</summary>
    void Prepare();

    /// <summary>Bytes and messages (or packets) one call of <paramref name="benchmarkMethod"/> processes.</summary>
    Workload GetWorkload(string benchmarkMethod);
}

/// <summary>The size of one benchmark operation.</summary>
/// <param name="Bytes">Input bytes processed.</param>
/// <param name="Messages">Messages or packets processed.</param>
public readonly record struct Workload(long Bytes, long Messages);
