using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Analysis;

/// <summary>Derives every fact of <see cref="SiteModel"/> from the content at one clock. Pure: no disk, no clock of its own.</summary>
public static class SiteAnalyzer
{
    /// <summary>The home page's "recent incidents" reach back this many UTC days.</summary>
    public const int RecentDayCount = 14;

    /// <param name="lintDrafts">Lint draft postmortems too (<c>check</c> does; <c>build</c> does not, so a draft never blocks a publish).</param>
    public static SiteModel Analyze(SiteContent content, DateTimeOffset now, DiagnosticBag diagnostics, bool lintDrafts = false)
    {
        var linting = PostmortemAnalyzer.LintAsync(content, lintDrafts, diagnostics);
        ContentRules.CheckAgainstClock(content, now, diagnostics);
        var settings = content.Settings;
        var catalogue = settings.Components.ToDictionary(c => c.Id, StringComparer.Ordinal);
        // Each incident is analysed on its own, so on every core; the sort fixes the order.
        var analyzed = new IncidentModel[content.Incidents.Count];
        Parallel.For(0, analyzed.Length, i => analyzed[i] = AnalyzeIncident(content.Incidents[i], catalogue, settings.Policy, now));
        var incidents = analyzed
            .OrderByDescending(i => i.Start)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        (incidents, var postmortems) = PostmortemAnalyzer.Analyze(content, incidents, now, diagnostics);
        var maintenances = content.Maintenances
            .Select(m => AnalyzeMaintenance(m, catalogue, now))
            .OrderByDescending(m => m.Source.ScheduledFor)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();

        var impactsByComponent = incidents.SelectMany(i => i.Impacts)
            .Concat(maintenances.SelectMany(m => m.Impacts))
            .ToLookup(i => i.ComponentId, StringComparer.Ordinal);
        var incidentsByComponent = incidents
            .SelectMany(i => i.Affected.Select(a => (a.Component.Id, Incident: i)))
            .ToLookup(p => p.Id, p => p.Incident, StringComparer.Ordinal);
        var days = UptimeCalculator.Days(now, settings.Uptime.Days);
        var analyzedComponents = new ComponentModel[settings.Components.Count];
        Parallel.For(0, analyzedComponents.Length, i =>
        {
            var c = settings.Components[i];
            analyzedComponents[i] = AnalyzeComponent(c, impactsByComponent[c.Id].ToList(), incidentsByComponent[c.Id].ToList(), days, settings.Uptime, now);
        });
        var components = analyzedComponents.ToList();
        var groups = GroupsOf(components);
        var activeIncidents = incidents.Where(i => !i.IsResolved).ToList();
        var activeMaintenances = maintenances.Where(m => m.IsActive).ToList();
        var since = ContentSinceOf(incidents, maintenances, now);
        linting.GetAwaiter().GetResult();
        return new SiteModel(
            settings, now, OverallOf(activeIncidents, activeMaintenances, components), components, groups, incidents, maintenances, days, MonthsOf(incidents, maintenances, now), RecentDaysOf(incidents, now))
        {
            ActiveIncidents = activeIncidents,
            ActiveMaintenances = activeMaintenances,
            UpcomingMaintenances = [.. maintenances.Where(m => m.State == MaintenanceStatus.Scheduled).OrderBy(m => m.Source.ScheduledFor).ThenBy(m => m.Id, StringComparer.Ordinal)],
            PastMaintenances = [.. maintenances.Where(m => m.State == MaintenanceStatus.Completed)],
            ContentSince = since,
            LastChangeAt = LastChangeOf(incidents, maintenances, components, since, now),
            Postmortems = postmortems,
            Metrics = [.. settings.Metrics.Select(m => new MetricModel(m, content.Metrics.FirstOrDefault(d => d.Metric == m.Id)?.Windows ?? []))],
        };
    }

