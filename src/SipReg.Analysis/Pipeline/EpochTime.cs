using System.Globalization;

namespace SipReg.Analysis.Pipeline;

/// <summary>Formats capture time the way every SipReg report does: epoch seconds with 9 fractional digits.</summary>
public static class EpochTime
{
    private const long NanosecondsPerSecond = 1_000_000_000L;

    /// <summary>Formats nanoseconds since the Unix epoch as e.g. <c>1709294400.000000123</c>.</summary>
    /// <param name="nanoseconds">Nanoseconds since the Unix epoch (may be negative).</param>
    /// <returns>The decimal string.</returns>
    public static string Format(long nanoseconds)
    {
        var seconds = Math.DivRem(nanoseconds, NanosecondsPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += NanosecondsPerSecond;
        }

        return seconds.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture);
    }
}
