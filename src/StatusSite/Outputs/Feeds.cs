using StatusSite.Model;
using StatusSite.Rendering;

namespace StatusSite.Outputs;

/// <summary>A feed, whatever its format: what Atom, RSS and JSON Feed all say.</summary>
/// <param name="Id">The feed's permanent id: its own absolute address.</param>
/// <param name="HomePage">The page the feed follows.</param>
/// <param name="Self">The feed's own absolute address.</param>
/// <param name="Updated">The newest entry's time, or when there is none, the site's latest change.</param>
public sealed record FeedDocument(
    string Id,
    string Title,
    string Subtitle,
    string Language,
    string Author,
    Uri HomePage,
    Uri Self,
    DateTimeOffset Updated,
    IReadOnlyList<FeedEntry> Entries);

/// <summary>One entry: one incident update, one step of a maintenance window, or one postmortem.</summary>
/// <param name="Id">Permanent: it never changes when later updates are added.</param>
/// <param name="Html">The body as HTML (from Markdown with raw HTML disabled), or null when there is only the summary.</param>
/// <param name="Summary">The body as plain text.</param>
public sealed record FeedEntry(
    string Id,
    string Title,
    Uri Link,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    IReadOnlyList<FeedCategory> Categories,
    string? Html,
    string Summary);

/// <summary>A category of an entry: an affected component, by id and name.</summary>
public sealed record FeedCategory(string Term, string Label);

/// <summary>Turns the model into feed documents: one entry per update, newest first, at most <see cref="SiteSettings.FeedEntries"/>.</summary>
public static class Feeds
{
    /// <summary>Every incident and maintenance window.</summary>
    public static FeedDocument Site(SiteView view, string selfPath)
    {
        var site = view.Site;
        var settings = site.Settings;
        return Document(view, settings.Title, settings.Description, new Uri(settings.BaseUrl, ""), selfPath, Entries(view, site.Incidents, site.Maintenances));
    }

    /// <summary>The incidents and maintenance windows that touched one component.</summary>
    public static FeedDocument Component(SiteView view, ComponentModel component, string selfPath)
    {
        var site = view.Site;
        var maintenances = site.Maintenances.Where(m => m.Components.Any(c => c.Id == component.Id));
        var title = $"{component.Name} · {site.Settings.Title}";
        var subtitle = view.T.Format("component.description", component.Name);
        return Document(view, title, subtitle, new Uri(site.Settings.BaseUrl, $"components/{component.Id}/"), selfPath, Entries(view, component.Incidents, maintenances));
    }

    /// <summary>Published postmortems, newest first.</summary>
    public static FeedDocument Postmortems(SiteView view, IEnumerable<PostmortemFeedEntry> postmortems, string selfPath)
    {
        var settings = view.Settings;
        var entries = postmortems
            .Select(p => new FeedEntry(p.Id, p.Title, p.Link, p.Published, p.Published, [], null, p.Summary));
        return Document(view, $"{view.T["subscribe.postmortems_feed"]} · {settings.Title}", settings.Description, new Uri(settings.BaseUrl, "postmortems/"), selfPath, entries);
    }

    private static FeedDocument Document(SiteView view, string title, string subtitle, Uri homePage, string selfPath, IEnumerable<FeedEntry> entries)
    {
        var site = view.Site;
        var newest = entries
            .OrderByDescending(e => e.Updated)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(site.Settings.FeedEntries)
            .ToList();
        var self = new Uri(site.Settings.BaseUrl, selfPath);
        var updated = newest.Count > 0 ? newest[0].Updated : site.LastChangeAt;
        return new FeedDocument(self.AbsoluteUri, title, subtitle, site.Settings.Language, site.Settings.Title, homePage, self, updated, newest);
    }

    private static IEnumerable<FeedEntry> Entries(SiteView view, IEnumerable<IncidentModel> incidents, IEnumerable<MaintenanceModel> maintenances)
    {
        var baseUrl = view.Settings.BaseUrl;
        foreach (var incident in incidents)
        {
            var link = new Uri(baseUrl, $"incidents/{incident.Id}/");
            var categories = incident.Affected.Select(a => new FeedCategory(a.Component.Id, a.Component.Name)).ToList();
            foreach (var update in incident.Updates)
            {
                var markdown = update.Source.Markdown;
                yield return new FeedEntry(
                    new Uri(link, "#" + update.StableId(incident.Id)).AbsoluteUri,
                    $"{view.Name(update.Status)} — {incident.Title}",
                    link,
                    update.At,
                    update.At,
                    categories,
                    MarkdownRenderer.ToHtml(markdown),
                    MarkdownRenderer.ToPlainText(markdown));
            }
        }

        foreach (var maintenance in maintenances)
        {
            var link = new Uri(baseUrl, maintenance.Path);
            var categories = maintenance.Components.Select(c => new FeedCategory(c.Id, c.Name)).ToList();
            foreach (var entry in maintenance.Timeline)
            {
                yield return new FeedEntry(
                    new Uri(baseUrl, $"maintenance/#{entry.Id}").AbsoluteUri,
                    $"{view.Name(entry.Status)} — {maintenance.Title}",
                    link,
                    entry.At,
                    entry.At,
                    categories,
                    MarkdownRenderer.ToHtml(entry.Markdown),
                    MarkdownRenderer.ToPlainText(entry.Markdown));
            }
        }
    }
}
