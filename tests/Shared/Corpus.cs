using System.Text.Json;

namespace SipReg.Testing;

/// <summary>
/// Locates the shared capture corpus (<c>../shared/corpus</c> beside the checkout) and the repository root.
/// Tests read the corpus in place; nothing is copied into the repository.
/// </summary>
internal static class Corpus
{
    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The checkout's root folder (the one holding SipReg.sln).</summary>
    public static string RepositoryRoot => s_repositoryRoot.Value;

    /// <summary>The corpus folder, <c>../shared/corpus</c> relative to the repository root.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    /// <summary>Full path of a corpus file given relative to the corpus root, e.g. <c>live/05_final_403.pcap</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Every capture file (pcap, pcapng) under a corpus folder (<c>live</c>, <c>edge</c>, <c>public</c>), relative to the root.</summary>
    public static IEnumerable<string> Captures(string folder)
    {
        var dir = Path.Combine(Root, folder);
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)
                || f.EndsWith(".cap", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Every capture in the corpus, relative to its root.</summary>
    public static IEnumerable<string> AllCaptures() => Captures("live").Concat(Captures("edge")).Concat(Captures("public"));

    /// <summary>xunit member data: every capture of a folder.</summary>
    public static TheoryData<string> CaptureData(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var c in Captures(folder))
        {
            data.Add(c);
        }

        return data;
    }

    /// <summary>Parses a JSON file of the corpus.</summary>
    public static JsonDocument ReadJson(string relative) => JsonDocument.Parse(File.ReadAllBytes(PathOf(relative)));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SipReg.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SipReg.sln not found above " + AppContext.BaseDirectory);
    }
}
