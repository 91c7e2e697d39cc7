using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>Parses an update section: the heading '&lt;timestamp&gt; — &lt;status&gt;', its optional
/// 'Components:' and 'Next update:' lines, and the Markdown message.</summary>
internal static partial class UpdateReader
{
    [GeneratedRegex(@"^(?<time>.+?)\s+[—–-]+\s+(?<status>[\p{L} ]+?)\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^(?<key>Components|Next update)\s*:\s*(?<value>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MetaLinePattern();

    /// <summary>A parsed section; TStatus is the content type's status enum.</summary>
    public sealed record Parsed<TStatus>(DateTimeOffset At, TStatus Status, string Markdown, List<ComponentChange> Changes, DateTimeOffset? NextUpdate, int Line);

    public static List<Parsed<TStatus>> ReadAll<TStatus>(string display, MarkdownFile file, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics, string exampleStatus)
        where TStatus : struct, Enum
    {
        var updates = new List<Parsed<TStatus>>(file.Sections.Count);
        foreach (var section in file.Sections)
        {
            if (Read<TStatus>(display, section, catalogue, diagnostics, exampleStatus) is { } update)
            {
                updates.Add(update);
            }
        }

        return updates;
    }

    private static Parsed<TStatus>? Read<TStatus>(string display, MarkdownFile.Section section, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics, string exampleStatus)
        where TStatus : struct, Enum
    {
        var statuses = StatusNames<TStatus>.Humanized;
        if (!SplitHeading(section.Heading, out var timeText, out var statusText))
        {
            diagnostics.Error(display, section.Line, $"'## {MessageText.Excerpt(section.Heading)}' is not an update heading; write it as '## 2026-11-26 10:02 UTC — {exampleStatus}' (a time, a dash, then {MessageText.OneOf(statuses)})");
            return null;
        }

        var ok = true;
        if (!Timestamp.TryParse(timeText, out var at, out var timeError))
        {
            diagnostics.Error(display, section.Line, timeError);
            ok = false;
        }

        if (!EnumNames.TryParse(typeof(TStatus), statusText, out var status))
        {
            diagnostics.Error(display, section.Line, $"unknown update status '{MessageText.Excerpt(statusText)}'{MessageText.DidYouMean(statusText, statuses)}; write one of {MessageText.OneOf(statuses)}");
            ok = false;
        }

        // 'Components:' and 'Next update:' lines may stand directly under the heading or after the
        // message's first lines (as in the SPEC's example); inside a code block they are message text.
        var changes = new List<ComponentChange>();
        DateTimeOffset? next = null;
        var message = new List<string>(section.BodyLines.Count);
        var inFence = false;
        foreach (var (line, text) in section.BodyLines)
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            // Only a line starting with C or N can be one of those lines: the others skip the regex.
            var meta = inFence || trimmed.Length == 0 || trimmed[0] is not ('C' or 'c' or 'N' or 'n') ? Match.Empty : MetaLinePattern().Match(trimmed);
            if (!meta.Success)
            {
                message.Add(text);
            }
            else if (meta.Groups["key"].Value.StartsWith('C') || meta.Groups["key"].Value.StartsWith('c'))
            {
                ok &= ReadComponents(display, line, meta.Groups["value"].Value, catalogue, diagnostics, changes);
            }
            else if (Timestamp.TryParse(meta.Groups["value"].Value, out var promised, out var nextError))
            {
                next = promised;
            }
            else
            {
                diagnostics.Error(display, line, $"'Next update:' {nextError}");
                ok = false;
            }
        }

        var markdown = MarkdownFile.JoinTrimmed(CollectionsMarshal.AsSpan(message), 0, message.Count, out _);
        if (ok && next is { } n && n <= at)
        {
            diagnostics.Error(display, section.Line, $"'Next update: {Timestamp.ToHeading(n)}' is not after this update ({Timestamp.ToHeading(at)}); promise a later time");
            ok = false;
        }

        return ok ? new Parsed<TStatus>(at, (TStatus)status!, markdown, changes, next, section.Line) : null;
    }

    /// <summary>Splits an update heading into its time and status, as <see cref="HeadingPattern"/> reads it.</summary>
    internal static bool SplitHeading(string heading, out string time, out string status)
    {
        var match = HeadingPattern().Match(heading);
        (time, status) = (match.Groups["time"].Value, match.Groups["status"].Value);
        return match.Success;
    }

    private static bool ReadComponents(string display, int line, string value, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics, List<ComponentChange> changes)
    {
        var ok = true;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0)
            {
                diagnostics.Error(display, line, $"'{MessageText.Excerpt(part)}' is not a component change; write 'Components: api=degraded_performance, dashboard=operational'");
                ok = false;
                continue;
            }

            if (!ContentReader.CheckComponent(display, line, pair[0], catalogue, diagnostics))
            {
                ok = false;
                continue;
            }

            if (!EnumNames.TryParse(typeof(ComponentStatus), pair[1], out var status))
            {
                var names = EnumNames.All(typeof(ComponentStatus));
                diagnostics.Error(display, line, $"unknown component status '{MessageText.Excerpt(pair[1])}'{MessageText.DidYouMean(pair[1], names)}; write one of {MessageText.OneOf(names)}");
                ok = false;
                continue;
            }

            changes.Add(new ComponentChange(pair[0], (ComponentStatus)status!));
        }

