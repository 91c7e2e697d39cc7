using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;
using SiteView = StatusSite.Presentation.SiteView;

namespace StatusSite.BrowserTests;

/// <summary>
/// How the site looks as a customer sees it: the home page in every state and each kind of page a reader lands on,
/// on a desktop and a phone, light and dark, each kept as a screenshot for review and checked for sideways scrolling
/// and WCAG 2.2 AA; the banner painted in its status colour; the navigation on one line on a small phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotMatrixTests(SampleSite site)
{
    private static readonly string[] Pages =
        ["home-operational", "home-degraded", "home-major-outage", "home-maintenance", "home-30-components", "incident", "postmortem", "component", "history"];

    public static TheoryData<string, int, ColorScheme> Matrix()
    {
        var data = new TheoryData<string, int, ColorScheme>();
        foreach (var page in Pages)
        {
            foreach (var width in new[] { 1280, 375 })
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    data.Add(page, width, scheme);
                }
            }
        }

        return data;
    }

    public static TheoryData<HomeState, ColorScheme> HomeStatesAndSchemes()
    {
        var data = new TheoryData<HomeState, ColorScheme>();
        foreach (var state in Enum.GetValues<HomeState>())
        {
            data.Add(state, ColorScheme.Light);
            data.Add(state, ColorScheme.Dark);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Page_is_kept_as_a_screenshot_never_scrolls_sideways_and_has_no_WCAG_2_2_AA_violation(string name, int width, ColorScheme scheme)
    {
        var (served, path) = await Resolve(name);
        var phone = width < 800;
        await using var context = await site.NewContextAsync(served, new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = phone ? 812 : 900 },
            IsMobile = phone,
            HasTouch = phone,
            TimezoneId = "Europe/Berlin",
        });
        var page = await OpenShortlyAfterTheBuildAsync(context, path);

        var file = Path.Combine(SampleSite.ScreenshotDir, $"{name}-{width}-{scheme.ToString().ToLowerInvariant()}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000, $"{file} is nearly empty");

        var problems = new List<string>();
        var widths = await page.EvaluateJsonAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            var wide = await page.EvaluateJsonAsync<List<string>>("""
                () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                  .slice(0, 5).map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> ends at ${Math.round(e.getBoundingClientRect().right)} px`)
                """);
            problems.Add($"scrolls sideways: {widths[0]} px wide in a {widths[1]} px viewport; widest: {string.Join(", ", wide)}");
        }

        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = AccessibilityTests.WcagTags } });
        Assert.NotEmpty(axe.Passes);
        problems.AddRange(axe.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id}: {v.Help} at {n.Html}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")));

        Assert.True(problems.Count == 0, $"{name} ({path}) at {width} px, {scheme} (screenshot {file}):\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HomeStatesAndSchemes))]
    public async Task Home_page_banner_is_painted_in_the_colour_of_its_status(HomeState state, ColorScheme scheme)
    {
        var served = await site.HomeStateAsync(state);
        var status = SiteView.Css(served.Model.Overall.Shown);
        Assert.Equal(SiteView.Css(HomeStates.Shown(state)), status);
        await using var context = await site.NewContextAsync(served, new BrowserNewContextOptions { ColorScheme = scheme });
        var page = await SampleSite.OpenAsync(context, "");

        // The theme's hook: the banner says its status in data-status, and the theme's one status colour is the
        // colour of its 's-<status>' class; a probe with that class gives the colour the banner must be filled with.
        var banner = await page.EvaluateJsonAsync<BannerPaint?>("""
            () => {
              const banner = document.querySelector('.banner[data-status]');
              if (!banner) return null;
              const status = banner.dataset.status;
              const probe = document.createElement('span');
              probe.className = 's-' + status;
              document.body.append(probe);
              const expected = getComputedStyle(probe).color;
              probe.remove();
              return { status, expected, actual: getComputedStyle(banner).backgroundColor };
            }
            """);

        Assert.True(banner is not null, "the home page has no '.banner[data-status]': the theme lacks the banner's status hook");
        Assert.Equal(status, banner.Status);
        Assert.NotEqual(banner.Expected, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).color"));
        Assert.True(banner.Expected == banner.Actual, $"{state}, {scheme}: the banner's background is {banner.Actual}, the colour of s-{status} is {banner.Expected}");
    }

    [Fact]
    public async Task Navigation_fits_one_line_on_a_360_px_phone()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var found = new List<string>();
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);

            // The items a reader sees: the links (or a menu's summary) of the header's navigation.
            var items = await page.EvaluateJsonAsync<List<Box>>("""
                () => [...document.querySelectorAll('header nav a, header nav summary, header nav button')]
                  .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 0)
                  .map(e => { const r = e.getBoundingClientRect(); return { text: e.textContent.trim(), top: r.top, bottom: r.bottom, right: r.right }; })
                """);
            if (items.Count == 0)
            {
                found.Add($"{kind}: no navigation item is visible");
            }
            else if (items.Max(i => i.Top) >= items.Min(i => i.Bottom) || items.Any(i => i.Right > 360))
            {
                found.Add($"{kind} ({path}): " + string.Join(", ", items.Select(i => $"'{i.Text}' top {i.Top:0} right {i.Right:0}")));
            }

            await page.CloseAsync();
        }

        Assert.True(found.Count == 0, "the navigation does not fit one line at 360 px:\n" + string.Join("\n", found));
    }

    /// <summary>
    /// The README's pictures: the home page and an open incident at 1280 px, one screen high, light and dark. Kept under
    /// the test output, or written where STATUSSITE_README_SCREENSHOTS says (docs/screenshots to refresh the README's).
    /// </summary>
    [Fact]
    public async Task Readme_screenshots_of_the_home_page_and_an_incident_in_both_schemes()
    {
        var folder = SampleSite.FolderFromEnvironment("STATUSSITE_README_SCREENSHOTS", "readme-screenshots");
        var incident = $"incidents/{site.Model.ActiveIncidents[0].Id}/";
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await site.NewContextAsync(new BrowserNewContextOptions
            {
                ColorScheme = scheme,
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                DeviceScaleFactor = 1,
                TimezoneId = "Europe/Berlin",
            });
            foreach (var (name, path) in new[] { ("home", ""), ("incident", incident) })
            {
                var page = await OpenShortlyAfterTheBuildAsync(context, path);
                var file = Path.Combine(folder, $"{name}-{scheme.ToString().ToLowerInvariant()}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, Scale = ScreenshotScale.Css });
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} is nearly empty");
                await page.CloseAsync();
            }
        }

        var light = await File.ReadAllBytesAsync(Path.Combine(folder, "home-light.png"));
        var dark = await File.ReadAllBytesAsync(Path.Combine(folder, "home-dark.png"));
        Assert.False(light.AsSpan().SequenceEqual(dark), "the dark screenshot is the light one");
    }

    /// <summary>Shortly after the build, as most readers see a page: no stale notice.</summary>
    private static async Task<IPage> OpenShortlyAfterTheBuildAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(SampleSite.BuiltAt.AddMinutes(5).UtcDateTime);
        await page.GotoAsync(path);
        return page;
    }

    private async Task<(ServedSite Site, string Path)> Resolve(string name)
    {
        string Kind(string kind) => site.PageKinds.Single(k => k.Kind == kind).Path;
        return name switch
        {
            "home-operational" => (await site.HomeStateAsync(HomeState.Operational), ""),
            "home-degraded" => (await site.HomeStateAsync(HomeState.Degraded), ""),
            "home-major-outage" => (await site.HomeStateAsync(HomeState.MajorOutage), ""),
            "home-maintenance" => (await site.HomeStateAsync(HomeState.Maintenance), ""),
            "home-30-components" => (await site.ThirtyComponentsAsync(), ""),
            "incident" => (site.Sample, $"incidents/{site.Model.ActiveIncidents[0].Id}/"),
            "postmortem" => (site.Sample, Kind("postmortems/*")),
            "component" => (site.Sample, Kind("components/*")),
            "history" => (site.Sample, Kind("history")),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a page of the matrix"),
        };
    }

    private sealed record BannerPaint(string Status, string Expected, string Actual);

    private sealed record Box(string Text, double Top, double Bottom, double Right);
}
