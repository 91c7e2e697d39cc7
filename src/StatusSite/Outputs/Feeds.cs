using StatusSite.Model;
using StatusSite.Presentation;
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
        return Document(view, settings.Title, settings.Description, Routes.UriOf(settings.BaseUrl, Routes.Home), selfPath, Entries(view, site.Incidents, site.Maintenances));
    }

    /// <summary>The incidents and maintenance windows that touched one component.</summary>
    public static FeedDocument Component(SiteView view, ComponentModel component, string selfPath)
    {
        var site = view.Site;
        var maintenances = site.Maintenances.Where(m => m.Components.Any(c => c.Id == component.Id)).ToList();
        var title = $"{component.Name} · {site.Settings.Title}";
        var subtitle = view.T.Format("component.description", component.Name);
        return Document(view, title, subtitle, Routes.UriOf(site.Settings.BaseUrl, Routes.Of(component)), selfPath, Entries(view, component.Incidents, maintenances));
    }

    /// <summary>Published postmortems, newest first.</summary>
    public static FeedDocument Postmortems(SiteView view, IEnumerable<PostmortemFeedEntry> postmortems, string selfPath)
    {
        var settings = view.Settings;
        var entries = postmortems
            .Select(p => new FeedEntry(p.Id, p.Title, p.Link, p.Published, p.Published, [], Markdown: null, PlainSummary: p.Summary));
        return Document(view, $"{view.T["subscribe.postmortems_feed"]} · {settings.Title}", settings.Description, Routes.UriOf(settings.BaseUrl, Routes.Postmortems), selfPath, entries);
    }

    private static FeedDocument Document(SiteView view, string title, string subtitle, Uri homePage, string selfPath, IEnumerable<FeedEntry> entries)
    {
        var site = view.Site;
        var ranked = entries.Select((entry, order) => new Ranked<FeedEntry>(entry.Updated.UtcTicks, 0, entry.Id, order, entry)).ToList();
        var newest = Newest(ranked, site.Settings.FeedEntries, r => r.Item);
        var self = Routes.UriOf(site.Settings.BaseUrl, selfPath);
        var updated = newest.Count > 0 ? newest[0].Updated : site.LastChangeAt;
        return new FeedDocument(self.AbsoluteUri, title, subtitle, site.Settings.Language, site.Settings.Title, homePage, self, updated, newest);
    }

    /// <summary>
    /// The newest entries of the incidents and windows: candidates are ranked by time (ties by the
    /// entry id's order: incidents before maintenance, then by id) and only the kept ones are built.
    /// Only candidates as new as the limit-th newest time can be kept, so only they get a sort key:
    /// a ten-year history costs one pass over its times, not a string per update for every feed.
    /// </summary>
    private static IEnumerable<FeedEntry> Entries(SiteView view, IReadOnlyList<IncidentModel> incidents, IReadOnlyList<MaintenanceModel> maintenances)
    {
        var limit = view.Settings.FeedEntries;
        if (limit <= 0)
        {
            return [];
        }

        // The limit newest times, oldest first: the limit-th newest time is all the feed needs to know.
        var newest = new PriorityQueue<long, long>(limit);
        void Offer(long time)
        {
            if (newest.Count < limit)
            {
                newest.Enqueue(time, time);
            }
            else if (time > newest.Peek())
            {
                newest.EnqueueDequeue(time, time);
            }
        }

        // Indexed loops over updates: foreach over a read-only list boxes an enumerator per incident,
        // for every feed.
        foreach (var incident in incidents)
        {
            for (var u = 0; u < incident.Updates.Count; u++)
            {
                Offer(incident.Updates[u].At.UtcTicks);
            }
        }

        foreach (var maintenance in maintenances)
        {
            foreach (var entry in maintenance.Timeline)
            {
                Offer(entry.At.UtcTicks);
            }
        }

        if (!newest.TryPeek(out var oldest, out _))
        {
            return [];
        }

        var candidates = new List<Ranked<Func<FeedEntry>>>();
        foreach (var incident in incidents)
        {
            for (var u = 0; u < incident.Updates.Count; u++)
            {
                if (incident.Updates[u] is var update && update.At.UtcTicks >= oldest)
                {
                    candidates.Add(new(update.At.UtcTicks, 0, Routes.Of(incident, update), candidates.Count, Later(view, incident, update)));
                }
            }
        }

        foreach (var maintenance in maintenances)
        {
            foreach (var entry in maintenance.Timeline)
            {
                if (entry.At.UtcTicks >= oldest)
                {
                    candidates.Add(new(entry.At.UtcTicks, 1, entry.Id, candidates.Count, Later(view, maintenance, entry)));
                }
            }
        }

        return Newest(candidates, limit, c => c.Item());
    }

    /// <summary>
    /// Something to rank newest first, then by kind, then by key (ordinal), then in the order given.
    /// A class sorted with List.Sort: LINQ's ordering over tuples of times is generic code the
    /// compiled tool does not hold, and it ran unoptimized for each of the two dozen feeds.
    /// </summary>
    private sealed record Ranked<T>(long UtcTicks, int Kind, string Key, int Order, T Item);

    /// <summary>The first <paramref name="limit"/> items in rank order, made by <paramref name="make"/>.</summary>
    private static List<TResult> Newest<T, TResult>(List<Ranked<T>> items, int limit, Func<Ranked<T>, TResult> make)
    {
        items.Sort(static (a, b) =>
            a.UtcTicks != b.UtcTicks ? b.UtcTicks.CompareTo(a.UtcTicks)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : string.CompareOrdinal(a.Key, b.Key) is var byKey && byKey != 0 ? byKey
            : a.Order.CompareTo(b.Order));
        var count = Math.Min(limit, items.Count);
        var newest = new List<TResult>(count);
        for (var i = 0; i < count; i++)
        {
            newest.Add(make(items[i]));
        }

        return newest;
    }

    // A closure made in its own method is allocated only for a kept candidate, not for every incident the loop visits.
    private static Func<FeedEntry> Later(SiteView view, IncidentModel incident, IncidentUpdateModel update) => () => IncidentEntry(view, incident, update);

    private static Func<FeedEntry> Later(SiteView view, MaintenanceModel maintenance, MaintenanceEntry entry) => () => MaintenanceEntry(view, maintenance, entry);

    private static FeedEntry IncidentEntry(SiteView view, IncidentModel incident, IncidentUpdateModel update)
    {
        var baseUrl = view.Settings.BaseUrl;
        return new FeedEntry(
            Routes.UriOf(baseUrl, Routes.Of(incident, update)).AbsoluteUri,
            $"{view.Name(update.Status)} — {incident.Title}",
            Routes.UriOf(baseUrl, Routes.Of(incident)),
            update.At,
            update.At,
            [.. incident.Affected.Select(a => new FeedCategory(a.Component.Id, a.Component.Name))],
            update.Source.Markdown);
    }

    private static FeedEntry MaintenanceEntry(SiteView view, MaintenanceModel maintenance, MaintenanceEntry entry)
    {
        var baseUrl = view.Settings.BaseUrl;
        return new FeedEntry(
            Routes.UriOf(baseUrl, Routes.Of(entry)).AbsoluteUri,
            $"{view.Name(entry.Status)} — {maintenance.Title}",
            Routes.UriOf(baseUrl, Routes.Of(maintenance)),
            entry.At,
            entry.At,
            [.. maintenance.Components.Select(c => new FeedCategory(c.Id, c.Name))],
            entry.Markdown);
    }
}
