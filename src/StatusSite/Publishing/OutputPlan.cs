using StatusSite.Model;
using StatusSite.Outputs;
using StatusSite.Rendering;

namespace StatusSite.Publishing;

/// <summary>Decides every file the site consists of and which producer makes it. Produces nothing itself.</summary>
public static class OutputPlan
{
    public static IReadOnlyList<OutputFile> Create(SiteModel site, Strings strings, ThemeRenderer renderer)
    {
        var view = new SiteView(site, strings);
        var pages = new List<OutputFile>();

        void Add<T>(string path, string template, string title, string description, T data)
        {
            var page = new Page<T>(view, path, title, description, data, Alternates(path));
            var file = path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
            pages.Add(OutputFile.Text(file, () => renderer.RenderAsync("layouts/" + template + ".cshtml", page)));
        }

        var t = strings;
        var settings = site.Settings;
        Add("", "home", settings.Title, settings.Description, site);
        foreach (var incident in site.Incidents)
        {
            Add($"incidents/{incident.Id}/", "incident", incident.Title, t.Format("incident.description", SiteView.Name(incident.Severity), incident.Latest.Source.Markdown.Length > 0 ? MarkdownRenderer.ToPlainText(incident.Latest.Source.Markdown) : incident.Title), incident);
        }

        Add("history/", "history", t["history.title"], t.Format("history.description", settings.Title), site.Months);
        for (var i = 0; i < site.Months.Count; i++)
        {
            var month = site.Months[i];
            var data = new MonthPage(month, i > 0 ? site.Months[i - 1] : null, i + 1 < site.Months.Count ? site.Months[i + 1] : null);
            Add($"history/{month.Slug}/", "month", t.Format("history.month_title", view.Month(month.Year, month.Month)), t.Format("history.description", settings.Title), data);
        }

        foreach (var component in site.Components)
        {
            Add($"components/{component.Id}/", "component", component.Name, component.Component.Description ?? t.Format("component.description", component.Name), component);
        }

        Add("maintenance/", "maintenance", t["maintenance.title"], t["maintenance.description"], site);
        Add("postmortems/", "postmortems", t["postmortem.index_title"], t["postmortem.index_description"], site);
        foreach (var postmortem in site.Postmortems)
        {
            Add(postmortem.Path, "postmortem", postmortem.Title, postmortem.Summary, postmortem);
        }

        Add("404.html", "not-found", t["not_found.title"], t["not_found.text"], site);

        var files = new List<OutputFile>(pages);
        files.AddRange(ThemeAssets(renderer.Theme));
        files.Add(OutputFile.Text("sitemap.xml", () => SitemapWriter.Sitemap(settings.BaseUrl, pages.Select(p => p.Path).Where(p => p != "404.html"))));
        files.Add(OutputFile.Text("robots.txt", () => SitemapWriter.Robots(settings.BaseUrl)));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Feeds and other representations a page announces in its head; the subscribe outputs add theirs here.</summary>
    private static IReadOnlyList<AlternateLink> Alternates(string path) => [];

    /// <summary>theme/assets/ is copied as it is (with input/theme/assets/ overrides).</summary>
    private static IEnumerable<OutputFile> ThemeAssets(Theme theme) =>
        theme.FilesUnder("assets").Select(relative => new OutputFile(relative, () => File.ReadAllBytesAsync(theme.Resolve(relative)!)));
}
