using StatusSite.Model;

namespace StatusSite.Presentation;

/// <summary>
/// What a page offers to follow, as the header's subscribe control lists it: the site's feeds, calendar, API and
/// badge, and on a component's page that component's feeds and badge. Addresses come from <see cref="Routes"/>,
/// words from the theme's <c>subscribe.*</c> strings.
/// </summary>
/// <param name="Site">What every page offers.</param>
/// <param name="Page">What this page adds (a component's own feeds and badge); empty on most pages.</param>
public sealed record SubscribeMenu(IReadOnlyList<AlternateLink> Site, IReadOnlyList<AlternateLink> Page)
{
    /// <summary>The site's feeds: what every page announces in its head and lists first.</summary>
    public static IReadOnlyList<AlternateLink> SiteFeeds(Translations t) =>
    [
        new("application/atom+xml", t["subscribe.atom"], Routes.Atom),
        new("application/rss+xml", t["subscribe.rss"], Routes.Rss),
        new("application/feed+json", t["subscribe.json_feed"], Routes.JsonFeed),
    ];

    /// <summary>A component's own feeds, which its page announces in its head after the site's.</summary>
    public static IReadOnlyList<AlternateLink> ComponentFeeds(ComponentModel component, Translations t) =>
    [
        new("application/atom+xml", t["subscribe.component_atom"], Routes.ComponentAtom(component.Id)),
        new("application/rss+xml", t["subscribe.component_rss"], Routes.ComponentRss(component.Id)),
    ];

    /// <summary>The menu of every page: the site's feeds, the postmortems' feed, the maintenance calendar, the API and the badge.</summary>
    public static SubscribeMenu Of(Translations t) => new(
        [
            .. SiteFeeds(t),
            new("application/atom+xml", t["subscribe.postmortems"], Routes.PostmortemsAtom),
            new("text/calendar", t["subscribe.calendar"], Routes.Calendar),
            new("application/json", t["subscribe.api"], Routes.ApiSummary),
            new("image/svg+xml", t["subscribe.badge"], Routes.Badge),
        ],
        []);

    /// <summary>This menu on a component's page: the component's feeds and badge added.</summary>
    public SubscribeMenu For(ComponentModel component, Translations t) => this with
    {
        Page = [.. ComponentFeeds(component, t), new("image/svg+xml", t["subscribe.component_badge"], Routes.ComponentBadge(component.Id))],
    };
}
