using System.Globalization;
using System.Text;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;

namespace StatusSite.Integrations.GitHub;

/// <summary>What a pull request's comment reports: the content at its base and at its head, read at one clock.</summary>
/// <param name="BaseRef">The base as the command line named it.</param>
/// <param name="Base">The model at the base; null when the base had no content folder or it does not build (<paramref name="BaseBuilds"/>).</param>
/// <param name="Head">The pull request's content with its theme strings; null when it does not build.</param>
/// <param name="Diagnostics">What <c>check</c> reports for the head: errors, warnings, with file and line.</param>
/// <param name="Preview">Where the built preview of the pull request can be downloaded or seen.</param>
public sealed record PullRequestReport(
    string BaseRef,
    SiteModel? Base,
    bool BaseBuilds,
    SiteView? Head,
    IReadOnlyList<Diagnostic> Diagnostics,
    Uri? Preview,
    DateTimeOffset Now);

/// <summary>
/// The pull-request comment: what merging the change publishes (new incidents and updates with their text, component
/// and overall status changes, maintenance added or moved, postmortems published) and the <c>check</c> diagnostics.
/// Written for the maintainers who review it, in English; every piece of content is quoted so it cannot format,
/// mention or link anything (<see cref="MarkdownText"/>).
/// </summary>
public static class PullRequestComment
{
    /// <summary>The first line of the comment, by which later runs find it again.</summary>
    public const string Marker = "<!-- statussite:pr-comment -->";

    /// <summary>
    /// The most updates quoted (each up to <see cref="MaxText"/> characters), and the most rows of every other list:
    /// a GitHub comment holds 65,536 characters, and a longer one would be refused.
    /// </summary>
    public const int MaxUpdates = 12;

    public const int MaxText = 1500;

    public const int MaxRows = 40;

    public const int MaxDiagnostics = 50;

    /// <summary>The most characters GitHub takes in one comment.</summary>
    public const int MaxLength = 65_536;

    /// <summary>
    /// The body to post for a comment prepared elsewhere (<c>--body-out</c>): its text as given, never interpreted, after
    /// this comment's own marker line. Marker lines the text already starts with are dropped, so the marker is first
    /// exactly once however the text was made.
    /// </summary>
    public static string Prepared(string text)
    {
        var rest = text.TrimStart('\uFEFF');
        while (rest.StartsWith(Marker, StringComparison.Ordinal))
        {
            rest = rest[Marker.Length..];
            rest = rest.StartsWith("\r\n", StringComparison.Ordinal) ? rest[2..] : rest.StartsWith('\n') ? rest[1..] : rest;
        }

        return Marker + "\n" + rest;
    }

    public static string Write(PullRequestReport report)
    {
        var text = new StringBuilder();
        text.Append(Marker).Append('\n');
        text.Append("### Status site: what this pull request publishes\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Compared with {MarkdownText.Inline(report.BaseRef)}, both read at {Timestamp.ToHeading(report.Now)}.");
        if (report.Preview is { } preview)
        {
            text.Append(CultureInfo.InvariantCulture, $" Preview of the built site: <{preview.AbsoluteUri}>");
        }

        text.Append("\n\n");
        if (report.Head is not { } head)
        {
            text.Append("**The content of this pull request does not build**, so merging it would publish nothing: every build fails until the errors below are fixed.\n\n");
        }
        else if (!report.BaseBuilds)
        {
            text.Append(CultureInfo.InvariantCulture, $"The content at {MarkdownText.Inline(report.BaseRef)} does not build, so what this pull request changes cannot be listed.\n\n");
        }
        else
        {
            Changes(text, report.Base, head);
        }

        Check(text, report.Diagnostics);
        return text.ToString();
    }

    private static void Changes(StringBuilder text, SiteModel? @base, SiteView head)
    {
        var site = head.Site;
        var before = @base?.Overall.Shown;
        var after = site.Overall.Shown;
        text.Append(before == after
            ? $"**Overall status:** {Name(after)} (unchanged)\n\n"
            : $"**Overall status:** {(before is { } b ? Name(b) : "none")} → **{Name(after)}**\n\n");

        var notices = Notices.Between(@base, head);
        var components = ComponentChanges(@base, site);
        var (added, moved) = MaintenanceChanges(@base, site);
        var known = @base?.Postmortems.Select(p => p.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var postmortems = site.Postmortems.Where(p => !known.Contains(p.Id)).OrderBy(p => p.Published).ToList();
        if (notices.Count == 0 && components.Count == 0 && added.Count == 0 && moved.Count == 0 && postmortems.Count == 0)
        {
            text.Append("This pull request publishes no new incident, update, maintenance or postmortem, and changes no component's status.\n\n");
            return;
        }

        if (notices.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"#### New updates ({notices.Count})\n\n");
            foreach (var notice in notices.Take(MaxUpdates))
            {
                Update(text, notice, @base);
            }

            if (notices.Count > MaxUpdates)
            {
                text.Append(CultureInfo.InvariantCulture, $"… and {notices.Count - MaxUpdates} more, not quoted here.\n\n");
            }
        }

        if (components.Count > 0)
        {
            text.Append("#### Component status\n\n| Component | Before | After |\n| --- | --- | --- |\n");
            foreach (var (name, was, now) in components.Take(MaxRows))
            {
                text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Inline(name)} | {was} | {now} |\n");
            }

            text.Append('\n');
            More(text, components.Count);
        }

