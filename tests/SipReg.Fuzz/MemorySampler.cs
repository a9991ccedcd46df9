namespace SipReg.Fuzz;

/// <summary>
/// Samples the managed heap size (<see cref="GC.GetTotalMemory(bool)"/>) on a background thread so the peak reached
/// while an input is analysed can be compared with a bound, not only what is left when it ends.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly int _intervalMilliseconds;
    private volatile bool _stopped;
    private long _peak;

    public MemorySampler(int intervalMilliseconds = 5)
    {
        _intervalMilliseconds = intervalMilliseconds;
        _thread = new Thread(Run) { IsBackground = true, Name = "fuzz memory sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Starts a new measurement window and returns the heap size now (its baseline).</summary>
    public long Reset()
    {
        long now = GC.GetTotalMemory(false);
        Interlocked.Exchange(ref _peak, now);
        return now;
    }

    /// <summary>The largest heap size seen since the last <see cref="Reset"/> (sampled, and once more now).</summary>
    public long Peak
    {
        get
        {
            Observe();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stopped)
        {
            Observe();
            Thread.Sleep(_intervalMilliseconds);
        }
    }

    private void Observe()
    {
        long now = GC.GetTotalMemory(false);
        long seen = Interlocked.Read(ref _peak);
        while (now > seen)
        {
            long previous = Interlocked.CompareExchange(ref _peak, now, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }
}
