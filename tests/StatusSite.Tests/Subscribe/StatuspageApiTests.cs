using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Subscribe;

/// <summary>
/// Reads every API file into records that mirror Statuspage's documented v2 schema: every key required (null allowed
/// where Statuspage allows it), no unknown key, and enums that accept only Statuspage's words.
/// </summary>
public sealed partial class StatuspageApiTests
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcTime();

    private static TestSite Fixture()
    {
        var site = TestSite.Create();
        site.Write("incidents/2026-11-20-api-errors.md", Incidents.File(
            "title: Elevated API error rates\nseverity: SEV2\nstarted: 2026-11-20T09:58:00Z\ncomponents:\n  api: partial_outage",
            Incidents.Update("2026-11-20 10:42 UTC", "Resolved", "Back to normal."),
            Incidents.Update("2026-11-20 10:20 UTC", "Monitoring", "A fix is out."),
            Incidents.Update("2026-11-20 10:02 UTC", "Investigating", "We are investigating.")));
        site.Write("incidents/2026-11-26-webhooks.md", Incidents.File(
            "title: Delayed webhooks\nseverity: SEV1\ncomponents:\n  webhooks: major_outage",
            Incidents.Update("2026-11-26 09:30 UTC", "Update", "Still late.", components: "webhooks=degraded_performance"),
            Incidents.Update("2026-11-26 09:00 UTC", "Identified", "Webhooks are late.")));
        site.Write("maintenance/active.md", "---\ntitle: Dashboard upgrade\ncomponents: [dashboard]\nscheduled_for: 2026-11-26T23:00:00Z\nscheduled_until: 2026-11-27T01:00:00Z\n---\n\nWe upgrade the dashboard.\n");
        site.Write("maintenance/upcoming.md", "---\ntitle: API upgrade\ncomponents: [api]\nscheduled_for: 2026-12-02T02:00:00Z\nscheduled_until: 2026-12-02T03:00:00Z\n---\n\nWe upgrade the API.\n\n## 2026-11-25 10:00 UTC — Scheduled\nPlanned.\n");
        site.Write("maintenance/done.md", "---\ntitle: CDN move\ncomponents: [webhooks]\nscheduled_for: 2026-11-10T02:00:00Z\nscheduled_until: 2026-11-10T03:00:00Z\n---\n\nWe move the CDN.\n\n## 2026-11-10 02:40 UTC — Completed\nDone.\n\n## 2026-11-10 02:00 UTC — In progress\nStarted.\n");
        return site;
    }

    private static T Read<T>(TestSite site, string path) =>
        JsonSerializer.Deserialize<T>(site.ReadOutput("api/v2/" + path), Strict)
            ?? throw new InvalidOperationException(path + " is null");

    [Fact]
    public async Task Every_api_file_matches_statuspage_schema_with_every_key_and_their_enums()
    {
        using var site = Fixture();
        await site.BuildOkAsync();

        var summary = Read<SummaryResponse>(site, "summary.json");
        var status = Read<StatusResponse>(site, "status.json");
        var components = Read<ComponentsResponse>(site, "components.json");
        var incidents = Read<IncidentsResponse>(site, "incidents.json");
        var unresolved = Read<IncidentsResponse>(site, "incidents/unresolved.json");
        var maintenances = Read<MaintenancesResponse>(site, "scheduled-maintenances.json");
        var upcoming = Read<MaintenancesResponse>(site, "scheduled-maintenances/upcoming.json");
        var active = Read<MaintenancesResponse>(site, "scheduled-maintenances/active.json");

        Assert.Equal(new StatusObject(Indicator.Critical, "Major System Outage"), status.Status);
        Assert.Equal(status.Status, summary.Status);
        Assert.Equal(new PageObject("acme-status", "Acme Status", "https://status.acme.example", "Europe/Berlin", "2026-11-26T23:00:00.000Z"), status.Page);
        Assert.Equal(["2026-11-26-webhooks", "2026-11-20-api-errors"], incidents.Incidents.Select(i => i.Id));
        Assert.Equal(["2026-11-26-webhooks"], unresolved.Incidents.Select(i => i.Id));
        Assert.Equal(unresolved.Incidents.Select(i => i.Id), summary.Incidents.Select(i => i.Id));
        Assert.Equal(["upcoming", "active", "done"], maintenances.ScheduledMaintenances.Select(m => m.Id));
        Assert.Equal(["upcoming"], upcoming.ScheduledMaintenances.Select(m => m.Id));
        Assert.Equal(["active"], active.ScheduledMaintenances.Select(m => m.Id));
        Assert.Equal(["active", "upcoming"], summary.ScheduledMaintenances.Select(m => m.Id));
        Assert.Equal(components.Components.Select(c => c with { Components = null }), summary.Components.Select(c => c with { Components = null }));

        var times = new List<string?> { status.Page.UpdatedAt };
        times.AddRange(components.Components.SelectMany(c => new[] { c.CreatedAt, c.UpdatedAt, c.StartDate }));
        times.AddRange(incidents.Incidents.SelectMany(i => new[] { i.CreatedAt, i.UpdatedAt, i.MonitoringAt, i.ResolvedAt, i.StartedAt }
            .Concat(i.IncidentUpdates.SelectMany(u => new[] { u.CreatedAt, u.UpdatedAt, u.DisplayAt }))));
        times.AddRange(maintenances.ScheduledMaintenances.SelectMany(m => new[] { m.CreatedAt, m.UpdatedAt, m.ScheduledFor, m.ScheduledUntil, m.StartedAt, m.ResolvedAt }));
        Assert.All(times.OfType<string>(), t => Assert.Matches(UtcTime(), t));
    }

    [Fact]
    public async Task Groups_are_components_with_their_children_and_positions_in_page_order()
    {
        using var site = Fixture();
        await site.BuildOkAsync();

        var components = Read<ComponentsResponse>(site, "components.json").Components;

        Assert.Equal(["core-platform", "api", "dashboard", "webhooks"], components.Select(c => c.Id));
        Assert.Equal([1, 2, 3, 4], components.Select(c => c.Position));
        var group = components[0];
        Assert.True(group.Group);
        Assert.Equal(["api", "dashboard"], group.Components);
        Assert.Equal(ComponentStatus.UnderMaintenance, group.Status);
        Assert.Equal(["core-platform", "core-platform", null], components.Skip(1).Select(c => c.GroupId));
        Assert.All(components.Skip(1), c => Assert.Null(c.Components));
        Assert.Equal(ComponentStatus.DegradedPerformance, components[3].Status);
    }

    [Fact]
    public async Task Incident_updates_carry_the_state_after_them_and_component_transitions()
    {
        using var site = Fixture();
        await site.BuildOkAsync();

        var incidents = Read<IncidentsResponse>(site, "incidents.json").Incidents;
        var webhooks = incidents[0];
        var api = incidents[1];

        Assert.Equal(IncidentStatus.Identified, webhooks.Status);
        Assert.Equal(Impact.Critical, webhooks.Impact);
        Assert.Equal(["2026-11-26-webhooks-20261126T093000Z", "2026-11-26-webhooks-20261126T090000Z"], webhooks.IncidentUpdates.Select(u => u.Id));
        Assert.Equal([IncidentStatus.Identified, IncidentStatus.Identified], webhooks.IncidentUpdates.Select(u => u.Status));
        Assert.Equal(
            [new AffectedComponent("webhooks", "Webhooks", ComponentStatus.MajorOutage, ComponentStatus.DegradedPerformance)],
            webhooks.IncidentUpdates[0].AffectedComponents!);
        Assert.Equal(
            [new AffectedComponent("webhooks", "Webhooks", ComponentStatus.Operational, ComponentStatus.MajorOutage)],
            webhooks.IncidentUpdates[1].AffectedComponents!);
        Assert.Equal("https://status.acme.example/incidents/2026-11-26-webhooks/", webhooks.Shortlink);
        Assert.Equal(["webhooks"], webhooks.Components.Select(c => c.Id));

        Assert.Equal(IncidentStatus.Resolved, api.Status);
        Assert.Equal(Impact.Major, api.Impact);
        Assert.Equal("2026-11-20T09:58:00.000Z", api.StartedAt);
        Assert.Equal("2026-11-20T10:02:00.000Z", api.CreatedAt);
        Assert.Equal("2026-11-20T10:20:00.000Z", api.MonitoringAt);
        Assert.Equal("2026-11-20T10:42:00.000Z", api.ResolvedAt);
        Assert.Null(api.IncidentUpdates[1].AffectedComponents);
    }

    [Fact]
    public async Task Scheduled_maintenances_are_incident_shaped_with_their_window_and_state()
    {
        using var site = Fixture();
        await site.BuildOkAsync();

        var byId = Read<MaintenancesResponse>(site, "scheduled-maintenances.json").ScheduledMaintenances.ToDictionary(m => m.Id);

        Assert.All(byId.Values, m => Assert.Equal(MaintenanceImpact.Maintenance, m.Impact));
        Assert.Equal(MaintenanceStatus.InProgress, byId["active"].Status);
        Assert.Equal("2026-11-26T23:00:00.000Z", byId["active"].ScheduledFor);
        Assert.Equal("2026-11-27T01:00:00.000Z", byId["active"].ScheduledUntil);
        Assert.Equal(MaintenanceStatus.Scheduled, byId["upcoming"].Status);
        Assert.Equal(MaintenanceStatus.Completed, byId["done"].Status);
        Assert.Equal("2026-11-10T02:40:00.000Z", byId["done"].ResolvedAt);
        Assert.Equal([MaintenanceStatus.Completed, MaintenanceStatus.InProgress], byId["done"].IncidentUpdates.Select(u => u.Status));
        Assert.Equal(["dashboard"], byId["active"].Components.Select(c => c.Id));
    }

    [Fact]
    public async Task Strict_reading_rejects_a_missing_key_and_an_enum_word_statuspage_does_not_use()
    {
        using var site = Fixture();
        await site.BuildOkAsync();
        var text = site.ReadOutput("api/v2/components.json");

        var missing = JsonNode.Parse(text)!;
        missing["components"]![0]!.AsObject().Remove("showcase");
        var unknown = JsonNode.Parse(text)!;
        unknown["components"]![1]!["status"] = "down";

        Assert.NotNull(JsonSerializer.Deserialize<ComponentsResponse>(text, Strict));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ComponentsResponse>(missing.ToJsonString(), Strict));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ComponentsResponse>(unknown.ToJsonString(), Strict));
    }

    [Fact]
    public async Task Api_ids_stay_the_same_when_the_site_grows()
    {
        using var site = Fixture();
        await site.BuildOkAsync();
        var before = Read<IncidentsResponse>(site, "incidents.json").Incidents.ToDictionary(i => i.Id, i => i.IncidentUpdates.Select(u => u.Id).ToList());

        site.Write("incidents/2026-11-26-late.md", Incidents.File("title: Slow sign-in\nseverity: SEV3", Incidents.Update("2026-11-26 12:00 UTC", "Investigating", "Slow.")));
        await site.BuildOkAsync();
        var after = Read<IncidentsResponse>(site, "incidents.json").Incidents.ToDictionary(i => i.Id, i => i.IncidentUpdates.Select(u => u.Id).ToList());

        Assert.All(before, pair => Assert.Equal(pair.Value, after[pair.Key]));
    }

    // Statuspage's documented v2 schema. Every member is required: a missing key fails the read.
    private enum Indicator { None, Minor, Major, Critical }

    private enum ComponentStatus { Operational, DegradedPerformance, PartialOutage, MajorOutage, UnderMaintenance }

    private enum IncidentStatus { Investigating, Identified, Monitoring, Resolved, Postmortem }

    private enum MaintenanceStatus { Scheduled, InProgress, Verifying, Completed }

    private enum Impact { None, Minor, Major, Critical }

    private enum MaintenanceImpact { None, Minor, Major, Critical, Maintenance }

    private sealed record PageObject(
        [property: JsonRequired] string Id,
        [property: JsonRequired] string Name,
        [property: JsonRequired] string Url,
        [property: JsonRequired] string TimeZone,
        [property: JsonRequired] string UpdatedAt);

    private sealed record StatusObject([property: JsonRequired] Indicator Indicator, [property: JsonRequired] string Description);

    private sealed record Component(
        [property: JsonRequired] string Id,
        [property: JsonRequired] string Name,
        [property: JsonRequired] ComponentStatus Status,
        [property: JsonRequired] string CreatedAt,
        [property: JsonRequired] string UpdatedAt,
        [property: JsonRequired] int Position,
        [property: JsonRequired] string? Description,
        [property: JsonRequired] bool Showcase,
        [property: JsonRequired] string? StartDate,
        [property: JsonRequired] string? GroupId,
        [property: JsonRequired] string PageId,
        [property: JsonRequired] bool Group,
        [property: JsonRequired] bool OnlyShowIfDegraded,
        IReadOnlyList<string>? Components);

    private sealed record AffectedComponent(
        [property: JsonRequired] string Code,
        [property: JsonRequired] string Name,
        [property: JsonRequired] ComponentStatus OldStatus,
        [property: JsonRequired] ComponentStatus NewStatus);

    private sealed record IncidentUpdate<TStatus>(
        [property: JsonRequired] string Id,
        [property: JsonRequired] TStatus Status,
        [property: JsonRequired] string Body,
        [property: JsonRequired] string IncidentId,
        [property: JsonRequired] string CreatedAt,
        [property: JsonRequired] string UpdatedAt,
        [property: JsonRequired] string DisplayAt,
        [property: JsonRequired] IReadOnlyList<AffectedComponent>? AffectedComponents,
        [property: JsonRequired] bool DeliverNotifications,
        [property: JsonRequired] string? CustomTweet,
        [property: JsonRequired] string? TweetId);

    private sealed record Incident(
        [property: JsonRequired] string Id,
        [property: JsonRequired] string Name,
        [property: JsonRequired] IncidentStatus Status,
        [property: JsonRequired] string CreatedAt,
        [property: JsonRequired] string UpdatedAt,
        [property: JsonRequired] string? MonitoringAt,
        [property: JsonRequired] string? ResolvedAt,
        [property: JsonRequired] Impact Impact,
        [property: JsonRequired] string Shortlink,
        [property: JsonRequired] string? StartedAt,
        [property: JsonRequired] string PageId,
        [property: JsonRequired] IReadOnlyList<IncidentUpdate<IncidentStatus>> IncidentUpdates,
        [property: JsonRequired] IReadOnlyList<Component> Components,
        [property: JsonRequired] JsonElement? ReminderIntervals);

    private sealed record ScheduledMaintenance(
        [property: JsonRequired] string Id,
        [property: JsonRequired] string Name,
        [property: JsonRequired] MaintenanceStatus Status,
        [property: JsonRequired] string CreatedAt,
        [property: JsonRequired] string UpdatedAt,
        [property: JsonRequired] string? MonitoringAt,
        [property: JsonRequired] string? ResolvedAt,
        [property: JsonRequired] MaintenanceImpact Impact,
        [property: JsonRequired] string Shortlink,
        [property: JsonRequired] string? StartedAt,
        [property: JsonRequired] string PageId,
        [property: JsonRequired] IReadOnlyList<IncidentUpdate<MaintenanceStatus>> IncidentUpdates,
        [property: JsonRequired] IReadOnlyList<Component> Components,
        [property: JsonRequired] string ScheduledFor,
        [property: JsonRequired] string ScheduledUntil,
        [property: JsonRequired] bool ScheduledRemindPrior,
        [property: JsonRequired] string? ScheduledRemindedAt,
        [property: JsonRequired] string? ImpactOverride,
        [property: JsonRequired] bool ScheduledAutoInProgress,
        [property: JsonRequired] bool ScheduledAutoCompleted,
        [property: JsonRequired] JsonElement? ReminderIntervals);

    private sealed record SummaryResponse(
        [property: JsonRequired] PageObject Page,
        [property: JsonRequired] IReadOnlyList<Component> Components,
        [property: JsonRequired] IReadOnlyList<Incident> Incidents,
        [property: JsonRequired] IReadOnlyList<ScheduledMaintenance> ScheduledMaintenances,
        [property: JsonRequired] StatusObject Status);

    private sealed record StatusResponse([property: JsonRequired] PageObject Page, [property: JsonRequired] StatusObject Status);

    private sealed record ComponentsResponse([property: JsonRequired] PageObject Page, [property: JsonRequired] IReadOnlyList<Component> Components);

    private sealed record IncidentsResponse([property: JsonRequired] PageObject Page, [property: JsonRequired] IReadOnlyList<Incident> Incidents);

    private sealed record MaintenancesResponse([property: JsonRequired] PageObject Page, [property: JsonRequired] IReadOnlyList<ScheduledMaintenance> ScheduledMaintenances);
}
