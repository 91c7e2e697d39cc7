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
/// <param name="Markdown">The body, or null when there is only a plain-text summary.</param>
/// <param name="PlainSummary">A plain-text summary given as such (a postmortem's); otherwise it comes from the Markdown.</param>
/// <remarks>
/// The body is rendered only when a writer asks for it: a feed keeps the newest few entries of
/// a long history, and rendering every update's Markdown to pick them would cost more than the feed.
/// </remarks>
public sealed record FeedEntry(
    string Id,
    string Title,
    Uri Link,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    IReadOnlyList<FeedCategory> Categories,
    string? Markdown,
    string? PlainSummary = null)
{
    /// <summary>The body as HTML (raw HTML in the Markdown is shown as text), or null when there is only the summary.</summary>
    public string? Html => Markdown is null ? null : MarkdownRenderer.ToHtml(Markdown);

    /// <summary>The body as plain text.</summary>
    public string Summary => PlainSummary ?? MarkdownRenderer.ToPlainText(Markdown ?? "");
}

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
            .Select(p => new FeedEntry(p.Id, p.Title, p.Link, p.Published, p.Published, [], Markdown: null, PlainSummary: p.Summary));
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

    /// <summary>
    /// The newest entries of the incidents and windows: candidates are ranked by time (ties by the
    /// entry id's order: incidents before maintenance, then by id) and only the kept ones are built.
    /// Only candidates as new as the limit-th newest time can be kept, so only they get a sort key:
    /// a ten-year history costs a sort of numbers, not a string per update for every feed.
    /// </summary>
    private static IEnumerable<FeedEntry> Entries(SiteView view, IEnumerable<IncidentModel> incidents, IEnumerable<MaintenanceModel> maintenances)
    {
        var limit = view.Settings.FeedEntries;
        var times = incidents.SelectMany(i => i.Updates.Select(u => u.At.UtcTicks))
            .Concat(maintenances.SelectMany(m => m.Timeline.Select(e => e.At.UtcTicks)))
            .ToArray();
        if (limit <= 0 || times.Length == 0)
        {
            return [];
        }

        Array.Sort(times);
        var oldest = times[Math.Max(0, times.Length - limit)];
        var fromIncidents = incidents
            .SelectMany(incident => incident.Updates.Where(update => update.At.UtcTicks >= oldest).Select(update => (update.At, Kind: 0, Key: $"{incident.Id}/#{update.StableId(incident.Id)}", Build: (Func<FeedEntry>)(() => IncidentEntry(view, incident, update)))));
        var fromMaintenance = maintenances
            .SelectMany(maintenance => maintenance.Timeline.Where(entry => entry.At.UtcTicks >= oldest).Select(entry => (entry.At, Kind: 1, Key: entry.Id, Build: (Func<FeedEntry>)(() => MaintenanceEntry(view, maintenance, entry)))));
        return fromIncidents.Concat(fromMaintenance)
            .OrderByDescending(c => c.At)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => c.Build())
            .ToList();
    }

    private static FeedEntry IncidentEntry(SiteView view, IncidentModel incident, IncidentUpdateModel update)
    {
        var link = new Uri(view.Settings.BaseUrl, $"incidents/{incident.Id}/");
        return new FeedEntry(
            new Uri(link, "#" + update.StableId(incident.Id)).AbsoluteUri,
            $"{view.Name(update.Status)} — {incident.Title}",
            link,
            update.At,
            update.At,
            [.. incident.Affected.Select(a => new FeedCategory(a.Component.Id, a.Component.Name))],
            update.Source.Markdown);
    }

    private static FeedEntry MaintenanceEntry(SiteView view, MaintenanceModel maintenance, MaintenanceEntry entry)
    {
        var baseUrl = view.Settings.BaseUrl;
        return new FeedEntry(
            new Uri(baseUrl, $"maintenance/#{entry.Id}").AbsoluteUri,
            $"{view.Name(entry.Status)} — {maintenance.Title}",
            new Uri(baseUrl, maintenance.Path),
            entry.At,
            entry.At,
            [.. maintenance.Components.Select(c => new FeedCategory(c.Id, c.Name))],
            entry.Markdown);
    }
}
