using System.Globalization;
using System.Text;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Reading;

namespace StatusSite.Authoring;

/// <summary>The outcome of an edit: the new file text, or the diagnostics that say why it was refused.</summary>
public sealed record EditResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics, string Summary)
{
    public bool Succeeded => Text is not null;

    internal static EditResult Refused(IReadOnlyList<Diagnostic> diagnostics) => new(null, diagnostics, "");

    internal static EditResult Refused(string display, int line, string message) =>
        Refused([new Diagnostic(DiagnosticLevel.Error, display, line, message)]);
}

/// <summary>
/// Writes and edits incident and maintenance files as text: text in, text out, no disk and no clock.
/// Every result is read back with the same readers the build uses, so a command can never write a file the build refuses.
/// </summary>
public static partial class ContentAuthoring
{
    /// <summary>Where a new file goes under its content folder: '&lt;yyyy&gt;/&lt;yyyy-MM-dd&gt;-&lt;slug&gt;.md'.</summary>
    public static string RelativePath(DateTimeOffset date, string title)
    {
        var utc = date.UtcDateTime;
        return utc.ToString("yyyy", CultureInfo.InvariantCulture) + "/" + utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-" + Slug(title) + ".md";
    }

    /// <summary>A file-name slug: lower-case ASCII letters and digits joined by '-', at most 50 characters.</summary>
    public static string Slug(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > 50)
        {
            slug = slug[..50].TrimEnd('-');
        }

