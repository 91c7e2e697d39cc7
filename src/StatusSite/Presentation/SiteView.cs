using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation.Charts;
using StatusSite.Rendering;

namespace StatusSite.Presentation;

/// <summary>
/// The presentation of a <see cref="SiteModel"/> in the site's language, built once per build: the banner, and every
/// status, label, time and duration a reader sees, in words. Templates, feeds, the API and badges display what it
/// gives; they hold no decisions beyond loops and presence checks.
/// </summary>
public sealed class SiteView(SiteModel site, Translations strings)
{
    // Statuses are named on every chip and uptime day of every page: each name is looked up once.
    private static readonly string[] ComponentCss = [.. Enum.GetValues<ComponentStatus>().Select(EnumNames.Of)];
    private static readonly string[] DayCss = [.. ComponentCss.Select(css => "u-" + css)];
    private static readonly string[] DayCssNone = [.. DayCss.Select(css => css + " u-none")];

    /// <summary>Words an impact key keeps in capitals when it becomes a label.</summary>
    private static readonly HashSet<string> Acronyms = new(
        ["API", "SLA", "SLO", "SLI", "CPU", "GPU", "RAM", "DNS", "HTTP", "HTTPS", "TLS", "SSL", "TCP", "UDP", "IP", "CDN", "URL", "SQL", "DB", "SSO", "VPN", "UI", "SMS", "ID", "IO", "P50", "P95", "P99"],
        StringComparer.OrdinalIgnoreCase);
    private readonly string[] _componentStatus = Names<ComponentStatus>(strings, "component_status.");
    private readonly string[] _incidentStatus = Names<IncidentStatus>(strings, "incident_status.");
    private readonly string[] _maintenanceStatus = Names<MaintenanceStatus>(strings, "maintenance_status.");
    private readonly string[] _severity = Names<Severity>(strings, "severity.");

    public SiteModel Site { get; } = site;

    public SiteSettings Settings => Site.Settings;

    /// <summary>The linked tickets' states the build read from their trackers; none without credentials.</summary>
    public TicketStates Tickets { get; init; } = TicketStates.None;

    /// <summary>An action item's ticket state as read at build time, with the time it was read; null when it was not read.</summary>
    public string? TicketState(ActionItemModel item) => Tickets.Of(item.Source) is { } state
        ? T.Format("tickets.state_read", T["tickets.state." + state.State], Utc(state.ReadAt))
        : null;

    /// <summary>
    /// That the statuses are the ones the postmortem's front matter gives, when a linked ticket was not read (no
    /// credentials, offline, or no answer in time); null when every linked ticket was read or none is linked.
    /// </summary>
    public string? TicketNote(PostmortemModel postmortem) =>
        postmortem.ActionItems.Any(a => TicketStates.RefOf(a.Source) is not null && Tickets.Of(a.Source) is null) ? T["tickets.front_matter"] : null;

    public Translations T { get; } = strings;

    /// <summary>The charts of the home, incident and postmortem pages: drawings and their text equivalents.</summary>
    public ChartPresenter Charts => _charts ??= new ChartPresenter(this);

    private ChartPresenter? _charts;

    /// <summary>The banner of the home page, and the words of the status badge and of the API's <c>status.description</c>.</summary>
    public Banner Banner { get; } = BannerOf(site.Overall.Shown, strings);

    /// <summary>The site's logo, icon and accent as pages show them.</summary>
    public BrandView Brand { get; } = new(site.Settings.Brand, site.Settings.Title);

    /// <summary>
    /// Each group's status under the banner, one line each (a component outside any group is a line of its own): what is
    /// not operational right now first, then the rest, each part in the catalogue's order.
    /// </summary>
    public IReadOnlyList<GroupLine> Glance => field ??= [.. Site.Groups
        .OrderBy(g => g.Status == ComponentStatus.Operational)
        .ThenBy(g => g.Position)
        .Select(g => new GroupLine(g.Name ?? g.Components[0].Name, Chip(g.Status)))];

