namespace SipReg.Cli;

/// <summary>
/// Keeps the GC heap of a long analysis close to its live state, so that peak memory follows the live state rather
/// than the length of the capture (860 MB fleet: 138-146 MB against 121-126 MB for its 84 MB cut, 195 MB before).
/// </summary>
/// <remarks>
/// <para>
/// Left alone, the GC lets what survives one gen-0 collection pile up in gen 1 (its budget there is large) and then in
/// gen 2, where most of it dies: the transactions a flow's window lets go, the events and Contact lists a refresh
/// replaces. Nothing collects it until gen 2's own budget is spent, so resident memory grows with the length of the
/// capture (860 MB fleet: live ~55 MB, heap ~115 MB at the end).
/// </para>
/// <para>
/// After each GC this looks at what it left (<see cref="CollectionDue"/>): gen 1 above <see cref="Gen1Limit"/> is
/// collected (a gen-1 GC only traces gens 0 and 1: milliseconds), and gen 2 grown by a quarter of what the last full
/// GC kept (at least <see cref="MinGen2Growth"/>) is collected and compacted. A full GC therefore comes after garbage
/// in proportion to the live state, so its cost per byte allocated stays bounded however many UAs a capture holds. A
/// process-wide policy, so it belongs to the tool, not the libraries: an application that embeds the analyzer keeps
/// its own GC settings.
/// </para>
/// </remarks>
internal sealed class HeapGovernor : IDisposable
{
    /// <summary>Gen 1 is collected when the last GC left more than this in it.</summary>
    public const long Gen1Limit = 4 << 20;

    /// <summary>The least growth of gen 2 since the last full GC that calls for a new one.</summary>
    public const long MinGen2Growth = 8 << 20;

    private const int PollMilliseconds = 50;

    private readonly Timer _timer;
    private int _lastCollectionCount;
    private int _checking;

    /// <summary>Starts watching the heap; <see cref="Dispose"/> stops.</summary>
    public HeapGovernor()
    {
        _lastCollectionCount = GC.CollectionCount(0);
        _timer = new Timer(static state => ((HeapGovernor)state!).Check(), this, PollMilliseconds, PollMilliseconds);
    }

    /// <summary>
    /// Which collection is due after a GC left <paramref name="gen1"/> and <paramref name="gen2"/> bytes in gens 1 and 2,
    /// when the last full GC kept <paramref name="keptByLastFull"/> in gen 2 (0 before the first): 2, 1, or 0 for none.
    /// </summary>
    internal static int CollectionDue(long gen1, long gen2, long keptByLastFull) =>
        gen2 > keptByLastFull + Math.Max(MinGen2Growth, keptByLastFull / 4) ? 2
        : gen1 > Gen1Limit ? 1
        : 0;

    /// <summary>Stops watching.</summary>
    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        // A check that waits for a full GC can outlast the period: the next tick then has nothing to do.
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            CheckOnce();
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    private void CheckOnce()
    {
        // Every GC counts as a gen-0 collection too: nothing changed since the last look without one.
        var count = GC.CollectionCount(0);
        if (count == _lastCollectionCount)
        {
            return;
        }

        var last = GC.GetGCMemoryInfo(GCKind.Any);
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var keptByLastFull = full.Index == 0 ? 0 : full.GenerationInfo[2].SizeAfterBytes;
        var generation = CollectionDue(last.GenerationInfo[1].SizeAfterBytes, last.GenerationInfo[2].SizeAfterBytes, keptByLastFull);
        if (generation > 0)
        {
            // Only the full GC compacts: a gen-1 GC that does not stays a matter of milliseconds.
            GC.Collect(generation, GCCollectionMode.Forced, blocking: true, compacting: generation == 2);
        }

        _lastCollectionCount = GC.CollectionCount(0);
    }
}
