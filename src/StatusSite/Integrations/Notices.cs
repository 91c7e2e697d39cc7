using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;

namespace StatusSite.Integrations;

/// <summary>What a notice announces: the opening of an incident or window, more news, or its end.</summary>
public enum NoticeKind
{
    Declaration,
    Update,
    Resolution,
}

/// <summary>One line of facts under a notice: a label and its value, both in the site's language.</summary>
public sealed record Fact(string Label, string Value);

/// <summary>
/// One new update, worded once for every target: Slack, Teams and generic subscribers show the same words.
/// <see cref="Incident"/> and <see cref="Update"/> are set for an incident's update, <see cref="Maintenance"/> and
/// <see cref="Entry"/> for a maintenance window's.
/// </summary>
/// <param name="Id">The update's stable id (<see cref="StableIds"/>): the same at every run of the same content.</param>
/// <param name="Status">The status the update announces, as the site's pages name it.</param>
public sealed record Notice(
    string Id,
    NoticeKind Kind,
    string Title,
    string Status,
    string Body,
    IReadOnlyList<Fact> Facts,
    string Url,
    DateTimeOffset At,
    string UpdatedLabel)
{
    public IncidentModel? Incident { get; init; }

    public IncidentUpdateModel? Update { get; init; }

    public MaintenanceModel? Maintenance { get; init; }

    public MaintenanceEntry? Entry { get; init; }
}

/// <summary>Finds the updates present at HEAD and absent at the base, and words them with the site's presentation.</summary>
public static class Notices
{
    /// <summary>
    /// The updates of <paramref name="head"/> whose stable ids <paramref name="base"/> lacks (all of them when the base had
    /// no content), oldest first. Both models must be analysed at the same clock, so a maintenance window's moves made by
    /// the clock appear in both and are never news.
    /// </summary>
    public static IReadOnlyList<Notice> Between(SiteModel? @base, SiteView head)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (@base is not null)
        {
            known.UnionWith(@base.Incidents.SelectMany(i => i.Updates.Select(u => u.StableId(i.Id))));
            known.UnionWith(@base.Maintenances.SelectMany(m => m.Timeline.Select(e => e.Id)));
        }

        var incidents = head.Site.Incidents.SelectMany(i => i.Updates.Select((u, index) => (i, u, index)))
            .Where(x => !known.Contains(x.u.StableId(x.i.Id)))
            .Select(x => Of(head, x.i, x.u, x.index));
        var maintenances = head.Site.Maintenances.SelectMany(m => m.Timeline.Select((e, index) => (m, e, index)))
            .Where(x => !known.Contains(x.e.Id))
            .Select(x => Of(head, x.m, x.e, x.index));
        return [.. incidents.Concat(maintenances).OrderBy(n => n.At).ThenBy(n => n.Id, StringComparer.Ordinal)];
    }

    private static Notice Of(SiteView view, IncidentModel incident, IncidentUpdateModel update, int index)
    {
        var t = view.T;
        var kind = index == 0 ? NoticeKind.Declaration : update.StatusAfter == IncidentStatus.Resolved ? NoticeKind.Resolution : NoticeKind.Update;
        var changes = update.Transitions.Select(c => new Fact(c.Component.Name, view.Name(c.New))).ToList();
        List<Fact> facts = kind switch
        {
            // A declaration names what is wrong and how badly: the severity and every affected component.
            NoticeKind.Declaration => [new(t["incident.severity"], SiteView.Name(incident.Severity) + " · " + view.SeverityMeaning(incident.Severity)), .. changes],
            // A resolution says how long it lasted.
            NoticeKind.Resolution => [new(t["incident.duration"], view.Duration(incident.Duration)), .. changes],
            _ => changes,
        };
        return new Notice(
            update.StableId(incident.Id), kind, incident.Title, view.Name(update.StatusAfter), update.Source.Markdown, facts,
            Routes.Absolute(view.Settings.BaseUrl, Routes.Of(incident, update)), update.At, view.Utc(update.At))
        {
            Incident = incident,
            Update = update,
        };
    }

    private static Notice Of(SiteView view, MaintenanceModel maintenance, MaintenanceEntry entry, int index)
    {
        var kind = index == 0 ? NoticeKind.Declaration : entry.StatusAfter == MaintenanceStatus.Completed ? NoticeKind.Resolution : NoticeKind.Update;
        List<Fact> facts = kind == NoticeKind.Declaration
            ? [new(view.T["maintenance.title"], view.Utc(maintenance.Source.ScheduledFor) + " – " + view.Utc(maintenance.Source.ScheduledUntil)),
               .. maintenance.Components.Select(c => new Fact(c.Name, view.Name(ComponentStatus.UnderMaintenance)))]
            : [];
        return new Notice(
            entry.Id, kind, maintenance.Title, view.Name(entry.StatusAfter), entry.Markdown, facts,
            Routes.Absolute(view.Settings.BaseUrl, Routes.Of(entry)), entry.At, view.Utc(entry.At))
        {
            Maintenance = maintenance,
            Entry = entry,
        };
    }
}