    private static IncidentModel AnalyzeIncident(Incident incident, IReadOnlyDictionary<string, Component> catalogue, Policy policy, DateTimeOffset now)
    {
        var start = incident.Started ?? incident.Updates[0].At;
        var current = new Dictionary<string, ComponentStatus>(StringComparer.Ordinal);
        var since = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var worst = new Dictionary<string, ComponentStatus>(StringComparer.Ordinal);
        var order = new List<string>();
        var impacts = new List<ComponentImpact>();

        void Set(string id, ComponentStatus status, DateTimeOffset at, List<ComponentTransition> transitions)
        {
            var old = current.GetValueOrDefault(id, ComponentStatus.Operational);
            if (current.ContainsKey(id) && old != ComponentStatus.Operational && since[id] < at)
            {
                impacts.Add(new ComponentImpact(id, since[id], at, old));
            }

            if (!current.ContainsKey(id))
            {
                order.Add(id);
            }

            current[id] = status;
            since[id] = at;
            worst[id] = (ComponentStatus)Math.Max((int)worst.GetValueOrDefault(id), (int)status);
            if (old != status)
            {
                transitions.Add(new ComponentTransition(catalogue[id], old, status));
            }
        }

        var updates = new List<IncidentUpdateModel>(incident.Updates.Count);
        var state = IncidentStatus.Investigating;
        DateTimeOffset? resolvedAt = null;
        DateTimeOffset? monitoringAt = null;
        for (var i = 0; i < incident.Updates.Count; i++)
        {
            var update = incident.Updates[i];
            var transitions = new List<ComponentTransition>();
            if (i == 0)
            {
                foreach (var change in incident.Components)
                {
                    Set(change.ComponentId, change.Status, start, transitions);
                }
            }

            foreach (var change in update.ComponentChanges)
            {
                Set(change.ComponentId, change.Status, update.At, transitions);
            }

            if (update.Status != IncidentStatus.Update)
            {
                state = update.Status;
            }

            if (update.Status == IncidentStatus.Monitoring)
            {
                monitoringAt ??= update.At;
            }

            if (update.Status == IncidentStatus.Resolved)
            {
                resolvedAt = update.At;
                foreach (var id in order)
                {
                    Set(id, ComponentStatus.Operational, update.At, transitions);
                }
            }

            updates.Add(new IncidentUpdateModel(update, state, transitions));
        }

        if (resolvedAt is null)
        {
            foreach (var id in order.Where(id => current[id] != ComponentStatus.Operational && since[id] < now))
            {
                impacts.Add(new ComponentImpact(id, since[id], now, current[id]));
            }
        }

        var latest = incident.Updates[^1];
        DateTimeOffset? nextUpdateBy = null;
        var promised = false;
        if (resolvedAt is null)
        {
            promised = latest.NextUpdate is not null;
            nextUpdateBy = latest.NextUpdate ?? (policy.UpdateInterval.TryGetValue(incident.Severity, out var interval) ? latest.At + interval : null);
        }

        var affected = order
            .Where(id => worst[id] != ComponentStatus.Operational)
            .Select(id => new AffectedComponent(catalogue[id], worst[id], current[id], resolvedAt is null ? current[id] : worst[id]))
            .OrderBy(a => a.Component.Position)
            .ToList();
        var impact = StatusScale.IndicatorOf(StatusScale.StatusOf(incident.Severity));
        return new IncidentModel(
            incident, start, resolvedAt, monitoringAt, state, (resolvedAt ?? now) - start, nextUpdateBy, promised, updates, affected, impacts, impact, [.. Enumerable.Reverse(updates)]);
    }

