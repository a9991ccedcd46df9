namespace SipReg.Pcap;

/// <summary>Copies formatted ASCII text (addresses, endpoints) into a caller's char or UTF-8 destination.</summary>
internal static class AsciiText
{
    public static bool TryCopy(ReadOnlySpan<byte> ascii, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (ascii.Length > destination.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            destination[i] = (char)ascii[i];
        }

        charsWritten = ascii.Length;
        return true;
    }

    public static bool TryCopy(ReadOnlySpan<byte> ascii, Span<byte> utf8Destination, out int bytesWritten)
    {
        bytesWritten = ascii.TryCopyTo(utf8Destination) ? ascii.Length : 0;
        return bytesWritten == ascii.Length;
    }
}
