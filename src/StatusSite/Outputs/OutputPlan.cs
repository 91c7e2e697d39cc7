using StatusSite.Model;
using StatusSite.Presentation;
using StatusSite.Rendering;

namespace StatusSite.Outputs;

/// <summary>Decides every file the site consists of and which producer makes it. Produces nothing itself.</summary>
public static class OutputPlan
{
    /// <param name="tickets">The linked tickets' states the build read; <see cref="TicketStates.None"/> shows the front matter's.</param>
    public static IReadOnlyList<OutputFile> Create(SiteModel site, Translations strings, ThemeRenderer renderer, TicketStates? tickets = null)
    {
        var view = new SiteView(site, strings) { Tickets = tickets ?? TicketStates.None };
        var pages = new List<OutputFile>();

        var t = strings;
        var siteFeeds = SubscribeMenu.SiteFeeds(t);

        // Pages are described when they are rendered, in parallel, not while the plan is made.
        void Add<T>(string path, string template, string title, Func<string> describe, T data, IReadOnlyList<AlternateLink>? alternates = null, SubscribeMenu? subscribe = null) =>
            pages.Add(OutputFile.Page(Routes.FileOf(path), text => renderer.RenderAsync("layouts/" + template + ".cshtml", new Page<T>(view, path, title, describe(), data, alternates ?? siteFeeds) { Subscribe = subscribe ?? view.Subscribe }, text)));

        var settings = site.Settings;
        Add(Routes.Home, "home", settings.Title, () => settings.Description, site);
        foreach (var incident in site.Incidents)
        {
            Add(Routes.Of(incident), "incident", incident.Title, () => t.Format("incident.description", SiteView.Name(incident.Severity), incident.Latest.Source.Markdown.Length > 0 ? MarkdownRenderer.ToPlainText(incident.Latest.Source.Markdown) : incident.Title), incident);
        }

        Add(Routes.History, "history", t["history.title"], () => t.Format("history.description", settings.Title), site.Months);
        for (var i = 0; i < site.Months.Count; i++)
        {
            var month = site.Months[i];
            var data = new MonthPage(month, i > 0 ? site.Months[i - 1] : null, i + 1 < site.Months.Count ? site.Months[i + 1] : null);
            Add(Routes.Of(month), "month", t.Format("history.month_title", view.Month(month.Year, month.Month)), () => t.Format("history.description", settings.Title), data);
        }

        foreach (var component in site.Components)
        {
            Add(Routes.Of(component), "component", component.Name, () => component.Component.Description ?? t.Format("component.description", component.Name), component, [.. siteFeeds, .. SubscribeMenu.ComponentFeeds(component, t)], view.Subscribe.For(component, t));
            for (var i = 0; i < component.Years.Count; i++)
            {
                var year = component.Years[i];
                var data = new ComponentYearPage(component, year, i > 0 ? component.Years[i - 1] : null, i + 1 < component.Years.Count ? component.Years[i + 1] : null);
                Add(Routes.Of(component, year), "component-year", t.Format("component.year_title", component.Name, year.Year), () => t.Format("component.description", component.Name), data);
            }
        }

        Add(Routes.Maintenance, "maintenance", t["maintenance.title"], () => t["maintenance.description"], site);
        Add(Routes.Postmortems, "postmortems", t["postmortem.index_title"], () => t["postmortem.index_description"], site);
        foreach (var postmortem in site.Postmortems)
        {
            Add(Routes.Of(postmortem), "postmortem", postmortem.Title, () => postmortem.Summary, postmortem);
        }

        Add(Routes.NotFound, "not-found", t["not_found.title"], () => t["not_found.text"], site);

        var files = new List<OutputFile>(pages);
        files.AddRange(ThemeAssets(renderer.Theme, view.Brand));
        files.AddRange(view.Brand.Files.Select(file => new OutputFile(file.Path, () => Task.FromResult(file.Bytes))));
        files.AddRange(SitemapWriter.Files(settings.BaseUrl, pages.Select(p => p.Path).Where(p => p != Routes.NotFound)).Select(f => OutputFile.Text(f.Path, f.Produce)));
        files.Add(OutputFile.Text(Routes.Robots, () => SitemapWriter.Robots(settings.BaseUrl)));
        files.AddRange(SubscribeOutputs(site, view));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>The site's feeds, the per-component feeds, calendar, API and badges.</summary>
    private static IEnumerable<OutputFile> SubscribeOutputs(SiteModel site, SiteView view)
    {
        var t = view.T;
        yield return new OutputFile(Routes.Atom, () => Task.FromResult(FeedWriter.Atom(Feeds.Site(view, Routes.Atom))));
        yield return new OutputFile(Routes.Rss, () => Task.FromResult(FeedWriter.Rss(Feeds.Site(view, Routes.Rss))));
        yield return new OutputFile(Routes.JsonFeed, () => Task.FromResult(JsonFeedWriter.Write(Feeds.Site(view, Routes.JsonFeed))));

        // Published even while empty (and valid), so subscribers can follow it before the first postmortem.
        yield return new OutputFile(Routes.PostmortemsAtom, () => Task.FromResult(FeedWriter.Atom(Feeds.Postmortems(view, site.Postmortems.Select(p => p.FeedEntry), Routes.PostmortemsAtom))));
        yield return new OutputFile(Routes.Calendar, () => Task.FromResult(CalendarWriter.Maintenance(site)));
        foreach (var (path, produce) in new StatuspageApiWriter(site, view.Banner).Files())
        {
            yield return new OutputFile(path, () => Task.FromResult(produce()));
        }

        var banner = view.Banner;
        yield return new OutputFile(Routes.Badge, () => Task.FromResult(BadgeWriter.Badge(
            t["badge.label"], banner.Words, banner.Shown, $"{site.Settings.Title}: {banner.Words}")));
        foreach (var component in site.Components)
        {
            var atom = Routes.ComponentAtom(component.Id);
            var rss = Routes.ComponentRss(component.Id);
            yield return new OutputFile(atom, () => Task.FromResult(FeedWriter.Atom(Feeds.Component(view, component, atom))));
            yield return new OutputFile(rss, () => Task.FromResult(FeedWriter.Rss(Feeds.Component(view, component, rss))));
            var status = view.Name(component.Status);
            yield return new OutputFile(Routes.ComponentBadge(component.Id), () => Task.FromResult(BadgeWriter.Badge(
                component.Name, status, component.Status, $"{component.Name}: {status}")));
        }
    }

    /// <summary>
    /// theme/assets/ is copied as it is (with input/theme/assets/ overrides), the icon to the site's root unless the
    /// site has an .ico of its own, and the stylesheet followed by the site's accent.
    /// </summary>
    private static IEnumerable<OutputFile> ThemeAssets(Theme theme, BrandView brand)
    {
        var stylesheet = Routes.Asset("site.css");
        foreach (var relative in theme.FilesUnder("assets"))
        {
            var path = relative == Routes.IconAsset ? Routes.Favicon : relative;
            if (brand.Files.Any(f => f.Path == path))
            {
                continue;
            }

            yield return relative == stylesheet && brand.AccentCss is { } accent
                ? new OutputFile(path, async () => [.. await File.ReadAllBytesAsync(theme.Resolve(relative)!).ConfigureAwait(false), .. System.Text.Encoding.UTF8.GetBytes(accent)])
                : new OutputFile(path, () => File.ReadAllBytesAsync(theme.Resolve(relative)!));
        }
    }
}