        return slug.Length == 0 ? "incident" : slug;
    }

    /// <summary>A new incident with one Investigating update at <paramref name="at"/>.</summary>
    public static EditResult NewIncident(
        string display, string title, Severity severity, IReadOnlyList<ComponentChange> components, string? message,
        DateTimeOffset at, DateTimeOffset? nextUpdate, IReadOnlySet<string>? catalogue)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return EditResult.Refused(display, 0, "the incident needs a title customers understand; pass --title \"Elevated API error rates\"");
        }

        var text = new StringBuilder()
            .Append("---\n")
            .Append("title: ").Append(Quote(title.Trim())).Append('\n')
            .Append("severity: ").Append(severity.ToString().ToUpperInvariant()).Append('\n');
        if (components.Count > 0)
        {
            text.Append("components:\n");
            foreach (var change in components)
            {
                text.Append("  ").Append(change.ComponentId).Append(": ").Append(EnumNames.Of(change.Status)).Append('\n');
            }
        }

        text.Append("---\n\n");
        message = string.IsNullOrWhiteSpace(message) ? "We are investigating reports of a problem and will post an update as soon as we know more." : message;
        AppendUpdate(text, at, IncidentStatus.Investigating, [], nextUpdate, message);
        return Checked(display, text.ToString(), catalogue, $"declared a {severity.ToString().ToUpperInvariant()} incident with an Investigating update at {Timestamp.ToHeading(at)}");
    }

    /// <summary>
    /// Adds an update to an incident file at its place: above the newest update when the file is written
    /// newest first (or has one update), at the end when it is written oldest first.
    /// </summary>
    public static EditResult AddUpdate(
        string display, string text, IncidentStatus status, string message, IReadOnlyList<ComponentChange> changes,
        DateTimeOffset at, DateTimeOffset? nextUpdate, IReadOnlySet<string>? catalogue)
    {
        var (incident, problems) = Read(display, text, catalogue);
        if (incident is null)
        {
            return EditResult.Refused(problems);
        }

        var latest = incident.Updates[^1];
        if (latest.Status == IncidentStatus.Resolved)
        {
            return EditResult.Refused(display, latest.Line, $"this incident was resolved at {Timestamp.ToHeading(latest.At)}; if the problem came back, declare a new incident with 'statussite new incident'");
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return EditResult.Refused(display, 0, "an update needs a message for customers; pass --message \"What we know, what we are doing, what they can do\"");
        }

        if (at <= latest.At)
        {
            return EditResult.Refused(display, latest.Line, $"the latest update is at {Timestamp.ToIso(latest.At)}, not before the current time {Timestamp.ToIso(at)}; check the clock, or wait a minute and post again");
        }

        // Two updates in one minute need their seconds (or, within one second, milliseconds), or the build could
        // not order them; the time written is always the real one, only as precise as it needs to be.
        var precision = Truncate(at, TimeSpan.TicksPerMinute) > latest.At ? TimePrecision.Minute
            : Truncate(at, TimeSpan.TicksPerSecond) > latest.At ? TimePrecision.Second
            : Truncate(at, TimeSpan.TicksPerMillisecond) > latest.At ? TimePrecision.Millisecond
            : (TimePrecision?)null;
        if (precision is null)
        {
            return EditResult.Refused(display, latest.Line, $"the latest update is at {Timestamp.ToIso(latest.At)}, the same moment as now; post again in a moment");
        }

        var heading = new StringBuilder();
        AppendUpdate(heading, at, status, changes, nextUpdate, message, precision.Value);

        var lines = Normalize(text).Split('\n').ToList();
        var newestFirst = incident.Updates.Count == 1 || incident.Updates[0].Line > incident.Updates[^1].Line;
        var block = heading.ToString().TrimEnd('\n').Split('\n');
        if (newestFirst)
        {
            var index = latest.Line - 1;
            lines.InsertRange(index, [.. block, ""]);
        }
        else
        {
            while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
            {
                lines.RemoveAt(lines.Count - 1);
            }

            lines.AddRange(["", .. block, ""]);
        }

        var updated = string.Join('\n', lines);
        if (!updated.EndsWith('\n'))
        {
            updated += "\n";
        }

        var where = newestFirst ? "above the newest update" : "after the last update";
        return Checked(display, RestoreLineEndings(text, updated), catalogue, $"added {("AEIOU".Contains(status.ToString()[0], StringComparison.Ordinal) ? "an" : "a")} {status} update at {Timestamp.ToHeading(at)} {where}");
    }

    /// <summary>Adds the Resolved update, with every component the incident touched back to operational.</summary>
    public static EditResult Resolve(string display, string text, string? message, DateTimeOffset at, IReadOnlySet<string>? catalogue)
    {
        var (incident, problems) = Read(display, text, catalogue);
        if (incident is null)
        {
            return EditResult.Refused(problems);
        }

        var touched = incident.Components.Select(c => c.ComponentId)
            .Concat(incident.Updates.SelectMany(u => u.ComponentChanges).Select(c => c.ComponentId))
            .Distinct(StringComparer.Ordinal)
            .Select(id => new ComponentChange(id, ComponentStatus.Operational))
            .ToList();
        message = string.IsNullOrWhiteSpace(message) ? "This incident has been resolved. Thank you for your patience." : message;
        return AddUpdate(display, text, IncidentStatus.Resolved, message, touched, at, null, catalogue);
    }

    /// <summary>A scheduled maintenance window; the description is shown above its updates.</summary>
    public static EditResult NewMaintenance(
        string display, string title, IReadOnlyList<ComponentChange> components, DateTimeOffset from, DateTimeOffset until,
        string? description, IReadOnlySet<string>? catalogue)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return EditResult.Refused(display, 0, "the maintenance needs a title; pass --title \"Database upgrade\"");
        }

        var text = new StringBuilder()
            .Append("---\n")
            .Append("title: ").Append(Quote(title.Trim())).Append('\n');
        if (components.Count > 0)
        {
            text.Append("components:\n");
            foreach (var change in components)
            {
                text.Append("  ").Append(change.ComponentId).Append(": ").Append(EnumNames.Of(change.Status)).Append('\n');
            }
        }

        text.Append("scheduled_for: ").Append(Timestamp.ToIso(from)).Append('\n')
            .Append("scheduled_until: ").Append(Timestamp.ToIso(until)).Append('\n')
            .Append("---\n");
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append('\n').Append(Normalize(description).Trim()).Append('\n');
        }

        var result = text.ToString();
        var diagnostics = new DiagnosticBag();
        var maintenance = MaintenanceReader.Read(display, MarkdownFile.Parse(result), catalogue, diagnostics);
        return maintenance is null
            ? EditResult.Refused(diagnostics.Sorted())
            : new EditResult(result, [], $"scheduled maintenance from {Timestamp.ToHeading(from)} until {Timestamp.ToHeading(until)}");
    }

    /// <summary>
    /// Writes <c>issue: &lt;value&gt;</c> into the action item of a postmortem that <paramref name="item"/> was read from,
    /// as one new line beside its keys: nothing else of the file changes.
    /// </summary>
    public static EditResult SetIssue(string display, string text, ActionItem item, string issue)
    {
        if (item.HasIssue)
        {
            return EditResult.Refused(display, item.IssueLine, "this action item already names its ticket; leave it, or remove the 'issue:' line to replace it");
        }

        var lines = Normalize(text).Split('\n').ToList();

        // The new key goes above a key that starts its own line, with that key's indentation; the key on the
        // item's '- ' line has another column in block style, and a flow mapping has none to copy.
        var anchor = new[] { item.OwnerLine, item.TitleLine }
            .FirstOrDefault(line => line >= 1 && line <= lines.Count && BlockKey().IsMatch(lines[line - 1]));
        if (anchor == 0)
        {
            return EditResult.Refused(display, item.Line, $"this action item is not written one key per line, so 'issue:' cannot be added beside its keys; add 'issue: {issue}' by hand");
        }

        var indent = lines[anchor - 1][..(lines[anchor - 1].Length - lines[anchor - 1].TrimStart().Length)];
        lines.Insert(anchor - 1, indent + "issue: " + (JiraOrNumber().IsMatch(issue) ? issue : Quote(issue)));
        var updated = RestoreLineEndings(text, string.Join('\n', lines));
        var diagnostics = new DiagnosticBag();
        var postmortem = PostmortemReader.Read(display, MarkdownFile.Parse(updated, keepDocument: true), diagnostics);
        if (postmortem?.ActionItems.FirstOrDefault(a => a.Line == item.Line) is not { HasIssue: true })
        {
            return diagnostics.HasErrors ? EditResult.Refused(diagnostics.Sorted()) : EditResult.Refused(display, item.Line, $"'issue: {issue}' could not be added to this action item; add it by hand");
        }

        return new EditResult(updated, [], $"wrote 'issue: {issue}' for '{item.Title}'");
    }

    /// <summary>A mapping key at the start of its line (not after '- ').</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[a-z_]+\s*:")]
    private static partial System.Text.RegularExpressions.Regex BlockKey();

    /// <summary>A value YAML reads as written: an issue number or a Jira key.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^([0-9]+|[A-Z][A-Z0-9_]*-[0-9]+)$")]
    private static partial System.Text.RegularExpressions.Regex JiraOrNumber();

    private static (Incident? Incident, IReadOnlyList<Diagnostic> Problems) Read(string display, string text, IReadOnlySet<string>? catalogue)
    {
        var diagnostics = new DiagnosticBag();
        var incident = IncidentReader.Read(display, MarkdownFile.Parse(text), catalogue, diagnostics);
        if (incident is null && !diagnostics.HasErrors)
        {
            diagnostics.Error(display, 1, "this incident is a draft ('draft: true'); edit it by hand, or remove 'draft: true' first");
        }

        return (diagnostics.HasErrors ? null : incident, diagnostics.Sorted());
    }

    private static EditResult Checked(string display, string text, IReadOnlySet<string>? catalogue, string summary)
    {
        var (incident, problems) = Read(display, text, catalogue);
        return incident is null ? EditResult.Refused(problems) : new EditResult(text, [], summary);
    }

    private enum TimePrecision
    {
        Minute,
        Second,
        Millisecond,
    }

    private static void AppendUpdate(StringBuilder text, DateTimeOffset at, IncidentStatus status, IReadOnlyList<ComponentChange> changes, DateTimeOffset? nextUpdate, string message, TimePrecision precision = TimePrecision.Minute)
    {
        var time = precision switch
        {
            TimePrecision.Minute => Timestamp.ToHeading(at),
            TimePrecision.Second => Timestamp.ToIso(at),
            _ => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        text.Append("## ").Append(time).Append(" — ").Append(status).Append('\n');
        if (changes.Count > 0)
        {
            text.Append("Components: ").Append(string.Join(", ", changes.Select(c => c.ComponentId + "=" + EnumNames.Of(c.Status)))).Append('\n');
        }

        if (nextUpdate is { } next)
        {
            text.Append("Next update: ").Append(Timestamp.ToHeading(next)).Append('\n');
        }

        text.Append('\n').Append(Normalize(message).Trim()).Append('\n');
    }

    private static DateTimeOffset Truncate(DateTimeOffset at, long ticks) =>
        new(at.UtcDateTime.Ticks - (at.UtcDateTime.Ticks % ticks), TimeSpan.Zero);

    /// <summary>A YAML double-quoted scalar, so titles with ': ', '#' or quotes stay one string.</summary>
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal) + "\"";

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>A file written with CRLF keeps CRLF, so an edit does not rewrite every line in the diff.</summary>
    private static string RestoreLineEndings(string original, string updated) =>
        original.Contains("\r\n", StringComparison.Ordinal) ? updated.Replace("\n", "\r\n", StringComparison.Ordinal) : updated;
}