    /// <summary>A component's page banner: its status in the words of its chip.</summary>
    public Banner BannerOf(ComponentModel component) => new(component.Status, Css(component.Status), Name(component.Status));
    /// <summary>The header's subscribe control on every page but a component's.</summary>
    public SubscribeMenu Subscribe { get; } = SubscribeMenu.Of(strings);

    /// <summary>A UTC date and time as people read it: "26 Nov 2026, 10:42 UTC".</summary>
    public string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString(T["format.date_time"], T.Culture) + " UTC";

    public static string Iso(DateTimeOffset time) => Timestamp.ToIso(time);

    public static string Iso(DateOnly date) => Timestamp.Fixed(date.ToDateTime(TimeOnly.MinValue), "yyyy-MM-dd");

    /// <summary>The pattern of <see cref="Utc"/>, for the script to write the reader's local time in the same format.</summary>
    public string TimeFormat => T["format.date_time"];

    /// <summary>The month abbreviations <see cref="TimeFormat"/>'s 'MMM' writes, January first, separated by '|'.</summary>
    public string MonthNames => string.Join('|', T.Culture.DateTimeFormat.AbbreviatedMonthGenitiveNames.Take(12));

    public string Date(DateOnly date) => date.ToString(T["format.date"], T.Culture);

    public string Month(int year, int month) => new DateTime(year, month, 1).ToString(T["format.month"], T.Culture);