        if (added.Count > 0 || moved.Count > 0)
        {
            text.Append("#### Maintenance\n\n");
            foreach (var window in added.Take(MaxRows))
            {
                text.Append(CultureInfo.InvariantCulture, $"- Scheduled: **{MarkdownText.Inline(window.Title)}**, {Window(window.Source)}, {MarkdownText.Code(window.Source.SourcePath)}\n");
            }

            foreach (var (was, now) in moved.Take(MaxRows))
            {
                text.Append(CultureInfo.InvariantCulture, $"- Moved: **{MarkdownText.Inline(now.Title)}**, from {Window(was.Source)} to {Window(now.Source)}, {MarkdownText.Code(now.Source.SourcePath)}\n");
            }

            text.Append('\n');
            More(text, Math.Max(added.Count, moved.Count));
        }

        if (postmortems.Count > 0)
        {
            text.Append("#### Postmortems published\n\n");
            foreach (var postmortem in postmortems.Take(MaxRows))
            {
                text.Append(CultureInfo.InvariantCulture, $"- **{MarkdownText.Inline(postmortem.Title)}** ({SiteView.Name(postmortem.Severity)}), <{Routes.Absolute(site.Settings.BaseUrl, Routes.Of(postmortem))}>\n");
            }

            text.Append('\n');
            More(text, postmortems.Count);
        }
    }

    private static void Update(StringBuilder text, Notice notice, SiteModel? @base)
    {
        var (what, path, status) = notice switch
        {
            { Incident: { } incident, Update: { } update } => (
                (@base?.Incidents.Any(i => i.Id == incident.Id) ?? false ? "Update to incident" : "New incident") + $" ({SiteView.Name(incident.Severity)})",
                incident.Source.SourcePath,
                EnumNames.Of(update.StatusAfter)),
            { Maintenance: { } window, Entry: { } entry } => (
                @base?.Maintenances.Any(m => m.Id == window.Id) ?? false ? "Update to maintenance" : "New maintenance",
                window.Source.SourcePath,
                EnumNames.Of(entry.StatusAfter)),
            _ => throw new ArgumentException("a notice is of an incident or a maintenance window", nameof(notice)),
        };
        text.Append(CultureInfo.InvariantCulture, $"**{what}: {MarkdownText.Inline(notice.Title)}**, {Timestamp.ToHeading(notice.At)}, {status}, {MarkdownText.Code(path)}, <{notice.Url}>\n\n");
        text.Append(MarkdownText.Block(notice.Body, MaxText)).Append("\n\n");
    }

    private static void Check(StringBuilder text, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        var warnings = diagnostics.Count(d => d.Level == DiagnosticLevel.Warning);
        if (errors == 0 && warnings == 0)
        {
            text.Append("#### Check\n\nNo errors and no warnings.\n");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"#### Check: {errors} {(errors == 1 ? "error" : "errors")}, {warnings} {(warnings == 1 ? "warning" : "warnings")}\n\n");
        var shown = diagnostics.Where(d => d.Level != DiagnosticLevel.Info).ToList();
        foreach (var diagnostic in shown.Take(MaxDiagnostics))
        {
            var where = diagnostic.Line > 0 ? $"{diagnostic.Path}:{diagnostic.Line.ToString(CultureInfo.InvariantCulture)}" : diagnostic.Path;
            var rule = diagnostic.Rule is null ? "" : $" ({MarkdownText.Inline(diagnostic.Rule)})";
            text.Append(CultureInfo.InvariantCulture, $"- **{(diagnostic.Level == DiagnosticLevel.Error ? "error" : "warning")}** {MarkdownText.Code(where)}: {MarkdownText.Inline(diagnostic.Message)}{rule}\n");
        }

        if (shown.Count > MaxDiagnostics)
        {
            text.Append(CultureInfo.InvariantCulture, $"- … and {shown.Count - MaxDiagnostics} more: run `statussite check` to see them all.\n");
        }
    }

    private static void More(StringBuilder text, int count)
    {
        if (count > MaxRows)
        {
            text.Append(CultureInfo.InvariantCulture, $"… and {count - MaxRows} more, not listed here.\n\n");
        }
    }

    private static List<(string Name, string Before, string After)> ComponentChanges(SiteModel? @base, SiteModel head)
    {
        var was = @base?.Components.ToDictionary(c => c.Id, c => c.Status, StringComparer.Ordinal) ?? [];
        var changes = head.Components
            .Where(c => !was.TryGetValue(c.Id, out var status) || status != c.Status)
            .Select(c => (c.Name, was.TryGetValue(c.Id, out var status) ? Name(status) : "new", Name(c.Status)))
            .ToList();
        var kept = head.Components.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(@base?.Components.Where(c => !kept.Contains(c.Id)).Select(c => (c.Name, Name(c.Status), "removed")) ?? []);
        return changes;
    }

    private static (List<MaintenanceModel> Added, List<(MaintenanceModel Before, MaintenanceModel After)> Moved) MaintenanceChanges(SiteModel? @base, SiteModel head)
    {
        var was = @base?.Maintenances.ToDictionary(m => m.Id, StringComparer.Ordinal) ?? [];
        var added = head.Maintenances.Where(m => !was.ContainsKey(m.Id)).OrderBy(m => m.Source.ScheduledFor).ToList();
        var moved = head.Maintenances
            .Where(m => was.TryGetValue(m.Id, out var before) && (before.Source.ScheduledFor != m.Source.ScheduledFor || before.Source.ScheduledUntil != m.Source.ScheduledUntil))
            .Select(m => (was[m.Id], m))
            .ToList();
        return (added, moved);
    }

    private static string Window(Maintenance window) => $"{Timestamp.ToHeading(window.ScheduledFor)} – {Timestamp.ToHeading(window.ScheduledUntil)}";

    private static string Name(ComponentStatus status) => EnumNames.Of(status);
}