    private static MaintenanceModel AnalyzeMaintenance(Maintenance maintenance, IReadOnlyDictionary<string, Component> catalogue, DateTimeOffset now)
    {
        var explicitUpdates = maintenance.Updates.Where(u => u.Status is MaintenanceStatus.InProgress or MaintenanceStatus.Verifying or MaintenanceStatus.Completed).ToList();
        MaintenanceStatus state;
        DateTimeOffset? startedAt;
        DateTimeOffset? completedAt;
        if (explicitUpdates.Count > 0)
        {
            // Written updates are the truth: a window that overruns stays in progress until 'Completed' is posted.
            state = explicitUpdates[^1].Status;
            startedAt = explicitUpdates.FirstOrDefault(u => u.Status != MaintenanceStatus.Completed)?.At ?? maintenance.ScheduledFor;
            completedAt = state == MaintenanceStatus.Completed ? explicitUpdates[^1].At : null;
        }
        else
        {
            state = now < maintenance.ScheduledFor ? MaintenanceStatus.Scheduled
                : now < maintenance.ScheduledUntil ? MaintenanceStatus.InProgress
                : MaintenanceStatus.Completed;
            startedAt = state == MaintenanceStatus.Scheduled ? null : maintenance.ScheduledFor;
            completedAt = state == MaintenanceStatus.Completed ? maintenance.ScheduledUntil : null;
        }

        var impacts = new List<ComponentImpact>();
        if (startedAt is { } from)
        {
            var to = completedAt ?? now;
            if (to > from)
            {
                impacts.AddRange(maintenance.Components.Select(c => new ComponentImpact(c.ComponentId, from, to, c.Status)));
            }
        }

        var components = maintenance.Components.Select(c => catalogue[c.ComponentId]).OrderBy(c => c.Position).ToList();
        var updated = maintenance.Updates.Count > 0 ? maintenance.Updates[^1].At : maintenance.ScheduledFor;
        var created = maintenance.Updates.Count > 0 ? maintenance.Updates[0].At : maintenance.ScheduledFor;
        var changed = new[] { updated, startedAt ?? updated, completedAt ?? updated }.Max();
        var followsClock = explicitUpdates.Count == 0;
        var timeline = TimelineOf(maintenance, created, followsClock ? startedAt : null, followsClock ? completedAt : null);
        return new MaintenanceModel(maintenance, state, startedAt, completedAt, components, impacts, created, changed, followsClock, timeline, [.. maintenance.Updates.Reverse()]);
    }

    /// <summary>A window's story (see <see cref="MaintenanceModel.Timeline"/>); the clock's moves are given only for a window that follows it.</summary>
    private static List<MaintenanceEntry> TimelineOf(Maintenance maintenance, DateTimeOffset createdAt, DateTimeOffset? clockStarted, DateTimeOffset? clockCompleted)
    {
        var id = maintenance.Id;
        var entries = new List<MaintenanceEntry>();
        var state = MaintenanceStatus.Scheduled;
        foreach (var update in maintenance.Updates)
        {
            state = update.Status == MaintenanceStatus.Update ? state : update.Status;
            entries.Add(new MaintenanceEntry(StableIds.Of(id, update.At), update.At, update.Status, state, update.Markdown));
        }

        if (entries.Count == 0)
        {
            entries.Add(new MaintenanceEntry(id + "-scheduled", createdAt, MaintenanceStatus.Scheduled, MaintenanceStatus.Scheduled, maintenance.DescriptionMarkdown));
        }

        if (clockStarted is { } started)
        {
            entries.Add(new MaintenanceEntry(id + "-in-progress", started, MaintenanceStatus.InProgress, MaintenanceStatus.InProgress, maintenance.DescriptionMarkdown));
        }

        if (clockCompleted is { } completed)
        {
            entries.Add(new MaintenanceEntry(id + "-completed", completed, MaintenanceStatus.Completed, MaintenanceStatus.Completed, maintenance.DescriptionMarkdown));
        }

        return entries;
    }

    private static ComponentModel AnalyzeComponent(
        Component component, List<ComponentImpact> impacts, List<IncidentModel> incidents, IReadOnlyList<DateOnly> days, UptimeSettings uptime, DateTimeOffset now)
    {
        var open = impacts.Where(i => i.From <= now && i.To >= now).ToList();
        var status = open.Count == 0 ? ComponentStatus.Operational : open.Max(i => i.Status);
        DateTimeOffset? since = open.Count == 0
            ? impacts.Where(i => i.To <= now).Select(i => (DateTimeOffset?)i.To).Max()
            : open.Where(i => i.Status == status).Min(i => i.From);
        var recent = UptimeCalculator.InWindow(incidents, days, now);
        var uptimeDays = UptimeCalculator.ForComponent(impacts, recent, days, uptime, now);
        return new ComponentModel(component, status, since, uptimeDays, UptimeCalculator.Overall(uptimeDays, now), incidents)
        {
            Recent = recent,
            Years = [.. incidents.GroupBy(i => i.Start.UtcDateTime.Year).Select(g => new ComponentYear(g.Key, [.. g])).OrderByDescending(y => y.Year)],
        };
    }