    /// <summary>"2 h 05 min", "45 min", "3 d 4 h".</summary>
    public string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return T["duration.under_a_minute"];
        }

        var minutes = (long)span.TotalMinutes;
        var (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        return days > 0 ? T.Format("duration.days_hours", days, hours)
            : hours > 0 ? T.Format("duration.hours_minutes", hours, mins)
            : T.Format("duration.minutes", mins);
    }

    /// <summary>A share (0..1) as a percentage with two decimals, rounded down so an outage never shows as 100 %; or the "no data" word.</summary>
    public string Percent(double? share) =>
        share is { } value ? T.Format("format.percent", Math.Floor(value * 10000) / 100) : T["uptime.no_data"];

    public string Name(ComponentStatus status) => _componentStatus[(int)status];

    public string Name(IncidentStatus status) => _incidentStatus[(int)status];

    public string Name(MaintenanceStatus status) => _maintenanceStatus[(int)status];

    public static string Name(Severity severity) => severity.ToString().ToUpperInvariant();

    public string Name(ActionItemType type) => T["action_type." + EnumNames.Of(type)];

    public string Name(ActionItemStatus status) => T["action_status." + EnumNames.Of(status)];

    public static string Name(ActionPriority priority) => priority.ToString();

    /// <summary>The label of an open incident's next update and its time: one phrase whether the update promised it or the policy sets it; null when none is due.</summary>
    public NextUpdateText? NextUpdate(IncidentModel incident) => incident.NextUpdateBy is { } at
        ? new NextUpdateText(T["incident.next_update"], at)
        : null;

    /// <summary>When a resolved incident's postmortem is due, or that it is overdue; null when none is expected or it is published.</summary>
    public Note? PostmortemDue(IncidentPostmortem postmortem) => postmortem.DueBy is { } dueBy
        ? postmortem.Overdue
            ? new Note("postmortem-overdue", T.Format("postmortem.overdue", Utc(dueBy)))
            : new Note("postmortem-due", T.Format("postmortem.due_by", Utc(dueBy)))
        : null;

    /// <summary>The postmortem lag against the policy's allowance; null when the policy sets none.</summary>
    public Note? Allowance(PostmortemLag lag) => lag.Allowed is { } allowed
        ? lag.Late
            ? new Note("lag-late", T.Format("postmortem.lag_late", Duration(allowed)))
            : new Note("lag-within", T.Format("postmortem.lag_within", Duration(allowed)))
        : null;

    /// <summary>Action items to do and done, and those not to be done when there are any.</summary>
    public string Counts(ActionItemCounts counts) => counts.WontDo > 0
        ? T.Format("postmortem.action_counts_wont_do", counts.Open, counts.Done, counts.WontDo)
        : T.Format("postmortem.action_counts", counts.Open, counts.Done);

    /// <summary>A postmortem metric in words: its label, its value (or the words for a milestone that was not written) and its definition.</summary>
    public MetricText Metric(PostmortemMetric metric) => new(
        metric.Key,
        T["metric." + metric.Key],
        metric.Value is { } span ? Duration(span) : T["postmortem.not_recorded"],
        T["metric." + metric.Key + "_definition"]);

    /// <summary>An impact line's label: the author's, else its key in words.</summary>
    public static string Label(ImpactEntry entry) => entry.Label ?? Label(entry.Key);

    /// <summary>An impact key as a label, known acronyms kept: <c>api_requests_failed</c> → "API requests failed".</summary>
    public static string Label(string key)
    {
        var words = string.Join(' ', key.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Acronyms.Contains(w) ? w.ToUpperInvariant() : w));
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public string SeverityMeaning(Severity severity) => _severity[(int)severity];

    /// <summary>The CSS class and icon name of a status: the content's name for it.</summary>
    public static string Css(ComponentStatus status) => ComponentCss[(int)status];

    public static string Css(ActionItemStatus status) => EnumNames.Of(status);

    /// <summary>An incident's class: resolved, or while open the status its severity stands for.</summary>
    public static string Css(IncidentModel incident) => incident.IsResolved ? "resolved" : Css(StatusScale.StatusOf(incident.Severity));

    /// <summary>An uptime day's classes: its worst status, and 'u-none' for a day with no elapsed time.</summary>
    public static string Css(UptimeDay day) => (day.Uptime is null ? DayCssNone : DayCss)[(int)day.Worst];

    public static string Html(string markdown) => MarkdownRenderer.ToHtml(markdown);

    public Chip Chip(ComponentStatus status) => new(Css(status), Name(status));

    public Chip Chip(IncidentModel incident) => new(Css(incident), Name(incident.Status));

    /// <summary>A component as an incident shows it (see <see cref="AffectedComponent.Shown"/>).</summary>
    public Chip Chip(AffectedComponent affected) => Chip(affected.Shown);

    public Chip Chip(MaintenanceStatus status) => new(Css(ComponentStatus.UnderMaintenance), Name(status));

    /// <summary>
    /// The banner of a status: its class and icon, and its words from the theme's <c>indicator.*</c> strings:
    /// Statuspage's indicator in words, and 'maintenance' for the status under maintenance, which is no outage.
    /// </summary>
    private static Banner BannerOf(ComponentStatus shown, Translations t)
    {
        var key = shown == ComponentStatus.UnderMaintenance ? "maintenance" : EnumNames.Of(StatusScale.IndicatorOf(shown));
        return new Banner(shown, Css(shown), t["indicator." + key]);
    }

    /// <summary>The translated name of each value of an enum, indexed by value.</summary>
    private static string[] Names<TEnum>(Translations t, string prefix)
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(v => t[prefix + EnumNames.Of(v)])];

    /// <summary>What an uptime day says as text: date, uptime and the worst status.</summary>
    public string Describe(UptimeDay day)
    {
        var text = $"{Date(day.Date)}: {Percent(day.Uptime)}";
        if (day.Worst != ComponentStatus.Operational)
        {
            text += " · " + Name(day.Worst);
        }

        return day.IncidentIds.Count == 0 ? text : text + " · " + T.Format("uptime.incidents", day.IncidentIds.Count);
    }

    /// <summary>The site title and this build's time, seconds since the epoch, for the stale notice.</summary>
    public long BuiltUnixSeconds => Site.Now.ToUnixTimeSeconds();

    public long StaleAfterSeconds => (long)Settings.Policy.StaleAfter.TotalSeconds;
}

