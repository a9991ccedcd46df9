namespace SipReg.Dns;

/// <summary>ASCII case folding for names: DNS compares names case-insensitively in ASCII only (RFC 4343 §3).</summary>
internal static class DnsAscii
{
    public static int ToLower(int c) => (uint)(c - 'A') <= 'Z' - 'A' ? c | 0x20 : c;

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (ToLower(a[i]) != ToLower(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
