using System.Globalization;
using System.Text.RegularExpressions;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>Reads one postmortem file (SPEC §2.4). Links to incidents are resolved later, in analysis.</summary>
internal static partial class PostmortemReader
{
    public static Postmortem? Read(string display, MarkdownFile file, DiagnosticBag diagnostics)
    {
        // A draft's mistakes are reported as warnings: work in progress never blocks a publish.
        var local = new DiagnosticBag();
        var postmortem = ReadChecked(display, file, local);
        var isDraft = postmortem?.IsDraft ?? !PublishedKey().IsMatch(file.FrontMatter ?? "");
        var errors = local.ErrorCount;
        foreach (var diagnostic in local.Sorted())
        {
            diagnostics.Add(isDraft ? diagnostic.InDraft() : diagnostic);
        }

        return errors > 0 ? null : postmortem;
    }

    private static Postmortem? ReadChecked(string display, MarkdownFile file, DiagnosticBag diagnostics)
    {
        var dto = ContentReader.ReadFrontMatter<PostmortemDto>(display, file, diagnostics);
        if (dto is null)
        {
            return null;
        }

        if (file.Preamble.Length > 0 && !IsOnlySuppressions(file.Preamble))
        {
            diagnostics.Error(display, file.PreambleLine, "text before the first section heading is not shown anywhere; put it under a heading such as '## Summary'");
        }

        var incidents = (dto.Incidents ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (dto.Incidents is not null && incidents.Count == 0)
        {
            diagnostics.Error(display, dto.LineOf(nameof(PostmortemDto.Incidents)), "'incidents' is empty; name the incident ids this postmortem covers, such as 'incidents: [2026-11-26-api-errors]'");
        }

        if (dto.Published is not null && string.IsNullOrWhiteSpace(dto.Summary))
        {
            diagnostics.Error(display, dto.LineOf(nameof(PostmortemDto.Published)), "a published postmortem needs a 'summary:' of one or two sentences, which the index, the feed and link previews show; add it, or remove 'published' to keep this a draft");
        }

        var items = new List<ActionItem>();
        foreach (var item in dto.ActionItems ?? [])
        {
            if (ReadActionItem(display, item, diagnostics) is { } actionItem)
            {
                items.Add(actionItem);
            }
        }

        var sections = file.Sections
            .Select(s => new PostmortemSection(s.Heading, s.Line, MarkdownFile.JoinTrimmed([.. s.BodyLines.Where(l => !SuppressionLine().IsMatch(l.Text)).Select(l => l.Text)], 0, s.BodyLines.Count(l => !SuppressionLine().IsMatch(l.Text)), out _)))
            .ToList();
        var duplicate = sections.GroupBy(s => s.Heading.ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            diagnostics.Error(display, duplicate.Skip(1).First().Line, $"the section '## {duplicate.First().Heading}' is written twice (first on line {duplicate.First().Line}); merge the two");
        }

        if (dto.Title is null || dto.Incidents is null)
        {
            return null;
        }

        var lines = new PostmortemLines(
            dto.LineOf(nameof(PostmortemDto.Title)),
            dto.LineOf(nameof(PostmortemDto.Incidents)),
            dto.LineOf(nameof(PostmortemDto.Published)),
            dto.LineOf(nameof(PostmortemDto.Summary)),
            dto.LineOf(nameof(PostmortemDto.Authors)),
            dto.LineOf(nameof(PostmortemDto.Detected)),
            dto.LineOf(nameof(PostmortemDto.Mitigated)),
            dto.Has(nameof(PostmortemDto.ActionItems)) ? dto.LineOf(nameof(PostmortemDto.ActionItems)) : 0);
        return new Postmortem(
            ContentReader.IdOf(display),
            display,
            dto.Title,
            incidents,
            dto.Published,
            dto.Summary?.Trim() ?? "",
            [.. (dto.Authors ?? []).Select(a => a.Trim()).Where(a => a.Length > 0)],
            dto.Detected,
            dto.Mitigated,
            [.. (dto.Impact?.Entries ?? []).Where(e => e.Value.Value is not null).Select(e => new ImpactEntry(e.Key, e.Value.Label, e.Value.Value!, e.Line))],
            items,
            sections,
            lines,
            string.Join('\n', file.Lines),
            file.Document ?? throw new InvalidOperationException("a postmortem is read with its Markdig tree"));
    }

    private static ActionItem? ReadActionItem(string display, ActionItemDto item, DiagnosticBag diagnostics)
    {
        int? number = null;
        Uri? url = null;
        string? key = null;
        var issueLine = item.LineOf(nameof(ActionItemDto.Issue));
        if (item.Issue is { } issue)
        {
            var text = issue.Trim().TrimStart('#');
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                number = n;
            }
            else if (JiraKey().IsMatch(issue.Trim()))
            {
                key = issue.Trim();
            }
            else if (Uri.TryCreate(issue.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                url = uri;
            }
            else
            {
                diagnostics.Error(display, issueLine, $"'issue: {issue}' is neither an issue number, a Jira key nor a web address; write the number of the GitHub issue in site.repository, such as 'issue: 123', a Jira issue key, such as 'issue: OPS-123', or the ticket's full URL");
                return null;
            }
        }

        if (item.Title is null || item.Type is null || item.Priority is null || item.Owner is null || item.Status is null)
        {
            // The binder has already reported each missing key with its line.
            return null;
        }

        return new ActionItem(
            item.Title.Trim(),
            item.Type.Value,
            item.Priority.Value,
            item.Owner.Trim(),
            number,
            url,
            item.Status.Value,
            item.Due,
            item.Line,
            item.LineOf(nameof(ActionItemDto.Title)),
            item.LineOf(nameof(ActionItemDto.Owner)),
            issueLine)
        { IssueKey = key };
    }

    /// <summary>A Jira issue key: the project key, '-', the issue's number (OPS-123).</summary>
    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,9}$")]
    internal static partial Regex JiraKey();

    private static bool IsOnlySuppressions(string text) =>
        text.Split('\n').All(line => line.Trim().Length == 0 || SuppressionLine().IsMatch(line));

    /// <summary>A <c>&lt;!-- blameless-ignore: reason --&gt;</c> line: read by the linter, never shown (raw HTML would render as text).</summary>
    [GeneratedRegex(@"^\s*<!--\s*blameless-ignore\b.*-->\s*$", RegexOptions.IgnoreCase)]
    internal static partial Regex SuppressionLine();

    [GeneratedRegex(@"^published\s*:\s*\S", RegexOptions.Multiline)]
    private static partial Regex PublishedKey();
}