/// <summary>A feed or other alternate representation a page links to in its head.</summary>
public sealed record AlternateLink(string Type, string Title, string Path);

/// <summary>What the layout and partials know of any page.</summary>
public interface IPage
{
    SiteView View { get; }

    string Path { get; }

    string Title { get; }

    string Description { get; }

    IReadOnlyList<AlternateLink> Alternates { get; }

    /// <summary>What the header's subscribe control lists on this page.</summary>
    SubscribeMenu Subscribe { get; }

    Translations T { get; }

    string Root { get; }

    string Canonical { get; }

    bool IsHome { get; }

    /// <summary>The document's title: the page's, followed by the site's except on the home page.</summary>
    string DocumentTitle { get; }

    string Url(string sitePath);
}

public static class PageExtensions
{
    /// <summary>The same page with a partial's data.</summary>
    public static Part<T> With<T>(this IPage page, T data) => new(page, data);
}

/// <summary>A partial's model: the page it is drawn on, and its own piece of data.</summary>
public sealed record Part<TData>(IPage Page, TData Data)
{
    public SiteView View => Page.View;

    public Translations T => Page.T;
}

/// <summary>A status shown as an icon and words, never colour alone.</summary>
public sealed record Chip(string Css, string Text);

/// <summary>The site's status as a whole, as the banner, the badge and the API say it.</summary>
/// <param name="Shown">The status on the scale (<see cref="OverallStatus.Shown"/>); it sets the badge's colour.</param>
/// <param name="Css">The banner's class and icon name.</param>
/// <param name="Words">The status in the site's language.</param>
public sealed record Banner(ComponentStatus Shown, string Css, string Words);

/// <summary>A line under the banner: a group (or a component outside any group) and its status.</summary>
public sealed record GroupLine(string Name, Chip Status);

/// <summary>When an open incident's next update is due, and the words that introduce it.</summary>
public sealed record NextUpdateText(string Label, DateTimeOffset At);

/// <summary>A postmortem metric as its page shows it; <paramref name="Key"/> names its element.</summary>
public sealed record MetricText(string Key, string Label, string Value, string Definition);

/// <summary>A remark in words with its class, such as a postmortem that is due or overdue.</summary>
public sealed record Note(string Css, string Text);

/// <summary>One page: its site-relative path, title, the shared view and its own data.</summary>
/// <param name="Path">Site-relative folder or file, such as "incidents/x/" or "404.html".</param>
public sealed record Page<TData>(SiteView View, string Path, string Title, string Description, TData Data, IReadOnlyList<AlternateLink> Alternates) : IPage
{
    public SubscribeMenu Subscribe { get; init; } = View.Subscribe;

    public Translations T => View.T;

    public SiteModel Site => View.Site;

    /// <summary>Prefix from this page back to the site root, so the site works in any folder (GitHub Pages project sites too).</summary>
    public string Root
    {
        get
        {
            if (Path == Routes.NotFound)
            {
                // 404.html is served for any missing address, at any depth: only absolute links work there.
                return View.Settings.BaseUrl.AbsolutePath;
            }

            var depth = Path.AsSpan().Count('/');
            return depth < RootPrefixes.Length ? RootPrefixes[depth] : string.Concat(Enumerable.Repeat("../", depth));
        }
    }

    /// <summary>"./", "../", "../../", …: every link on a page starts with one, so they are made once.</summary>
    private static readonly string[] RootPrefixes = ["./", .. Enumerable.Range(1, 7).Select(depth => string.Concat(Enumerable.Repeat("../", depth)))];

    /// <summary>A link from this page to a site-relative path.</summary>
    public string Url(string sitePath) => sitePath.Length == 0 && Root == "./" ? "./" : Root + sitePath;

    public string Canonical => Routes.Absolute(View.Settings.BaseUrl, Path);

    public bool IsHome => Path.Length == 0;

    public string DocumentTitle => IsHome ? Title : Title + " · " + View.Settings.Title;
}
