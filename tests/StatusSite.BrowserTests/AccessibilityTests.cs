using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;

namespace StatusSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityTests(SampleSite site)
{
    /// <summary>What axe checks: WCAG 2.2 level A and AA (with the 2.0 and 2.1 rules they include).</summary>
    internal static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Every_page_kind_has_no_WCAG_2_2_AA_violations(ColorScheme scheme)
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ColorScheme = scheme });
        var found = new List<string>();
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
            found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n =>
                $"{kind} ({path}), {scheme}: {v.Id}: {v.Help} at {n.Html}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")));
            Assert.NotEmpty(result.Passes);
            await page.CloseAsync();
        }

        Assert.True(site.PageKinds.Count >= 7, "expected home, incident, history, month, component, maintenance and 404 pages at least");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task Keyboard_alone_reaches_every_interactive_element_of_the_home_page_with_visible_focus()
    {
        await using var context = await site.NewContextAsync();
        var page = await SampleSite.OpenAsync(context, "");

        // Number every element a keyboard user should reach, then record each focus as Tab moves it.
        var expected = await page.EvaluateAsync<int>("""
            () => {
              const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
                .filter(e => e.tabIndex >= 0 && !e.closest('[hidden]') && getComputedStyle(e).visibility !== 'hidden' && e.checkVisibility());
              all.forEach((e, i) => e.dataset.kbd = String(i));
              window.__focus = [];
              document.addEventListener('focusin', ev => {
                const e = ev.target, s = getComputedStyle(e), r = e.getBoundingClientRect();
                window.__focus.push({
                  index: e.dataset.kbd ?? null,
                  tag: e.tagName.toLowerCase(),
                  text: e.textContent.trim(),
                  day: e.parentElement && e.parentElement.classList.contains('uptime'),
                  ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
                  onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
                });
              });
              return all.length;
            }
            """);

        for (var i = 0; i < expected + 2; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var focus = await page.EvaluateJsonAsync<List<FocusStop>>("() => window.__focus");
        var reached = focus.Where(f => f.Index is not null).Select(f => f.Index).ToHashSet();
        Assert.Equal(expected, reached.Count);
        Assert.DoesNotContain(focus, f => f.Index is null && f.Tag != "body");
        Assert.All(focus, f => Assert.True(f.Ring && f.OnScreen, $"focus on <{f.Tag}> '{Shorten(f.Text)}' is not visible (ring {f.Ring}, on screen {f.OnScreen})"));

        var days = focus.Where(f => f.Day).ToList();
        Assert.Equal(site.Model.Components.Count * site.Model.UptimeDays.Count, days.Count);
        Assert.All(days, d => Assert.Matches(DayText(), d.Text));
    }

    [Fact]
    public async Task Status_is_never_conveyed_by_colour_alone()
    {
        await using var context = await site.NewContextAsync();
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);

            // Every element coloured by a status also says the status in words, and one status always uses the same words.
            var marked = await page.EvaluateJsonAsync<List<StatusMark>>("""
                () => [...document.querySelectorAll('[class*="s-"], .uptime > li')].map(e => ({
                  status: [...e.classList].find(c => c.startsWith('s-') || c.startsWith('u-')) ?? '',
                  text: (e.matches('.chip') ? e.textContent : e.matches('.uptime > li') ? e.textContent : (e.querySelector('h1, h3') ?? e).textContent).trim()
                }))
                """);
            Assert.All(marked, m => Assert.False(string.IsNullOrWhiteSpace(m.Text), $"{kind}: an element marked '{m.Status}' has no text"));
            var chips = await page.EvaluateJsonAsync<List<StatusMark>>("""
                () => [...document.querySelectorAll('.chip')].map(e => ({ status: e.className, text: e.textContent.trim() }))
                """);
            foreach (var words in chips.GroupBy(c => c.Text))
            {
                Assert.True(words.Select(c => c.Status).Distinct().Count() == 1, $"{kind}: '{words.Key}' is shown in different colours");
            }

            var icons = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.chip svg, .banner svg')].filter(s => s.getAttribute('aria-hidden') !== 'true').length");
            Assert.Equal(0, icons);
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Reduced_motion_preference_leaves_nothing_moving()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ReducedMotion = ReducedMotion.Reduce });
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);
            Assert.True(await page.EvaluateAsync<bool>("() => matchMedia('(prefers-reduced-motion: reduce)').matches"));
            var days = page.Locator(".uptime > li");
            if (await days.CountAsync() > 0)
            {
                // A focused day shows its tooltip: the one state change the theme has.
                await days.First.FocusAsync();
            }

            var moving = await page.EvaluateJsonAsync<List<string>>("""
                () => [...document.querySelectorAll('*')].filter(e => {
                  const s = getComputedStyle(e);
                  const moves = d => d.split(',').some(x => parseFloat(x) > 0);
                  return (s.animationName !== 'none' && moves(s.animationDuration)) || moves(s.transitionDuration) || s.scrollBehavior === 'smooth';
                }).map(e => e.tagName.toLowerCase() + '.' + e.className)
                """);
            Assert.True(moving.Count == 0, $"{kind}: still moving: {string.Join(", ", moving)}");
            await page.CloseAsync();
        }
    }

    /// <summary>"26 Nov 2026: 99.87% · Partial outage · 1 incident(s)", or "no data" before the first day.</summary>
    [GeneratedRegex(@"^\d{1,2} \w{3} \d{4}: (\d{1,3}\.\d{2}%|no data)( · .+)?$")]
    private static partial Regex DayText();

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private sealed record FocusStop(string? Index, string Tag, string Text, bool Day, bool Ring, bool OnScreen);

    private sealed record StatusMark(string Status, string Text);
}
