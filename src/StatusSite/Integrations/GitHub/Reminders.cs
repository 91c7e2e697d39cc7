using System.Text;
using System.Text.RegularExpressions;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;

namespace StatusSite.Integrations.GitHub;

/// <summary>One reminder issue: its cause (<c>incident/&lt;id&gt;</c> or <c>postmortem/&lt;id&gt;</c>), title and body.</summary>
public sealed record Reminder(string Cause, string Title, string Body);

/// <summary>
/// What <c>statussite github remind</c> reminds of: each open SEV1/SEV2 incident whose next update is overdue (the same
/// 'next update by' its page and <c>check</c> show) and each postmortem past <c>policy.postmortem_due</c>. The body's first
/// line is a marker naming the cause, by which later runs find the issue again, whatever its title became.
/// </summary>
public static partial class Reminders
{
    public static string Marker(string cause) => $"<!-- statussite:remind {cause} -->";

    /// <summary>The cause an issue body's first line names, or null when the body is not a reminder's.</summary>
    public static string? CauseOf(string? body) => body is not null && MarkerPattern().Match(body) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The reminders due at the model's clock, incidents first, each group by id.</summary>
    public static IReadOnlyList<Reminder> Due(SiteModel model)
    {
        var updates = model.ActiveIncidents
            .Where(i => i.Severity is Severity.Sev1 or Severity.Sev2 && i.NextUpdateBy is { } due && model.Now > due)
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => UpdateOverdue(model, i));
        var postmortems = model.Incidents
            .Where(i => i.Postmortem is { Overdue: true, DueBy: not null })
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => PostmortemOverdue(model, i));
        return [.. updates.Concat(postmortems)];
    }

    private static Reminder UpdateOverdue(SiteModel model, IncidentModel incident)
    {
        var cause = "incident/" + incident.Id;
        var severity = SiteView.Name(incident.Severity);
        var latest = incident.Latest;
        var body = new StringBuilder()
            .Append(Marker(cause)).Append('\n')
            .Append($"The {severity} incident **{MarkdownText.Inline(incident.Title)}** is open ({EnumNames.Of(incident.Status)}), and its next public update was due by **{Timestamp.ToHeading(incident.NextUpdateBy!.Value)}**. ")
            .Append(incident.NextUpdatePromised
                ? $"The last update, at {Timestamp.ToHeading(latest.At)}, promised it by then.\n\n"
                : $"The last update was at {Timestamp.ToHeading(latest.At)}, and the {severity} policy (`policy.update_interval` in site.yml) asks for one every {Analysis.ProcessRules.Format(incident.NextUpdateBy.Value - latest.At)}.\n\n")
            .Append($"Post an update with `statussite update {incident.Id} --status … --message …`, or add one to {MarkdownText.Code(incident.Source.SourcePath)}.\n\n")
            .Append($"Incident page: <{Routes.Absolute(model.Settings.BaseUrl, Routes.Of(incident))}>\n\n")
            .Append("_`statussite github remind` opened this issue and closes it when the incident has its update or is resolved._\n");
        return new Reminder(cause, Title($"Update overdue: {incident.Title} ({severity})"), body.ToString());
    }

    private static Reminder PostmortemOverdue(SiteModel model, IncidentModel incident)
    {
        var cause = "postmortem/" + incident.Id;
        var severity = SiteView.Name(incident.Severity);
        var body = new StringBuilder()
            .Append(Marker(cause)).Append('\n')
            .Append($"The postmortem of the {severity} incident **{MarkdownText.Inline(incident.Title)}**, resolved at {Timestamp.ToHeading(incident.ResolvedAt!.Value)}, was due by **{Timestamp.ToHeading(incident.Postmortem!.DueBy!.Value)}** (`policy.postmortem_due` in site.yml).\n\n")
            .Append(incident.Source.PostmortemId is { } draft
                ? $"Its draft is {MarkdownText.Code(draft)}: finish it and publish it (set `published:`).\n\n"
                : $"Start one with `statussite new postmortem {incident.Id}`, then publish it (set `published:`).\n\n")
            .Append($"Incident page: <{Routes.Absolute(model.Settings.BaseUrl, Routes.Of(incident))}>\n\n")
            .Append("_`statussite github remind` opened this issue and closes it when the postmortem is published._\n");
        return new Reminder(cause, Title($"Postmortem overdue: {incident.Title} ({severity})"), body.ToString());
    }

    /// <summary>GitHub takes titles of 256 characters at most.</summary>
    private static string Title(string title) => title.Length <= 256 ? title : string.Concat(title.AsSpan(0, 255), "…");

    [GeneratedRegex(@"\A<!-- statussite:remind ([a-z]+/[a-z0-9][a-z0-9._-]*) -->")]
    private static partial Regex MarkerPattern();
}
