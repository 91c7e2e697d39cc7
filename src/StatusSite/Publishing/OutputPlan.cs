using StatusSite.Model;
using StatusSite.Outputs;
using StatusSite.Presentation;
using StatusSite.Rendering;

namespace StatusSite.Publishing;

/// <summary>Decides every file the site consists of and which producer makes it. Produces nothing itself.</summary>
public static class OutputPlan
{
    public static IReadOnlyList<OutputFile> Create(SiteModel site, Strings strings, ThemeRenderer renderer)
    {
        var view = new SiteView(site, strings);
        var pages = new List<OutputFile>();

        // Pages are described when they are rendered, in parallel, not while the plan is made.
        void Add<T>(string path, string template, string title, Func<string> describe, T data)
        {
            var file = path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
            pages.Add(OutputFile.Page(file, text => renderer.RenderAsync("layouts/" + template + ".cshtml", new Page<T>(view, path, title, describe(), data, Alternates(path, strings)), text)));
        }

        var t = strings;
        var settings = site.Settings;
        Add("", "home", settings.Title, () => settings.Description, site);
        foreach (var incident in site.Incidents)
        {
            Add($"incidents/{incident.Id}/", "incident", incident.Title, () => t.Format("incident.description", SiteView.Name(incident.Severity), incident.Latest.Source.Markdown.Length > 0 ? MarkdownRenderer.ToPlainText(incident.Latest.Source.Markdown) : incident.Title), incident);
        }

        Add("history/", "history", t["history.title"], () => t.Format("history.description", settings.Title), site.Months);
        for (var i = 0; i < site.Months.Count; i++)
        {
            var month = site.Months[i];
            var data = new MonthPage(month, i > 0 ? site.Months[i - 1] : null, i + 1 < site.Months.Count ? site.Months[i + 1] : null);
            Add($"history/{month.Slug}/", "month", t.Format("history.month_title", view.Month(month.Year, month.Month)), () => t.Format("history.description", settings.Title), data);
        }

        foreach (var component in site.Components)
        {
            Add($"components/{component.Id}/", "component", component.Name, () => component.Component.Description ?? t.Format("component.description", component.Name), component);
            for (var i = 0; i < component.Years.Count; i++)
            {
                var year = component.Years[i];
                var data = new ComponentYearPage(component, year, i > 0 ? component.Years[i - 1] : null, i + 1 < component.Years.Count ? component.Years[i + 1] : null);
                Add($"components/{component.Id}/{year.Year}/", "component-year", t.Format("component.year_title", component.Name, year.Year), () => t.Format("component.description", component.Name), data);
            }
        }

        Add("maintenance/", "maintenance", t["maintenance.title"], () => t["maintenance.description"], site);
        Add("postmortems/", "postmortems", t["postmortem.index_title"], () => t["postmortem.index_description"], site);
        foreach (var postmortem in site.Postmortems)
        {
            Add(postmortem.Path, "postmortem", postmortem.Title, () => postmortem.Summary, postmortem);
        }

        Add("404.html", "not-found", t["not_found.title"], () => t["not_found.text"], site);

        var files = new List<OutputFile>(pages);
        files.AddRange(ThemeAssets(renderer.Theme));
        files.AddRange(SitemapWriter.Files(settings.BaseUrl, pages.Select(p => p.Path).Where(p => p != "404.html")).Select(f => OutputFile.Text(f.Path, f.Produce)));
        files.Add(OutputFile.Text("robots.txt", () => SitemapWriter.Robots(settings.BaseUrl)));
        files.AddRange(SubscribeOutputs(site, view));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>The site's feeds, the per-component feeds, calendar, API and badges.</summary>
    private static IEnumerable<OutputFile> SubscribeOutputs(SiteModel site, SiteView view)
    {
        var t = view.T;
        yield return new OutputFile(SubscribePaths.Atom, () => Task.FromResult(FeedWriter.Atom(Feeds.Site(view, SubscribePaths.Atom))));
        yield return new OutputFile(SubscribePaths.Rss, () => Task.FromResult(FeedWriter.Rss(Feeds.Site(view, SubscribePaths.Rss))));
        yield return new OutputFile(SubscribePaths.JsonFeed, () => Task.FromResult(JsonFeedWriter.Write(Feeds.Site(view, SubscribePaths.JsonFeed))));

        // Published even while empty (and valid), so subscribers can follow it before the first postmortem.
        yield return new OutputFile(SubscribePaths.PostmortemsAtom, () => Task.FromResult(FeedWriter.Atom(Feeds.Postmortems(view, site.Postmortems.Select(p => p.FeedEntry), SubscribePaths.PostmortemsAtom))));
        yield return new OutputFile(SubscribePaths.Calendar, () => Task.FromResult(CalendarWriter.Maintenance(site)));
        foreach (var (path, produce) in new StatuspageApiWriter(site, view.Banner).Files())
        {
            yield return new OutputFile(path, () => Task.FromResult(produce()));
        }

        var banner = view.Banner;
        yield return new OutputFile(SubscribePaths.Badge, () => Task.FromResult(BadgeWriter.Badge(
            t["badge.label"], banner.Words, banner.Shown, $"{site.Settings.Title}: {banner.Words}")));
        foreach (var component in site.Components)
        {
            var atom = SubscribePaths.ComponentAtom(component.Id);
            var rss = SubscribePaths.ComponentRss(component.Id);
            yield return new OutputFile(atom, () => Task.FromResult(FeedWriter.Atom(Feeds.Component(view, component, atom))));
            yield return new OutputFile(rss, () => Task.FromResult(FeedWriter.Rss(Feeds.Component(view, component, rss))));
            var status = view.Name(component.Status);
            yield return new OutputFile(SubscribePaths.ComponentBadge(component.Id), () => Task.FromResult(BadgeWriter.Badge(
                component.Name, status, component.Status, $"{component.Name}: {status}")));
        }
    }

    /// <summary>Feeds a page announces in its head: the site's feeds everywhere, and a component's own feeds on its page.</summary>
    private static IReadOnlyList<AlternateLink> Alternates(string path, Strings t)
    {
        var links = new List<AlternateLink>
        {
            new("application/atom+xml", t["subscribe.atom"], SubscribePaths.Atom),
            new("application/rss+xml", t["subscribe.rss"], SubscribePaths.Rss),
            new("application/feed+json", t["subscribe.json_feed"], SubscribePaths.JsonFeed),
        };
        if (SubscribePaths.ComponentIdOf(path) is { } id)
        {
            links.Add(new("application/atom+xml", t["subscribe.component_atom"], SubscribePaths.ComponentAtom(id)));
            links.Add(new("application/rss+xml", t["subscribe.component_rss"], SubscribePaths.ComponentRss(id)));
        }

        return links;
    }

    /// <summary>The theme's icon, published at the site's root: browsers ask for /favicon.ico on their own.</summary>
    private const string IconAsset = "assets/favicon.ico";

    /// <summary>theme/assets/ is copied as it is (with input/theme/assets/ overrides), the icon to the root.</summary>
    private static IEnumerable<OutputFile> ThemeAssets(Theme theme) =>
        theme.FilesUnder("assets").Select(relative => new OutputFile(
            relative == IconAsset ? Path.GetFileName(IconAsset) : relative, () => File.ReadAllBytesAsync(theme.Resolve(relative)!)));
}
