using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;

namespace StatusSite.BrowserTests;

/// <summary>
/// The header on a 360 px phone: the navigation on one line, the subscribe control beside it, working from the
/// keyboard without script and in both schemes; label/value boxes reflow with the label above the value.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HeaderAndPhoneLayoutTests(SampleSite site)
{
    private static readonly ViewportSize NarrowPhone = new() { Width = 360, Height = 740 };

    private const string Summary = "header details.subscribe > summary";

    [Fact]
    public async Task At_360_px_the_navigation_is_one_line_and_nothing_scrolls_sideways_on_every_page_kind()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ViewportSize = NarrowPhone, IsMobile = true, HasTouch = true });
        var problems = new List<string>();
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);
            var layout = await page.EvaluateJsonAsync<Layout>("""
                () => ({
                  tops: [...document.querySelectorAll('header nav li')].map(li => Math.round(li.getBoundingClientRect().top)),
                  outside: [...document.querySelectorAll('header a, header summary')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > document.documentElement.clientWidth; })
                    .map(e => e.textContent.trim()),
                  scrollWidth: document.documentElement.scrollWidth,
                  clientWidth: document.documentElement.clientWidth
                })
                """);
            if (layout.Tops.Length != 4 || layout.Tops.Distinct().Count() != 1)
            {
                problems.Add($"{kind} ({path}): navigation items at tops {string.Join(", ", layout.Tops)}");
            }

            if (layout.Outside.Length > 0)
            {
                problems.Add($"{kind} ({path}): outside the viewport: {string.Join(", ", layout.Outside)}");
            }

            if (layout.ScrollWidth > layout.ClientWidth)
            {
                problems.Add($"{kind} ({path}): {layout.ScrollWidth} px wide in a {layout.ClientWidth} px viewport");
            }

            await page.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Subscribe_control_opens_from_the_keyboard_without_script_stays_on_screen_and_moves_nothing()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ViewportSize = NarrowPhone, JavaScriptEnabled = false, TimezoneId = "Europe/Berlin" });
        var page = await SampleSite.OpenAsync(context, "components/api/");

        // The script would add local times in Berlin: without it, there are none.
        Assert.Equal(0, await page.Locator(".local").CountAsync());

        var summary = page.Locator(Summary);
        var details = page.Locator("header details.subscribe");
        var links = page.Locator("header .subscribe-menu a");
        var mainTop = (await page.Locator("main").BoundingBoxAsync())!.Y;
        Assert.False(await links.First.IsVisibleAsync());

        // Tab from the top of the page reaches the control after the skip link, the brand and the navigation.
        var tabs = 0;
        while (!await summary.EvaluateAsync<bool>("e => e === document.activeElement"))
        {
            Assert.True(++tabs < 10, "Tab never reached the subscribe control");
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        Assert.NotNull(await details.GetAttributeAsync("open"));
        Assert.Equal(10, await links.CountAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await links.First.EvaluateAsync<bool>("e => e === document.activeElement"), "Tab after opening does not enter the menu");

        var menu = (await page.Locator("header .subscribe-menu").BoundingBoxAsync())!;
        Assert.True(menu.X >= 0 && menu.X + menu.Width <= NarrowPhone.Width, $"the menu spans {menu.X}–{menu.X + menu.Width} px of {NarrowPhone.Width}");
        Assert.Equal(mainTop, (await page.Locator("main").BoundingBoxAsync())!.Y);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));

        // Space on the focused control closes it again, as on a button.
        await summary.FocusAsync();
        await page.Keyboard.PressAsync(" ");
        Assert.Null(await details.GetAttributeAsync("open"));
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Open_subscribe_control_has_no_WCAG_2_2_AA_violations_and_an_opaque_menu(ColorScheme scheme)
    {
        Directory.CreateDirectory(SampleSite.ScreenshotDir);
        var found = new List<string>();
        foreach (var (device, viewport) in new[] { ("desktop", new ViewportSize { Width = 1280, Height = 800 }), ("phone", NarrowPhone) })
        {
            await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ColorScheme = scheme, ViewportSize = viewport });
            foreach (var (name, path) in new[] { ("home", ""), ("component", "components/api/") })
            {
                var page = await SampleSite.OpenAsync(context, path);
                await page.Locator(Summary).ClickAsync();
                var background = await page.Locator("header .subscribe-menu").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
                Assert.DoesNotContain("rgba", background, StringComparison.Ordinal);
                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
                found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{name} {device} {scheme}: {v.Id}: {n.Html}")));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SampleSite.ScreenshotDir, $"subscribe-{name}-{scheme.ToString().ToLowerInvariant()}-{device}.png") });
                await page.CloseAsync();
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task Impact_and_metrics_put_each_label_above_its_value_at_360_px_and_beside_it_on_a_desktop()
    {
        var postmortem = site.PageKinds.Single(k => k.Kind == "postmortems/*").Path;
        foreach (var (viewport, above) in new[] { (NarrowPhone, true), (new ViewportSize { Width = 1280, Height = 800 }, false) })
        {
            await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport });
            var page = await SampleSite.OpenAsync(context, postmortem);
            var pairs = await page.EvaluateJsonAsync<List<Pair>>("""
                () => [...document.querySelectorAll('.impact-box dt, .metrics dt')].map(dt => {
                  const dd = dt.nextElementSibling, a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
                  return { label: dt.textContent.trim(), labelBottom: a.bottom, labelLeft: a.left, valueTop: b.top, valueLeft: b.left };
                })
                """);

            Assert.True(pairs.Count >= 5, $"{pairs.Count} label/value pairs on {postmortem}");
            Assert.All(pairs, p => Assert.True(
                above ? p.ValueTop >= p.LabelBottom - 1 && Math.Abs(p.ValueLeft - p.LabelLeft) < 1 : p.ValueTop < p.LabelBottom && p.ValueLeft > p.LabelLeft,
                $"'{p.Label}' at {viewport.Width} px: label bottom {p.LabelBottom}, left {p.LabelLeft}; value top {p.ValueTop}, left {p.ValueLeft}"));
            await page.CloseAsync();
        }
    }

    private sealed record Layout(int[] Tops, string[] Outside, int ScrollWidth, int ClientWidth);

    private sealed record Pair(string Label, double LabelBottom, double LabelLeft, double ValueTop, double ValueLeft);
}
