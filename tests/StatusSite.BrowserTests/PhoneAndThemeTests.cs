using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;

namespace StatusSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PhoneAndThemeTests(SampleSite site)
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };

    [Fact]
    public async Task On_a_phone_no_page_scrolls_sideways()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone, IsMobile = true, HasTouch = true });
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);
            var widths = await page.EvaluateJsonAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{kind} ({path}) is {widths[0]} px wide in a {widths[1]} px viewport");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_every_tap_target_is_at_least_24_px()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone, IsMobile = true, HasTouch = true });
        var small = new List<string>();
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);

            // WCAG 2.5.8 exempts a link inside a sentence: its size is set by the text around it.
            small.AddRange(await page.EvaluateJsonAsync<List<string>>("""
                () => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
                  .filter(e => {
                    const r = e.getBoundingClientRect();
                    if (r.width === 0 && r.height === 0) return false;
                    const host = e.parentElement;
                    const inSentence = getComputedStyle(e).display === 'inline' && host.textContent.trim().length > e.textContent.trim().length;
                    return !inSentence && (r.width < 24 || r.height < 24);
                  })
                  .map(e => { const r = e.getBoundingClientRect(); return `'${e.textContent.trim()}' ${Math.round(r.width)}×${Math.round(r.height)}`; })
                """).ContinueWith(t => t.Result.Select(s => $"{kind}: {s}"), TaskScheduler.Default));
            await page.CloseAsync();
        }

        Assert.True(small.Count == 0, "tap targets under 24×24 px:\n" + string.Join("\n", small));
    }

    [Theory]
    [InlineData(ColorScheme.Light, false)]
    [InlineData(ColorScheme.Dark, true)]
    public async Task Colour_scheme_preference_chooses_the_theme(ColorScheme scheme, bool dark)
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ColorScheme = scheme });
        var page = await SampleSite.OpenAsync(context, "");
        var colours = await page.EvaluateJsonAsync<string[]>("() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]");

        Assert.Equal(dark, Luminance(colours[0]) < 0.2);
        Assert.Equal(dark, Luminance(colours[1]) > 0.6);
    }

    /// <summary>Relative luminance (WCAG) of a computed 'rgb(r, g, b)' colour.</summary>
    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)]
            .Split(',').Take(3).Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        return (0.2126 * Linear(parts[0])) + (0.7152 * Linear(parts[1])) + (0.0722 * Linear(parts[2]));
    }
}
