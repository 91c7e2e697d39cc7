using Markdig.Syntax;

namespace StatusSite.Model;

/// <summary>Everything read from input/, parsed and validated, before any derived fact.</summary>
public sealed record SiteContent(
    SiteSettings Settings,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<Maintenance> Maintenances)
{
    /// <summary>Every postmortem file, drafts included: drafts are linted by <c>check</c> but never published.</summary>
    public IReadOnlyList<Postmortem> Postmortems { get; init; } = [];

    /// <summary>The series of input/metrics/, one per metric site.yml lists that has a file.</summary>
    public IReadOnlyList<MetricData> Metrics { get; init; } = [];
}

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

    /// <summary>The metrics site.yml lists, in its order.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; init; } = [];

    /// <summary>The accent, logo and icon site.yml sets.</summary>
    public Brand Brand { get; init; } = Brand.None;
    /// <summary>Where action items become tickets, and where Jira keys link; see <see cref="TicketSettings"/>.</summary>
    public TicketSettings Tickets { get; init; } = TicketSettings.None;

    /// <summary>
    /// Whom 'statussite github remind' assigns its issues to and how it labels them (site.yml 'reminders:'); null when
    /// site.yml has no 'reminders:' section, which keeps reminders off.
    /// </summary>
    public ReminderSettings? Reminders { get; init; }
}

/// <summary>
/// site.yml's <c>tickets:</c>. <see cref="Tracker"/> is where <c>tickets sync</c> creates tickets: Jira when written,
/// else GitHub Issues when <c>repository</c> is set, else none. <see cref="JiraUrl"/> is where <c>issue: OPS-123</c>
/// links: the build reads no environment, so the address is written here.
/// </summary>
public sealed record TicketSettings(TicketTracker? Tracker, string? Project, string IssueType, Uri? JiraUrl, int Line)
{
    public const string DefaultIssueType = "Task";

    public static readonly TicketSettings None = new(null, null, DefaultIssueType, null, 0);
}

/// <summary>site.yml 'reminders:': GitHub logins to assign reminder issues to, and labels to put on them.</summary>
public sealed record ReminderSettings(IReadOnlyList<string> Assignees, IReadOnlyList<string> Labels)
{
    public static readonly ReminderSettings None = new([], []);
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
    IReadOnlyList<IncidentUpdate> Updates)
{
    /// <summary>Line of the <c>postmortem:</c> key, for diagnostics about the link.</summary>
    public int PostmortemLine { get; init; }
}

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

/// <summary>One postmortem file (SPEC §2.4). Without <see cref="Published"/> it is a draft and nothing of it is published.</summary>
/// <param name="Text">The whole file (LF line endings); <see cref="Document"/>'s spans point into it.</param>
/// <param name="Document">The file's Markdig tree, parsed once when it is read: the blameless linter and the Five Whys walk it.</param>
public sealed record Postmortem(
    string Id,
    string SourcePath,
    string Title,
    IReadOnlyList<string> IncidentIds,
    DateTimeOffset? Published,
    string Summary,
    IReadOnlyList<string> Authors,
    DateTimeOffset? Detected,
    DateTimeOffset? Mitigated,
    IReadOnlyList<ImpactEntry> Impact,
    IReadOnlyList<ActionItem> ActionItems,
    IReadOnlyList<PostmortemSection> Sections,
    PostmortemLines Lines,
    string Text,
    MarkdownDocument Document)
{
    public bool IsDraft => Published is null;
}

/// <summary>Where the postmortem's front-matter keys were written, for diagnostics; <see cref="ActionItems"/> is 0 when the key is absent.</summary>
public sealed record PostmortemLines(int Title, int Incidents, int Published, int Summary, int Authors, int Detected, int Mitigated, int ActionItems);

/// <summary>One line of the impact box, as written: a name such as <c>requests_failed</c>, the author's label if any, and its value.</summary>
public sealed record ImpactEntry(string Key, string? Label, string Value, int Line);

/// <summary>
/// An action item; <see cref="IssueNumber"/> is an issue in <c>site.repository</c>, <see cref="IssueKey"/> a Jira issue
/// (<c>OPS-123</c>) under <c>tickets.jira_url</c>, <see cref="IssueUrl"/> any other tracker.
/// </summary>
public sealed record ActionItem(
    string Title,
    ActionItemType Type,
    ActionPriority Priority,
    string Owner,
    int? IssueNumber,
    Uri? IssueUrl,
    ActionItemStatus Status,
    DateOnly? Due,
    int Line,
    int TitleLine,
    int OwnerLine,
    int IssueLine)
{
    public string? IssueKey { get; init; }

    /// <summary>Whether the item names its ticket in any form.</summary>
    public bool HasIssue => IssueNumber is not null || IssueUrl is not null || IssueKey is not null;
}

/// <summary>An H2 section of a postmortem and its Markdown, without suppression comments.</summary>
public sealed record PostmortemSection(string Heading, int Line, string Markdown);
