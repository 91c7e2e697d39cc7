namespace StatusSite.Publishing;

/// <summary>Where the feeds, calendar, API and badges live, site-relative; pages link to them from here.</summary>
public static class SubscribePaths
{
    public const string Atom = "feed.atom";
    public const string Rss = "feed.rss";
    public const string JsonFeed = "feed.json";
    public const string PostmortemsAtom = "postmortems/feed.atom";
    public const string Calendar = "maintenance.ics";
    public const string Badge = "badge.svg";
    public const string ApiSummary = "api/v2/summary.json";

    public static string ComponentAtom(string id) => $"components/{id}/feed.atom";

    public static string ComponentRss(string id) => $"components/{id}/feed.rss";

    public static string ComponentBadge(string id) => $"components/{id}/badge.svg";

    /// <summary>The component a page path belongs to ("components/api/" → "api"), or null.</summary>
    public static string? ComponentIdOf(string pagePath)
    {
        const string prefix = "components/";
        if (!pagePath.StartsWith(prefix, StringComparison.Ordinal) || !pagePath.EndsWith('/'))
        {
            return null;
        }

        var id = pagePath[prefix.Length..^1];
        return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) ? id : null;
    }
}
