using System.Globalization;
using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;

namespace StatusSite.BrowserTests;

/// <summary>The page is complete without JavaScript; the script only adds the reader's local times and the stale notice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScriptTests(SampleSite site)
{
    private const string MainText = "() => document.querySelector('main').innerText";

    [Fact]
    public async Task Without_javascript_every_page_shows_all_its_content_with_times_in_UTC()
    {
        await using var off = await site.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await using var on = await site.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "Asia/Tokyo" });
        foreach (var (kind, path) in site.PageKinds)
        {
            var plain = await SampleSite.OpenAsync(off, path);
            var times = await plain.EvaluateJsonAsync<List<string>>("() => [...document.querySelectorAll('time')].map(t => t.innerText)");
            Assert.All(times.Where(t => t.Contains(':', StringComparison.Ordinal)), t => Assert.EndsWith(" UTC", t, StringComparison.Ordinal));
            Assert.Equal(0, await plain.Locator(".local").CountAsync());
            Assert.False(await plain.Locator(".stale").IsVisibleAsync());

            // With the script the same page says everything it said without, and adds only local times.
            var enhanced = await SampleSite.OpenAsync(on, path);
            var withoutLocal = await enhanced.EvaluateAsync<string>("() => { document.querySelectorAll('.local').forEach(e => e.remove()); return document.querySelector('main').innerText; }");
            Assert.Equal(await plain.EvaluateAsync<string>(MainText), withoutLocal);
            Assert.False(string.IsNullOrWhiteSpace(withoutLocal), kind);
            await plain.CloseAsync();
            await enhanced.CloseAsync();
        }
    }

    [Fact]
    public async Task With_javascript_each_time_gains_the_readers_local_zone()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "America/New_York", Locale = "en-US" });
        var incident = site.PageKinds.Single(k => k.Kind == "incidents/*").Path;
        var page = await SampleSite.OpenAsync(context, incident);

        var pairs = await page.EvaluateJsonAsync<List<string[]>>("""
            () => [...document.querySelectorAll('time[data-local]')].map(t => [t.innerText, t.nextElementSibling && t.nextElementSibling.matches('.local') ? t.nextElementSibling.innerText : '', t.getAttribute('datetime')])
            """);
        Assert.NotEmpty(pairs);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.All(pairs, p =>
        {
            Assert.EndsWith(" UTC", p[0], StringComparison.Ordinal);

            // The local time in the page's own format, as the UTC time is written: '26 Nov 2026, 17:10 EST'.
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(p[2], CultureInfo.InvariantCulture), newYork);
            var zone = newYork.IsDaylightSavingTime(local) ? "EDT" : "EST";
            Assert.Equal($" ({local.ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en"))} {zone})", p[1]);
        });
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(29, false)]
    [InlineData(31, true)]
    [InlineData(60 * 24 * 3, true)]
    public async Task Stale_notice_appears_once_the_build_is_older_than_policy(int minutesSinceBuild, bool stale)
    {
        Assert.Equal(TimeSpan.FromMinutes(30), site.Model.Settings.Policy.StaleAfter);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(SampleSite.BuiltAt.AddMinutes(minutesSinceBuild).UtcDateTime);
        await page.GotoAsync("");

        var notice = page.Locator(".stale");
        Assert.Equal(stale, await notice.IsVisibleAsync());
        if (stale)
        {
            Assert.Equal("status", await notice.GetAttributeAsync("role"));
            Assert.Contains("may be out of date", await notice.InnerTextAsync(), StringComparison.Ordinal);
        }
    }
}
