namespace StatusSite.Model;

/// <summary>Everything read from input/, parsed and validated, before any derived fact.</summary>
public sealed record SiteContent(
    SiteSettings Settings,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<Maintenance> Maintenances);

/// <summary>site.yml.</summary>
/// <param name="FeedEntries">The most entries a feed holds, newest first, so feeds stay small on long histories.</param>
public sealed record SiteSettings(
    string Title,
    Uri BaseUrl,
    string Description,
    string Language,
    TimeZoneInfo TimeZone,
    string? SupportUrl,
    string? Repository,
    IReadOnlyList<Component> Components,
    Policy Policy,
    UptimeSettings Uptime,
    int FeedEntries = SiteSettings.DefaultFeedEntries)
{
    public const int DefaultFeedEntries = 50;
}

/// <summary>A component from the catalogue; <see cref="Position"/> is its catalogue order, from 1.</summary>
public sealed record Component(string Id, string Name, string? Group, string? Description, int Position);

public sealed record Policy(
    IReadOnlyDictionary<Severity, TimeSpan> UpdateInterval,
    IReadOnlyDictionary<Severity, TimeSpan> PostmortemDue,
    TimeSpan StaleAfter);

/// <summary>How uptime is computed: over how many days, and what share of an outage's time counts as down.</summary>
public sealed record UptimeSettings(int Days, IReadOnlyDictionary<ComponentStatus, double> Weights);

/// <summary>A component status change written in front matter or on a <c>Components:</c> line.</summary>
public sealed record ComponentChange(string ComponentId, ComponentStatus Status);

/// <summary>One incident file.</summary>
public sealed record Incident(
    string Id,
    string SourcePath,
    string Title,
    Severity Severity,
    IReadOnlyList<ComponentChange> Components,
    DateTimeOffset? Started,
    string? PostmortemId,
    IReadOnlyList<IncidentUpdate> Updates);

/// <summary>One update; <see cref="Incident.Updates"/> holds them oldest first.</summary>
public sealed record IncidentUpdate(
    DateTimeOffset At,
    IncidentStatus Status,
    string Markdown,
    IReadOnlyList<ComponentChange> ComponentChanges,
    DateTimeOffset? NextUpdate,
    int Line);

/// <summary>One scheduled maintenance file.</summary>
public sealed record Maintenance(
    string Id,
    string SourcePath,
    string Title,
    IReadOnlyList<ComponentChange> Components,
    DateTimeOffset ScheduledFor,
    DateTimeOffset ScheduledUntil,
    string DescriptionMarkdown,
    IReadOnlyList<MaintenanceUpdate> Updates);

public sealed record MaintenanceUpdate(DateTimeOffset At, MaintenanceStatus Status, string Markdown, int Line);
