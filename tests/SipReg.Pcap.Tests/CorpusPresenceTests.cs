using SipReg.Testing;

namespace SipReg.Pcap.Tests;

public sealed class CorpusPresenceTests
{
    [Fact]
    public void Every_capture_named_in_expectations_exists_in_the_shared_corpus()
    {
        using var expectations = Corpus.ReadJson("expectations.json");
        var names = expectations.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(File.Exists(Corpus.PathOf(n)), n + " is missing from " + Corpus.Root));
    }
}
