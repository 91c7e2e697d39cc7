using StatusSite.Model;

namespace StatusSite.Reading;

// Each front-matter and site.yml key is declared once, here; its YAML name is the property's snake_case.
#pragma warning disable CA1812 // Instantiated by YamlBinder through reflection.

internal sealed class SiteDto : YamlDto
{
    [RequiredKey("Acme Status")]
    public string? Title { get; set; }

    [RequiredKey("https://status.acme.example/")]
    public string? BaseUrl { get; set; }

    public string? Description { get; set; }

    public string? Language { get; set; }

    public string? TimeZone { get; set; }

    public string? SupportUrl { get; set; }

    public string? Repository { get; set; }

    [RequiredKey("[{ id: api, name: Public API }]")]
    public List<ComponentDto>? Components { get; set; }

    public PolicyDto? Policy { get; set; }

    public UptimeDto? Uptime { get; set; }

    public FeedsDto? Feeds { get; set; }

    public List<MetricDto>? Metrics { get; set; }

    public string? Logo { get; set; }

    public string? Favicon { get; set; }

    public string? Accent { get; set; }

    public string? AccentDark { get; set; }
    public TicketsDto? Tickets { get; set; }

    public RemindersDto? Reminders { get; set; }
}

internal sealed class TicketsDto : YamlDto
{
    public TicketTracker? Tracker { get; set; }

    public string? Project { get; set; }

    public string? IssueType { get; set; }

    public string? JiraUrl { get; set; }
}

/// <summary>Who 'statussite github remind' assigns its reminder issues to, and how it labels them.</summary>
internal sealed class RemindersDto : YamlDto
{
    public List<string>? Assignees { get; set; }

    public List<string>? Labels { get; set; }
}

internal sealed class MetricDto : YamlDto
{
    [RequiredKey("api-latency")]
    public string? Id { get; set; }

    [RequiredKey("API latency")]
    public string? Name { get; set; }

    [RequiredKey("ms")]
    public string? Unit { get; set; }

    public List<string>? Components { get; set; }

    [RequiredKey("datadog")]
    public MetricSource? Source { get; set; }

    [RequiredKey("\"avg:trace.http.request.duration{service:api}\"")]
    public string? Query { get; set; }

    public TimeSpan? Range { get; set; }

    public double? Baseline { get; set; }
}

internal sealed class ComponentDto : YamlDto
{
    [RequiredKey("api")]
    public string? Id { get; set; }

    [RequiredKey("Public API")]
    public string? Name { get; set; }

    public string? Group { get; set; }

    public string? Description { get; set; }
}

internal sealed class PolicyDto : YamlDto
{
    public YamlMap<TimeSpan>? UpdateInterval { get; set; }

    public YamlMap<TimeSpan>? PostmortemDue { get; set; }

    public TimeSpan? StaleAfter { get; set; }
}

internal sealed class UptimeDto : YamlDto
{
    public int? Days { get; set; }

    public YamlMap<double>? Weights { get; set; }
}

internal sealed class FeedsDto : YamlDto
{
    public int? Entries { get; set; }
}

/// <summary>A content type whose files may be marked <c>draft: true</c>.</summary>
internal interface IDraftable
{
    bool? Draft { get; }
}

internal sealed class IncidentDto : YamlDto, IDraftable
{
    [RequiredKey("Elevated API error rates")]
    public string? Title { get; set; }

    [RequiredKey("SEV2")]
    public Severity? Severity { get; set; }

    public YamlMap<ComponentStatus>? Components { get; set; }

    public DateTimeOffset? Started { get; set; }

    public string? Postmortem { get; set; }

    public bool? Draft { get; set; }

    public Opaque? Internal { get; set; }
}

internal sealed class MaintenanceDto : YamlDto, IDraftable
{
    [RequiredKey("Database upgrade")]
    public string? Title { get; set; }

    public YamlMap<ComponentStatus?>? Components { get; set; }

    [RequiredKey("2026-12-09T02:00:00Z")]
    public DateTimeOffset? ScheduledFor { get; set; }

    [RequiredKey("2026-12-09T04:00:00Z")]
    public DateTimeOffset? ScheduledUntil { get; set; }

    public bool? Draft { get; set; }

    public Opaque? Internal { get; set; }
}

internal sealed class PostmortemDto : YamlDto
{
    [RequiredKey("\"Postmortem: elevated API error rates on 26 November\"")]
    public string? Title { get; set; }

    [RequiredKey("[2026-11-26-api-errors]")]
    public List<string>? Incidents { get; set; }

    public DateTimeOffset? Published { get; set; }

    public string? Summary { get; set; }

    public List<string>? Authors { get; set; }

    public DateTimeOffset? Detected { get; set; }

    public DateTimeOffset? Mitigated { get; set; }

    public YamlMap<ImpactDto>? Impact { get; set; }

    public List<ActionItemDto>? ActionItems { get; set; }

    public Opaque? Internal { get; set; }
}

/// <summary>One line of the impact box: <c>key: value</c>, or <c>key: { label: …, value: … }</c> to write the label.</summary>
internal sealed class ImpactDto : YamlDto, IScalarShorthand
{
    public string? Label { get; set; }

    [RequiredKey("1.2% of API requests")]
    public string? Value { get; set; }

    void IScalarShorthand.SetFromScalar(string value) => Value = value;
}

internal sealed class ActionItemDto : YamlDto
{
    [RequiredKey("Add connection-pool saturation alert")]
    public string? Title { get; set; }

    [RequiredKey("detect")]
    public ActionItemType? Type { get; set; }

    [RequiredKey("P1")]
    public ActionPriority? Priority { get; set; }

    [RequiredKey("Platform team")]
    public string? Owner { get; set; }

    public string? Issue { get; set; }

    [RequiredKey("open")]
    public ActionItemStatus? Status { get; set; }

    public DateOnly? Due { get; set; }
}
