using System.Globalization;
using StatusSite.Benchmarks;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class SyntheticCorpusTests
{
    [Fact]
    public async Task Generated_corpus_builds_identically_on_one_core_and_on_all()
    {
        using var site = TestSite.Create(siteYml: null);
        CorpusGenerator.Write(site.Input, 200);
        var now = CorpusGenerator.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var one = Path.Combine(site.Root, "one-core");
        var all = Path.Combine(site.Root, "all-cores");

        var serial = await SiteBuilder.BuildAsync(site.Options(now, one, parallelism: 1));
        var parallel = await SiteBuilder.BuildAsync(site.Options(now, all, parallelism: Math.Max(2, Environment.ProcessorCount)));

        Assert.True(serial.Succeeded, string.Join("\n", serial.Diagnostics));
        Assert.True(parallel.Succeeded, string.Join("\n", parallel.Diagnostics));
        Assert.Equal(200, serial.Model!.Incidents.Count);
        var a = TestSite.Snapshot(one);
        var b = TestSite.Snapshot(all);
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(b[pair.Key]), pair.Key));
    }

    [Fact]
    public void Generator_is_deterministic_for_a_seed()
    {
        using var first = TestSite.Create(siteYml: null);
        using var second = TestSite.Create(siteYml: null);
        CorpusGenerator.Write(first.Input, 120);
        CorpusGenerator.Write(second.Input, 120);

        var a = TestSite.Snapshot(first.Input);
        var b = TestSite.Snapshot(second.Input);
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(b[pair.Key]), pair.Key));
        Assert.Equal(120, a.Keys.Count(k => k.StartsWith("incidents/", StringComparison.Ordinal)));
    }
}
