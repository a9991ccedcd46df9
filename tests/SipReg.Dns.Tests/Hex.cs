namespace SipReg.Dns.Tests;

/// <summary>Hex with spaces and comments: <c>Hex.Bytes("0001 8180 # flags")</c>.</summary>
public static class Hex
{
    public static byte[] Bytes(string text)
    {
        var clean = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            clean.Append(hash < 0 ? line : line[..hash]);
        }

        return Convert.FromHexString(clean.ToString().Replace(" ", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
    }
}
