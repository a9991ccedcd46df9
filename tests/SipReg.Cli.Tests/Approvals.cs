using SipReg.Testing;

namespace SipReg.Cli.Tests;

/// <summary>
/// Approved-file snapshots: output is compared byte for byte with <c>Approved/NAME.approved.EXT</c>. On a difference the
/// actual output is written beside it as <c>NAME.received.EXT</c> and the test fails with the first differing line.
/// Set <c>SIPREG_APPROVE=1</c> to accept the received output after reviewing it.
/// </summary>
internal static class Approvals
{
    /// <summary>
    /// The approved files' folder, found from the repository root: the compiler's caller path cannot be used because a
    /// CI build (<c>ContinuousIntegrationBuild</c>) maps source paths to <c>/_/</c>.
    /// </summary>
    private static string Folder => Path.Combine(Corpus.RepositoryRoot, "tests", "SipReg.Cli.Tests", "Approved");

    public static void Verify(string name, string extension, string actual)
    {
        var folder = Folder;
        var approvedPath = Path.Combine(folder, name + ".approved." + extension);
        var receivedPath = Path.Combine(folder, name + ".received." + extension);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable("SIPREG_APPROVE") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        if (approved is null)
        {
            Assert.Fail($"No approved file {approvedPath}; review {receivedPath} and rename it (or run with SIPREG_APPROVE=1).");
        }

        var expectedLines = approved.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                Assert.Fail($"{name}.{extension} differs from the approved file at line {i + 1}:\n  approved: {e}\n  received: {a}\n(received output written to {receivedPath})");
            }
        }
    }

    /// <summary>Machine-specific parts (the corpus location, the tool version) are replaced by stable placeholders.</summary>
    private static string Normalize(string text) =>
        text.Replace(Corpus.Root, "<corpus>", StringComparison.Ordinal)
            .Replace("\"version\": \"" + Program.Version + "\"", "\"version\": \"<version>\"", StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal);
}
