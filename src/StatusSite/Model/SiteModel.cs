using StatusSite.Core;

namespace StatusSite.Model;

/// <summary>
/// Every fact the outputs show, derived once from <see cref="SiteContent"/> at one clock.
/// Templates and writers display it; they never decide.
/// </summary>
public sealed record SiteModel(
    SiteSettings Settings,
    DateTimeOffset Now,
    OverallStatus Overall,
    IReadOnlyList<ComponentModel> Components,
    IReadOnlyList<ComponentGroupModel> Groups,
    IReadOnlyList<IncidentModel> Incidents,
    IReadOnlyList<MaintenanceModel> Maintenances,
    IReadOnlyList<DateOnly> UptimeDays,
    IReadOnlyList<HistoryMonth> Months,
    IReadOnlyList<IncidentDay> RecentDays)
{
    /// <summary>Open incidents, newest first.</summary>
    public required IReadOnlyList<IncidentModel> ActiveIncidents { get; init; }

    /// <summary>Maintenance in progress or verifying.</summary>
    public required IReadOnlyList<MaintenanceModel> ActiveMaintenances { get; init; }

    /// <summary>Scheduled maintenance yet to start, soonest first.</summary>
    public required IReadOnlyList<MaintenanceModel> UpcomingMaintenances { get; init; }

    /// <summary>Completed maintenance, most recent first.</summary>
    public required IReadOnlyList<MaintenanceModel> PastMaintenances { get; init; }

    public ComponentModel Component(string id) => Components.First(c => c.Id == id);

    /// <summary>
    /// The earliest moment the content speaks of (an incident's start or a window's creation), or the clock on an
    /// empty site: a creation time for things the content never dates, such as components, stable while history only grows.
    /// </summary>
    public required DateTimeOffset ContentSince { get; init; }

    /// <summary>The latest change the content records up to the clock: an update, a status change, a window starting or ending.</summary>
    public required DateTimeOffset LastChangeAt { get; init; }

    /// <summary>Published postmortems, newest first; drafts are never here.</summary>
    public IReadOnlyList<PostmortemModel> Postmortems { get; init; } = [];

    /// <summary>Every metric site.yml lists, in its order, with the windows its data file holds (none without a file).</summary>
    public IReadOnlyList<MetricModel> Metrics { get; init; } = [];
}

/// <summary>A metric and its series; a window without points, or a metric without windows, shows as 'no data'.</summary>
public sealed record MetricModel(MetricDefinition Definition, IReadOnlyList<MetricWindow> Windows)
{
    /// <summary>The window over the display range, or null when the metric has no data for it.</summary>
    public MetricWindow? Range => Windows.FirstOrDefault(w => w.Name == MetricData.RangeWindow && w.Points.Count > 0);

    /// <summary>The window around an incident, or null when the metric has no data for it.</summary>
    public MetricWindow? Around(string incidentId) => Windows.FirstOrDefault(w => w.Name == MetricData.IncidentWindow(incidentId) && w.Points.Count > 0);
}

/// <summary>The site's status as a whole, for the banner, the badge and the API.</summary>
/// <param name="Shown">
/// The worst of every component's status, every open incident's severity (<see cref="StatusScale.StatusOf"/>) and
/// 'under maintenance' while a window is active: maintenance wins over operational, never over an outage.
/// </param>
/// <param name="Indicator">Statuspage's indicator of <paramref name="Shown"/>.</param>
public sealed record OverallStatus(ComponentStatus Shown, Indicator Indicator);

/// <summary>A component's status now and over the uptime window.</summary>
public sealed record ComponentModel(
    Component Component,
    ComponentStatus Status,
    DateTimeOffset? StatusSince,
    IReadOnlyList<UptimeDay> Days,
    double? Uptime,
    IReadOnlyList<IncidentModel> Incidents)
{
    public string Id => Component.Id;

    public string Name => Component.Name;

    /// <summary>Incidents that touched the component within the uptime window (or are still open), newest first.</summary>
    public IReadOnlyList<IncidentModel> Recent { get; init; } = [];

    /// <summary>Every incident by the UTC year it started, newest year first: one page each, so no page grows without bound.</summary>
    public IReadOnlyList<ComponentYear> Years { get; init; } = [];
}

/// <summary>One year of a component's incidents, newest first.</summary>
public sealed record ComponentYear(int Year, IReadOnlyList<IncidentModel> Incidents);

/// <summary>A group of components in catalogue order; ungrouped components form groups of their own with a null name.</summary>
public sealed record ComponentGroupModel(string? Id, string? Name, ComponentStatus Status, int Position, IReadOnlyList<ComponentModel> Components);

/// <summary>One UTC day of one component.</summary>
/// <param name="Uptime">Share of the day's elapsed time that counted as up (0..1), after weights; null for a day with no elapsed time.</param>
/// <param name="Worst">The worst status seen that day.</param>
/// <param name="IncidentIds">Incidents that touched the component that day, by start.</param>
public sealed record UptimeDay(DateOnly Date, double? Uptime, ComponentStatus Worst, IReadOnlyList<string> IncidentIds);

/// <summary>A span of time in which one incident or maintenance held a component at a status.</summary>
public sealed record ComponentImpact(string ComponentId, DateTimeOffset From, DateTimeOffset To, ComponentStatus Status);