    private static List<ComponentGroupModel> GroupsOf(List<ComponentModel> components)
    {
        var groups = new List<ComponentGroupModel>();
        foreach (var component in components)
        {
            var name = component.Component.Group;
            var existing = name is null ? -1 : groups.FindIndex(g => g.Name == name);
            if (existing < 0)
            {
                groups.Add(new ComponentGroupModel(name is null ? null : ComponentGroups.IdOf(name), name, component.Status, groups.Count + 1, [component]));
            }
            else
            {
                var group = groups[existing];
                groups[existing] = group with
                {
                    Status = (ComponentStatus)Math.Max((int)group.Status, (int)component.Status),
                    Components = [.. group.Components, component],
                };
            }
        }

        return groups;
    }

    private static OverallStatus OverallOf(List<IncidentModel> activeIncidents, List<MaintenanceModel> activeMaintenances, List<ComponentModel> components)
    {
        var shown = StatusScale.Worst(activeIncidents.Select(i => StatusScale.StatusOf(i.Severity))
            .Concat(components.Select(c => c.Status))
            .Concat(activeMaintenances.Select(_ => ComponentStatus.UnderMaintenance)));
        return new OverallStatus(shown, StatusScale.IndicatorOf(shown));
    }

    /// <summary>The earliest moment the content speaks of, or the clock on an empty site (see <see cref="SiteModel.ContentSince"/>).</summary>
    private static DateTimeOffset ContentSinceOf(List<IncidentModel> incidents, List<MaintenanceModel> maintenances, DateTimeOffset now) =>
        incidents.Select(i => i.Start).Concat(maintenances.Select(m => m.CreatedAt)).Where(t => t <= now).DefaultIfEmpty(now).Min();

    /// <summary>The latest change up to the clock (see <see cref="SiteModel.LastChangeAt"/>).</summary>
    private static DateTimeOffset LastChangeOf(List<IncidentModel> incidents, List<MaintenanceModel> maintenances, List<ComponentModel> components, DateTimeOffset since, DateTimeOffset now) =>
        incidents.Select(i => i.UpdatedAt)
            .Concat(maintenances.Select(m => m.ChangedAt))
            .Concat(components.Select(c => c.StatusSince ?? since))
            .Where(t => t <= now)
            .DefaultIfEmpty(since)
            .Max();

    private static List<HistoryMonth> MonthsOf(List<IncidentModel> incidents, List<MaintenanceModel> maintenances, DateTimeOffset now)
    {
        var incidentsByMonth = incidents.ToLookup(i => MonthOf(i.Start));
        var maintenanceByMonth = maintenances.Where(m => m.Source.ScheduledFor <= now).ToLookup(m => MonthOf(m.Source.ScheduledFor));
        var first = incidents.Select(i => MonthOf(i.Start)).Concat(maintenanceByMonth.Select(g => g.Key)).DefaultIfEmpty(MonthOf(now)).Min();
        var months = new List<HistoryMonth>();
        for (var month = MonthOf(now); month >= first; month = month.AddMonths(-1))
        {
            months.Add(new HistoryMonth(month.Year, month.Month, [.. incidentsByMonth[month]], [.. maintenanceByMonth[month]]));
        }

        return months;
    }

    private static DateOnly MonthOf(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1);

    private static List<IncidentDay> RecentDaysOf(List<IncidentModel> incidents, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var byDay = incidents.ToLookup(i => DateOnly.FromDateTime(i.Start.UtcDateTime));
        return [.. Enumerable.Range(0, RecentDayCount).Select(offset => today.AddDays(-offset)).Select(day => new IncidentDay(day, [.. byDay[day]]))];
    }
}
