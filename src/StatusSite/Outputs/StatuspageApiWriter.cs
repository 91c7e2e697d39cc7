using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;
using StatusSite.Rendering;

namespace StatusSite.Outputs;

/// <summary>
/// The Atlassian Statuspage public API v2 as static files (/api/v2/*.json): every key of their objects present
/// (null where we have no value) and their enum words, so existing aggregators and widgets read it unchanged.
/// </summary>
public sealed class StatuspageApiWriter
{
    /// <summary>incidents.json and scheduled-maintenances.json list this many, most recent first, as Statuspage does.</summary>
    public const int RecentIncidents = 50;

    private static readonly StatuspageJsonContext Context = new(new JsonSerializerOptions
    {
        // Served as JSON, never inlined into HTML: keep dashes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Compact, as Statuspage serves it: aggregators read it, people rarely do, and it stays small on long histories.
        WriteIndented = false,
    });

    private readonly SiteModel _site;
    private readonly Banner _banner;
    private readonly ApiPage _page;
    private readonly IReadOnlyList<ApiComponent> _components;
    private readonly Dictionary<string, ApiComponent> _componentsById;

    /// <param name="banner">The status in words for <c>status.description</c>, in the site's language.</param>
    public StatuspageApiWriter(SiteModel site, Banner banner)
    {
        _site = site;
        _banner = banner;
        var settings = site.Settings;
        _page = new ApiPage(PageId, settings.Title, settings.BaseUrl.AbsoluteUri.TrimEnd('/'), settings.TimeZone.Id, Time(site.LastChangeAt));
        _components = Components();
        _componentsById = _components.Where(c => !c.Group).ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>Every file of the API, site-relative path → bytes producer.</summary>
    public IEnumerable<(string Path, Func<byte[]> Produce)> Files()
    {
        var status = new ApiStatus(EnumNames.Of(_site.Overall.Indicator), _banner.Words);
        var unresolved = _site.ActiveIncidents.Select(Incident).ToList();
        yield return (Routes.ApiSummary, () => Serialize(new ApiSummary(_page, _components, unresolved, [.. _site.ActiveMaintenances.Concat(_site.UpcomingMaintenances).Select(Maintenance)], status), Context.ApiSummary));
        yield return (Routes.ApiStatus, () => Serialize(new ApiStatusResponse(_page, status), Context.ApiStatusResponse));
        yield return (Routes.ApiComponents, () => Serialize(new ApiComponentsResponse(_page, _components), Context.ApiComponentsResponse));
        yield return (Routes.ApiIncidents, () => Serialize(new ApiIncidentsResponse(_page, [.. _site.Incidents.Take(RecentIncidents).Select(Incident)]), Context.ApiIncidentsResponse));
        yield return (Routes.ApiUnresolvedIncidents, () => Serialize(new ApiIncidentsResponse(_page, unresolved), Context.ApiIncidentsResponse));
        yield return (Routes.ApiMaintenances, () => Serialize(new ApiMaintenancesResponse(_page, [.. _site.Maintenances.Take(RecentIncidents).Select(Maintenance)]), Context.ApiMaintenancesResponse));
        yield return (Routes.ApiUpcomingMaintenances, () => Serialize(new ApiMaintenancesResponse(_page, [.. _site.UpcomingMaintenances.Select(Maintenance)]), Context.ApiMaintenancesResponse));
        yield return (Routes.ApiActiveMaintenances, () => Serialize(new ApiMaintenancesResponse(_page, [.. _site.ActiveMaintenances.Select(Maintenance)]), Context.ApiMaintenancesResponse));
    }

    /// <summary>Statuspage times: UTC with milliseconds, "2026-11-26T10:14:00.000Z".</summary>
    public static string Time(DateTimeOffset time) => Timestamp.Fixed(time.UtcDateTime, "yyyy-MM-ddTHH:mm:ss.fffZ");

    private string PageId => ComponentGroups.IdOf(_site.Settings.Title);

    private static string? Time(DateTimeOffset? time) => time is { } value ? Time(value) : null;

    private static byte[] Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(value, type), (byte)'\n'];

    /// <summary>Groups are components with group: true and their children's ids; positions count through the flattened list.</summary>
    private List<ApiComponent> Components()
    {
        var contentSince = _site.ContentSince;
        var created = Time(contentSince);
        var list = new List<ApiComponent>();
        ApiComponent Of(ComponentModel c, string? groupId) => new(
            c.Id, c.Name, EnumNames.Of(c.Status), created, Time(c.StatusSince ?? contentSince), list.Count + 1, c.Component.Description,
            Showcase: true, StartDate: null, groupId, PageId, Group: false, OnlyShowIfDegraded: false, Components: null);
        foreach (var group in _site.Groups)
        {
            if (group.Name is null)
            {
                list.AddRange(group.Components.Select(c => Of(c, null)));
                continue;
            }

            var since = group.Components.Select(c => c.StatusSince ?? contentSince).Max();
            list.Add(new ApiComponent(
                group.Id!, group.Name, EnumNames.Of(group.Status), created, Time(since), list.Count + 1, null,
                Showcase: false, StartDate: null, GroupId: null, PageId, Group: true, OnlyShowIfDegraded: false, [.. group.Components.Select(c => c.Id)]));
            foreach (var component in group.Components)
            {
                list.Add(Of(component, group.Id));
            }
        }

        return list;
    }