/// <summary>An incident with every derived fact.</summary>
/// <param name="Impact">Statuspage's impact: the indicator of the severity's status (SEV1 critical, SEV2 major, SEV3 minor).</param>
/// <param name="NewestFirst">The updates newest first, as pages, feeds and the API show them.</param>
/// <param name="NextUpdateBy">
/// While it is open, when the next update is due: the latest update's 'Next update:' promise, else the
/// policy's interval after it (null when the policy sets none). Pages and check's process rules both read it.
/// </param>
public sealed record IncidentModel(
    Incident Source,
    DateTimeOffset Start,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? MonitoringAt,
    IncidentStatus Status,
    TimeSpan Duration,
    DateTimeOffset? NextUpdateBy,
    bool NextUpdatePromised,
    IReadOnlyList<IncidentUpdateModel> Updates,
    IReadOnlyList<AffectedComponent> Affected,
    IReadOnlyList<ComponentImpact> Impacts,
    Indicator Impact,
    IReadOnlyList<IncidentUpdateModel> NewestFirst)
{
    public string Id => Source.Id;

    public string Title => Source.Title;

    public Severity Severity => Source.Severity;

    public bool IsResolved => ResolvedAt is not null;

    /// <summary>The update customers read first: the newest.</summary>
    public IncidentUpdateModel Latest => Updates[^1];

    public DateTimeOffset UpdatedAt => Latest.At;

    /// <summary>Its published postmortem, or when one is due; null when none is expected.</summary>
    public IncidentPostmortem? Postmortem { get; init; }
}

/// <summary>An update with the incident's state after it and the component transitions it caused.</summary>
public sealed record IncidentUpdateModel(IncidentUpdate Source, IncidentStatus StatusAfter, IReadOnlyList<ComponentTransition> Transitions)
{
    public DateTimeOffset At => Source.At;

    public IncidentStatus Status => Source.Status;

    /// <summary>A stable id: the incident id and the update's UTC time.</summary>
    public string StableId(string incidentId) => StableIds.Of(incidentId, At);
}

public sealed record ComponentTransition(Component Component, ComponentStatus Old, ComponentStatus New);

/// <summary>A component an incident touched: its worst status during the incident and its status in the incident now.</summary>
/// <param name="Shown">What the incident shows for it: the worst status once resolved, the current one while open.</param>
public sealed record AffectedComponent(Component Component, ComponentStatus Worst, ComponentStatus Current, ComponentStatus Shown);

/// <summary>A maintenance window with its state at the build clock.</summary>
/// <param name="CreatedAt">When the window was announced: its first update, or, without updates, its start (the content dates nothing earlier).</param>
/// <param name="ChangedAt">The latest change of the window: an update, or the clock moving it to in progress or completed.</param>
/// <param name="FollowsClock">Whether the state follows the clock because no update says in progress, verifying or completed.</param>
/// <param name="Timeline">
/// The window's story for feeds and the API, oldest first: its written updates, and for a window that follows the clock
/// the moves the clock made (into in progress, then completed; they carry the window's description, as nobody wrote
/// anything for them), and an announcement when nothing was written at all.
/// Every entry has an id that never changes when later entries are added.
/// </param>
/// <param name="NewestFirst">The written updates, newest first, as the pages show them.</param>
public sealed record MaintenanceModel(
    Maintenance Source,
    MaintenanceStatus State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<Component> Components,
    IReadOnlyList<ComponentImpact> Impacts,
    DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt,
    bool FollowsClock,
    IReadOnlyList<MaintenanceEntry> Timeline,
    IReadOnlyList<MaintenanceUpdate> NewestFirst)
{
    public string Id => Source.Id;

    public string Title => Source.Title;

    public bool IsActive => IsRunning(State);

    /// <summary>The window's revision for calendars (iCalendar SEQUENCE): it rises with every entry of the <see cref="Timeline"/>.</summary>
    public int Sequence => Timeline.Count - 1;

    /// <summary>Whether a window in this state is running, holding its components in their maintenance status.</summary>
    public static bool IsRunning(MaintenanceStatus state) => state is MaintenanceStatus.InProgress or MaintenanceStatus.Verifying;
}

/// <summary>One step of a maintenance window's story: a written update or a move the clock made.</summary>
/// <param name="StatusAfter">The window's state after this step; an 'Update' keeps the state before it.</param>
public sealed record MaintenanceEntry(string Id, DateTimeOffset At, MaintenanceStatus Status, MaintenanceStatus StatusAfter, string Markdown);

/// <summary>Ids of updates that never change when later updates are added: the parent id and the update's UTC time.</summary>
public static class StableIds
{
    public static string Of(string parentId, DateTimeOffset at) => parentId + "-" + Timestamp.Fixed(at.UtcDateTime, "yyyyMMddTHHmmssZ");
}

/// <summary>One month of history (UTC), incidents by start, newest first.</summary>
public sealed record HistoryMonth(int Year, int Month, IReadOnlyList<IncidentModel> Incidents, IReadOnlyList<MaintenanceModel> Maintenances)
{
    public string Slug => $"{Year:D4}-{Month:D2}";
}

/// <summary>One UTC day of the home page's recent history.</summary>
public sealed record IncidentDay(DateOnly Date, IReadOnlyList<IncidentModel> Incidents);
