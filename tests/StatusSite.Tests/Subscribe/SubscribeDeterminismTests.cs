using StatusSite.Tests.Support;

namespace StatusSite.Tests.Subscribe;

public sealed class SubscribeDeterminismTests
{
    [Fact]
    public async Task Feeds_calendar_api_and_badges_are_byte_identical_across_builds_with_the_same_clock()
    {
        using var site = TestSite.FromSample();
        var second = Path.Combine(site.Root, "_site2");
        Assert.True((await site.BuildAsync()).Succeeded);
        Assert.True((await site.BuildAsync(output: second)).Succeeded);

        var a = TestSite.Snapshot(site.Output);
        var b = TestSite.Snapshot(second);

        var subscribe = a.Keys.Where(k => k.EndsWith(".atom", StringComparison.Ordinal) || k.EndsWith(".rss", StringComparison.Ordinal)
            || k.EndsWith(".json", StringComparison.Ordinal) || k.EndsWith(".ics", StringComparison.Ordinal) || k.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        Assert.True(subscribe.Count > 30, $"{subscribe.Count} subscribe outputs");
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(b[pair.Key]), pair.Key));
    }
}