    private ApiIncident Incident(IncidentModel incident)
    {
        var updates = incident.NewestFirst.Select(u => new ApiIncidentUpdate(
            u.StableId(incident.Id),
            EnumNames.Of(u.StatusAfter),
            MarkdownRenderer.ToPlainText(u.Source.Markdown),
            incident.Id,
            Time(u.At),
            Time(u.At),
            Time(u.At),
            u.Transitions.Count == 0 ? null : [.. u.Transitions.Select(t => new ApiAffectedComponent(t.Component.Id, t.Component.Name, EnumNames.Of(t.Old), EnumNames.Of(t.New)))],
            DeliverNotifications: true,
            CustomTweet: null,
            TweetId: null)).ToList();
        return new ApiIncident(
            incident.Id,
            incident.Title,
            EnumNames.Of(incident.Status),
            Time(incident.Updates[0].At),
            Time(incident.UpdatedAt),
            Time(incident.MonitoringAt),
            Time(incident.ResolvedAt),
            EnumNames.Of(incident.Impact),
            Shortlink(Routes.Of(incident)),
            Time(incident.Start),
            PageId,
            updates,
            [.. incident.Affected.Select(a => _componentsById[a.Component.Id])],
            ReminderIntervals: null);
    }

    private ApiScheduledMaintenance Maintenance(MaintenanceModel maintenance)
    {
        var updates = Enumerable.Reverse(maintenance.Timeline).Select(e => new ApiIncidentUpdate(
            e.Id,
            EnumNames.Of(e.StatusAfter),
            MarkdownRenderer.ToPlainText(e.Markdown),
            maintenance.Id,
            Time(e.At),
            Time(e.At),
            Time(e.At),
            AffectedComponents: null,
            DeliverNotifications: true,
            CustomTweet: null,
            TweetId: null)).ToList();
        return new ApiScheduledMaintenance(
            maintenance.Id,
            maintenance.Title,
            EnumNames.Of(maintenance.State),
            Time(maintenance.CreatedAt),
            Time(maintenance.ChangedAt),
            MonitoringAt: null,
            Time(maintenance.CompletedAt),
            "maintenance",
            Shortlink(Routes.Of(maintenance)),
            Time(maintenance.StartedAt),
            PageId,
            updates,
            [.. maintenance.Components.Select(c => _componentsById[c.Id])],
            Time(maintenance.Source.ScheduledFor),
            Time(maintenance.Source.ScheduledUntil),
            ScheduledRemindPrior: false,
            ScheduledRemindedAt: null,
            ImpactOverride: null,
            ScheduledAutoInProgress: maintenance.FollowsClock,
            ScheduledAutoCompleted: maintenance.FollowsClock,
            ReminderIntervals: null);
    }

    private string Shortlink(string path) => Routes.Absolute(_site.Settings.BaseUrl, path);
}

internal sealed record ApiPage(string Id, string Name, string Url, string TimeZone, string UpdatedAt);

internal sealed record ApiStatus(string Indicator, string Description);

internal sealed record ApiComponent(
    string Id,
    string Name,
    string Status,
    string CreatedAt,
    string UpdatedAt,
    int Position,
    string? Description,
    bool Showcase,
    string? StartDate,
    string? GroupId,
    string PageId,
    bool Group,
    bool OnlyShowIfDegraded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Components);

internal sealed record ApiAffectedComponent(string Code, string Name, string OldStatus, string NewStatus);

internal sealed record ApiIncidentUpdate(
    string Id,
    string Status,
    string Body,
    string IncidentId,
    string CreatedAt,
    string UpdatedAt,
    string DisplayAt,
    IReadOnlyList<ApiAffectedComponent>? AffectedComponents,
    bool DeliverNotifications,
    string? CustomTweet,
    string? TweetId);

internal sealed record ApiIncident(
    string Id,
    string Name,
    string Status,
    string CreatedAt,
    string UpdatedAt,
    string? MonitoringAt,
    string? ResolvedAt,
    string Impact,
    string Shortlink,
    string StartedAt,
    string PageId,
    IReadOnlyList<ApiIncidentUpdate> IncidentUpdates,
    IReadOnlyList<ApiComponent> Components,
    string? ReminderIntervals);

internal sealed record ApiScheduledMaintenance(
    string Id,
    string Name,
    string Status,
    string CreatedAt,
    string UpdatedAt,
    string? MonitoringAt,
    string? ResolvedAt,
    string Impact,
    string Shortlink,
    string? StartedAt,
    string PageId,
    IReadOnlyList<ApiIncidentUpdate> IncidentUpdates,
    IReadOnlyList<ApiComponent> Components,
    string ScheduledFor,
    string ScheduledUntil,
    bool ScheduledRemindPrior,
    string? ScheduledRemindedAt,
    string? ImpactOverride,
    bool ScheduledAutoInProgress,
    bool ScheduledAutoCompleted,
    string? ReminderIntervals);

internal sealed record ApiSummary(
    ApiPage Page,
    IReadOnlyList<ApiComponent> Components,
    IReadOnlyList<ApiIncident> Incidents,
    IReadOnlyList<ApiScheduledMaintenance> ScheduledMaintenances,
    ApiStatus Status);

internal sealed record ApiStatusResponse(ApiPage Page, ApiStatus Status);

internal sealed record ApiComponentsResponse(ApiPage Page, IReadOnlyList<ApiComponent> Components);

internal sealed record ApiIncidentsResponse(ApiPage Page, IReadOnlyList<ApiIncident> Incidents);

internal sealed record ApiMaintenancesResponse(ApiPage Page, IReadOnlyList<ApiScheduledMaintenance> ScheduledMaintenances);

[JsonSerializable(typeof(ApiSummary))]
[JsonSerializable(typeof(ApiStatusResponse))]
[JsonSerializable(typeof(ApiComponentsResponse))]
[JsonSerializable(typeof(ApiIncidentsResponse))]
[JsonSerializable(typeof(ApiMaintenancesResponse))]
internal sealed partial class StatuspageJsonContext : JsonSerializerContext;
