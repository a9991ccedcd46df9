using System.Diagnostics;
using System.Globalization;

namespace SipReg.Cli;

/// <summary>A one-line progress bar on stderr, redrawn at most ten times a second; shown only when stderr is a terminal.</summary>
internal sealed class ProgressBar(TextWriter error, long totalBytes) : IProgress<long>, IDisposable
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private bool _drawn;

    public void Report(long value)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs < 100)
        {
            return;
        }

        _lastDrawMs = now;
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var rate = value / seconds / (1 << 20);
        string line;
        if (totalBytes > 0)
        {
            var fraction = Math.Clamp((double)value / totalBytes, 0, 1);
            var filled = (int)(fraction * Width);
            line = string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,5:0.0}%  {rate,7:0.0} MB/s ");
        }
        else
        {
            line = string.Create(CultureInfo.InvariantCulture, $"\rread {value / (1 << 20):0.0} MB  {rate:0.0} MB/s (Ctrl-C stops reading and reports) ");
        }

        error.Write(line);
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn)
        {
            error.Write("\r" + new string(' ', Width + 30) + "\r");
        }
    }
}
