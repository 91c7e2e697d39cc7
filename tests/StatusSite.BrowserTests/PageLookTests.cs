using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;

namespace StatusSite.BrowserTests;

/// <summary>What a reader sees: every status readable on every background, an icon, and nothing that moves while loading.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLookTests(SampleSite site)
{
    /// <summary>The page kinds that between them hold every background the theme paints (page, component row, impact box, code).</summary>
    private static readonly string[] Kinds = ["home", "incidents/*", "postmortems/*"];

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Every_status_is_readable_on_every_background_the_theme_paints(ColorScheme scheme)
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { ColorScheme = scheme });
        var found = new List<string>();
        var placed = new List<string>();
        foreach (var (kind, path) in site.PageKinds.Where(k => Kinds.Contains(k.Kind)))
        {
            var page = await SampleSite.OpenAsync(context, path);

            // The sample shows only some statuses on some backgrounds: a chip of every status the
            // stylesheet knows is put into the page, into every box the theme gives a background of
            // its own and into the status boxes (banner, active incident) that colour their content.
            placed.AddRange(await page.EvaluateJsonAsync<List<string>>("""
                () => {
                  const statuses = new Set();
                  for (const sheet of document.styleSheets)
                    for (const rule of sheet.cssRules)
                      for (const m of (rule.selectorText || '').matchAll(/\.s-([\w-]+)/g)) statuses.add(m[1]);
                  const painted = [...document.querySelectorAll('main *')].filter(e =>
                    getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)' && !e.closest('.uptime') && e.getClientRects().length > 0);
                  const hosts = [document.querySelector('main'), ...document.querySelectorAll('.banner, .incident-active'), ...painted];
                  const placed = [];
                  for (const host of hosts) {
                    for (const status of statuses) {
                      const chip = document.createElement('span');
                      chip.className = 'chip s-' + status;
                      chip.innerHTML = `<svg class="i" aria-hidden="true" focusable="false"><use href="#i-${status}"></use></svg>${status.replaceAll('_', ' ')}`;
                      host.append(' ', chip);
                      placed.push(host.tagName.toLowerCase() + '.' + host.className + ' ' + status);
                    }
                  }
                  return placed;
                }
                """));
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] } });
            found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n =>
                $"{kind}, {scheme}: {v.Id}: {n.Html}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")));
            await page.CloseAsync();
        }

        // Each status in at least the page itself and a component row (the card background).
        Assert.Contains(placed, p => p.StartsWith("main.", StringComparison.Ordinal) && p.EndsWith(" partial_outage", StringComparison.Ordinal));
        Assert.Contains(placed, p => p.StartsWith("li.component ", StringComparison.Ordinal) && p.EndsWith(" partial_outage", StringComparison.Ordinal));
        Assert.Contains(placed, p => p.StartsWith("section.impact-box ", StringComparison.Ordinal));
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_site_serves_its_icon_and_no_page_logs_a_console_error_while_loading()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "Europe/Berlin" });
        var icon = await context.APIRequest.GetAsync("favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/", icon.Headers["content-type"], StringComparison.Ordinal);

        var errors = new List<string>();
        foreach (var (kind, path) in site.PageKinds.Where(k => k.Kind != "404"))
        {
            var page = await context.NewPageAsync();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add($"{kind} ({path}): {message.Text} at {message.Location}");
                }
            };
            page.PageError += (_, error) => errors.Add($"{kind} ({path}): {error}");
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    errors.Add($"{kind} ({path}): {response.Status} for {response.Url}");
                }
            };
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

            // What a browser does for the tab's icon: follows the page's link to it.
            var href = await page.EvaluateAsync<string>("() => document.querySelector('link[rel=icon]').href");
            var linked = await page.APIRequest.GetAsync(href);
            Assert.True(linked.Ok && linked.Headers["content-type"].StartsWith("image/", StringComparison.Ordinal), $"{kind}: {href} answers {linked.Status}");
            await page.CloseAsync();
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Incident_and_postmortem_pages_print_without_navigation_and_with_links_as_text()
    {
        await using var context = await site.NewContextAsync();
        var found = new List<string>();
        var links = 0;
        foreach (var (kind, path) in site.PageKinds.Where(k => k.Kind is "incidents/*" or "postmortems/*"))
        {
            var page = await SampleSite.OpenAsync(context, path);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            found.AddRange((await page.EvaluateJsonAsync<List<string>>("""
                () => {
                  const found = [];
                  for (const e of document.querySelectorAll('.site-header, nav, .site-footer, .skip'))
                    if (e.getClientRects().length > 0) found.push('shown: ' + e.outerHTML.slice(0, 60));
                  const text = getComputedStyle(document.body).color;
                  for (const a of document.querySelectorAll('main a')) {
                    const style = getComputedStyle(a);
                    if (style.color !== text || style.textDecorationLine !== 'none') found.push('styled as a link: ' + a.outerHTML.slice(0, 80));
                    if (a.href.startsWith('http') && a.getAttribute('href').startsWith('http') && !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))
                      found.push('address not written: ' + a.outerHTML.slice(0, 80));
                  }
                  return found;
                }
                """)).Select(f => $"{kind} ({path}): {f}"));
            links += await page.Locator("main a").CountAsync();
            await page.CloseAsync();
        }

        Assert.True(links > 0, "no link in the pages printed: nothing was measured");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task Adding_the_readers_local_times_moves_nothing_on_the_page()
    {
        await using var context = await site.NewContextAsync(new BrowserNewContextOptions { TimezoneId = "America/Los_Angeles", Locale = "en-US" });

        // Every layout shift from the first frame on, as Lighthouse counts them (CLS).
        await context.AddInitScriptAsync("""
            window.__cls = []; new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls.push(e.value); })
              .observe({ type: 'layout-shift', buffered: true });
            """);

        // On a slow connection the page is painted before the script arrives, as Lighthouse saw it.
        await context.RouteAsync("**/assets/site.js", async route =>
        {
            await Task.Delay(400);
            await route.ContinueAsync();
        });

        var shifts = new List<string>();
        var localTimes = 0;
        foreach (var (kind, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);
            var cls = await page.EvaluateAsync<double>("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(window.__cls.reduce((a, b) => a + b, 0)), 100))))");
            localTimes += await page.Locator(".local").CountAsync();
            if (cls > 0)
            {
                shifts.Add($"{kind} ({path}): CLS {cls:0.000}");
            }

            await page.CloseAsync();
        }

        Assert.True(localTimes > 0, "the script added no local time: nothing was measured");
        Assert.True(shifts.Count == 0, string.Join("\n", shifts));
    }
}