        return ok;
    }

    /// <summary>The statuses of <typeparamref name="TStatus"/> as headings write them, for messages; worked out once.</summary>
    private static class StatusNames<TStatus>
        where TStatus : struct, Enum
    {
        public static readonly IReadOnlyList<string> Humanized = [.. Enum.GetNames<TStatus>().Select(n => Humanize(EnumNames.SnakeCase(n)))];
    }

    /// <summary>'in_progress' → 'In progress', as statuses are written in headings.</summary>
    internal static string Humanize(string snake) =>
        char.ToUpperInvariant(snake[0]) + snake[1..].Replace('_', ' ');

    /// <summary>
    /// Checks that updates are written in one direction (newest first or oldest first) with
    /// distinct times, and returns them oldest first.
    /// </summary>
    /// <param name="stage">
    /// How far along a status moves the lifecycle (null: it does not move it). When the times leave the file's
    /// order in doubt (as many pairs newest first as oldest first, or just two updates), the order in which the
    /// lifecycle starts at its beginning and only moves forward is the one the author wrote: a typo in one time
    /// must not silently flip the file and the status the page shows.
    /// </param>
    public static List<Parsed<TStatus>> InTimeOrder<TStatus>(string display, List<Parsed<TStatus>> updates, DiagnosticBag diagnostics, Func<TStatus, int?>? stage = null)
    {
        var (ascending, descending) = (0, 0);
        for (var i = 1; i < updates.Count; i++)
        {
            ascending += updates[i].At > updates[i - 1].At ? 1 : 0;
            descending += updates[i].At < updates[i - 1].At ? 1 : 0;
        }

        // Which way the statuses read as a lifecycle: +1 oldest first, -1 newest first, 0 either or neither.
        var lifecycle = stage is null ? 0 : (Forward(updates, stage) ? 1 : 0) - (Forward(updates.AsEnumerable().Reverse(), stage) ? 1 : 0);
        var newestFirst = descending > ascending || (descending == ascending && lifecycle < 0);
        if (updates.Count == 2 && ascending + descending == 1 && lifecycle == (newestFirst ? 1 : -1))
        {
            var (first, second) = (updates[0], updates[1]);
            diagnostics.Error(display, second.Line, $"the times put this update {(newestFirst ? "before" : "after")} the one on line {first.Line}, so the incident would go from '{(newestFirst ? second : first).Status}' back to '{(newestFirst ? first : second).Status}' and show that now; the statuses read {(newestFirst ? "oldest" : "newest")} first, so one of the two times is wrong: correct it");
        }

        for (var i = 1; i < updates.Count; i++)
        {
            var (previous, current) = (updates[i - 1], updates[i]);
            if (current.At == previous.At)
            {
                diagnostics.Error(display, current.Line, $"this update has the same time as the one on line {previous.Line}; give each update its own minute (or add seconds, as in 2026-11-26T10:42:30Z)");
            }
            else if ((current.At > previous.At) == newestFirst)
            {
                diagnostics.Error(display, current.Line, $"this update is out of order: the file lists updates {(newestFirst ? "newest first" : "oldest first")}, but {Timestamp.ToHeading(current.At)} comes {(newestFirst ? "after" : "before")} the update on line {previous.Line}; move it to its place");
            }
        }

        // Written oldest first, or strictly newest first, the stable sort by time is the list itself or its reverse.
        if (descending == 0 || (ascending == 0 && descending == updates.Count - 1))
        {
            var ordered = new List<Parsed<TStatus>>(updates);
            if (descending > 0)
            {
                ordered.Reverse();
            }

            return ordered;
        }

        return [.. updates.OrderBy(u => u.At)];
    }

    /// <summary>Whether the updates, in this order, start at the lifecycle's first two stages and never go back.</summary>
    private static bool Forward<TStatus>(IEnumerable<Parsed<TStatus>> updates, Func<TStatus, int?> stage)
    {
        int? reached = null;
        foreach (var update in updates)
        {
            var next = stage(update.Status);
            if (reached is null && next is not (0 or 1))
            {
                return false;
            }

            if (next < reached)
            {
                return false;
            }

            reached = next ?? reached;
        }

        return true;
    }
}
