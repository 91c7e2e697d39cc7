using System.Text.RegularExpressions;
using Markdig.Syntax;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;

namespace StatusSite.Analysis;

/// <summary>
/// Links postmortems and incidents in both directions, computes postmortem metrics and each incident's
/// postmortem state (published, due, overdue), and runs the blameless linter. Drafts are linted only on request
/// (<c>check</c>): a draft never blocks a build and nothing of it reaches the model.
/// </summary>
internal static partial class PostmortemAnalyzer
{
    /// <summary>
    /// Lints every published postmortem (and drafts when asked) for blameless language, on every core.
    /// It needs only the content, so the analysis starts it first and works on while it runs; it
    /// costs tens of milliseconds even for a few postmortems. Diagnostics are sorted when reported.
    /// </summary>
    public static Task LintAsync(SiteContent content, bool lintDrafts, DiagnosticBag diagnostics)
    {
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var incident in content.Incidents)
        {
            severities.TryAdd(incident.Id, incident.Severity);
        }

        var toLint = content.Postmortems.Where(p => !p.IsDraft || lintDrafts).ToList();
        return toLint.Count == 0 ? Task.CompletedTask : Task.Run(() => Parallel.ForEach(toLint, postmortem =>
        {
            // The most severe incident the postmortem covers sets what it must hold.
            var severity = StatusScale.Worst(postmortem.IncidentIds.Where(severities.ContainsKey).Select(id => severities[id]));

            if (!postmortem.IsDraft)
            {
                BlamelessLinter.Lint(postmortem, severity, diagnostics);
                return;
            }

            // A draft's findings are warnings, as its format errors are: it is still being written.
            var found = new DiagnosticBag();
            BlamelessLinter.Lint(postmortem, severity, found);
            foreach (var finding in found.Sorted())
            {
                diagnostics.Add(finding.InDraft());
            }
        }));
    }

    public static (List<IncidentModel> Incidents, List<PostmortemModel> Postmortems) Analyze(
        SiteContent content, List<IncidentModel> incidents, DateTimeOffset now, DiagnosticBag diagnostics)
    {
        var settings = content.Settings;
        var byId = incidents.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var postmortemsById = content.Postmortems.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var valid = new List<Postmortem>();
        foreach (var postmortem in content.Postmortems)
        {
            if (CheckPostmortem(postmortem, byId, now, settings, diagnostics) && !postmortem.IsDraft)
            {
                valid.Add(postmortem);
            }
        }

        // An incident may name its postmortem, and a postmortem names its incidents: both must agree.
        foreach (var incident in incidents.Where(i => i.Source.PostmortemId is not null))
        {
            var id = incident.Source.PostmortemId!;
            var line = Math.Max(1, incident.Source.PostmortemLine);
            if (!postmortemsById.TryGetValue(id, out var named))
            {
                diagnostics.Error(incident.Source.SourcePath, line, $"unknown postmortem '{id}'{MessageText.DidYouMean(id, postmortemsById.Keys)}; use the file name of a postmortem in input/postmortems/ without '.md', or remove the line until it is written");
            }
            else if (!named.IncidentIds.Contains(incident.Id, StringComparer.Ordinal))
            {
                diagnostics.Error(incident.Source.SourcePath, line, $"postmortem '{id}' does not list this incident in its 'incidents:' ({named.SourcePath}:{named.Lines.Incidents}); add '{incident.Id}' there, or correct this line");
            }
        }

        // The first published postmortem (by publication, then id) covering an incident is the one its page links to.
        // Indexed once: looking each incident up in every postmortem's list grew with incidents times postmortems.
        var published = valid.OrderBy(p => p.Published).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var coveredBy = new Dictionary<string, Postmortem>(StringComparer.Ordinal);
        foreach (var postmortem in published)
        {
            foreach (var id in postmortem.IncidentIds)
            {
                coveredBy.TryAdd(id, postmortem);
            }
        }

        var linked = incidents.Select(incident =>
            incident with { Postmortem = StateOf(incident, coveredBy.GetValueOrDefault(incident.Id), settings.Policy, now) }).ToList();
        var linkedById = linked.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var models = published
            .Select(p => Model(p, [.. p.IncidentIds.Select(id => linkedById[id]).OrderBy(i => i.Start).ThenBy(i => i.Id, StringComparer.Ordinal)], settings))
            .OrderByDescending(p => p.Published)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        return (linked, models);
    }

    private static IncidentPostmortem? StateOf(IncidentModel incident, Postmortem? postmortem, Policy policy, DateTimeOffset now)
    {
        if (postmortem is not null)
        {
            return new IncidentPostmortem(postmortem.Id, postmortem.Title, null, false);
        }

        if (incident.ResolvedAt is { } resolved && DueBy(policy, incident.Severity, resolved) is { } dueBy)
        {
            return new IncidentPostmortem(null, null, dueBy, now > dueBy);
        }

        return null;
    }

    /// <summary>When a postmortem is due after a resolution, by <c>policy.postmortem_due</c> for the severity; null when the policy has none.</summary>
    private static DateTimeOffset? DueBy(Policy policy, Severity severity, DateTimeOffset resolved) =>
        policy.PostmortemDue.TryGetValue(severity, out var due) ? resolved + due : null;

    /// <summary>Checks the postmortem's links and milestones; a draft's problems are warnings, a published one's errors.</summary>
    private static bool CheckPostmortem(Postmortem postmortem, Dictionary<string, IncidentModel> incidents, DateTimeOffset now, SiteSettings settings, DiagnosticBag diagnostics)
    {
        var ok = true;
        var path = postmortem.SourcePath;

        void Problem(int line, string message)
        {
            ok = false;
            var error = new Diagnostic(DiagnosticLevel.Error, path, line, message);
            diagnostics.Add(postmortem.IsDraft ? error.InDraft() : error);
        }

        if (settings.Tickets.JiraUrl is null && postmortem.ActionItems.FirstOrDefault(a => a.IssueKey is not null) is { } jira)
        {
            Problem(jira.IssueLine, $"'issue: {jira.IssueKey}' is a Jira key, but site.yml does not say where your Jira is; add 'tickets: {{ jira_url: https://acme.atlassian.net }}' (your Jira site) to site.yml, or write the ticket's full URL");
        }

        var covered = new List<IncidentModel>();
        foreach (var id in postmortem.IncidentIds)
        {
            if (incidents.TryGetValue(id, out var incident))
            {
                covered.Add(incident);
            }
            else
            {
                Problem(postmortem.Lines.Incidents, $"unknown incident '{id}'{MessageText.DidYouMean(id, incidents.Keys)}; list incident ids, the file names in input/incidents/ without '.md' (a draft incident cannot have a published postmortem)");
            }
        }

        if (covered.Count == 0)
        {
            return false;
        }

        var start = covered.Min(i => i.Start);
        var unresolved = covered.FirstOrDefault(i => !i.IsResolved);
        if (unresolved is not null && !postmortem.IsDraft)
        {
            Problem(postmortem.Lines.Published, $"incident '{unresolved.Id}' is not resolved yet; publish the postmortem after its 'Resolved' update, and until then remove 'published' to keep this a draft");
        }

        var resolved = covered.Where(i => i.IsResolved).Select(i => i.ResolvedAt!.Value).DefaultIfEmpty(now).Max();
        if (postmortem.Published is { } at)
        {
            if (at > now)
            {
                Problem(postmortem.Lines.Published, $"'published' ({Timestamp.ToHeading(at)}) is after the build clock ({Timestamp.ToHeading(now)}); write the time it is actually published, or remove the key to keep this a draft until then");
            }
            else if (unresolved is null && at < resolved)
            {
                Problem(postmortem.Lines.Published, $"'published' ({Timestamp.ToHeading(at)}) is before the incident was resolved ({Timestamp.ToHeading(resolved)}); correct the date");
            }
        }

        CheckMilestone(postmortem.Detected, "detected", postmortem.Lines.Detected, start, resolved, Problem);
        CheckMilestone(postmortem.Mitigated, "mitigated", postmortem.Lines.Mitigated, start, resolved, Problem);
        if (postmortem.Detected is { } detected && postmortem.Mitigated is { } mitigated && mitigated < detected)
        {
            Problem(postmortem.Lines.Mitigated, $"'mitigated' ({Timestamp.ToHeading(mitigated)}) is before 'detected' ({Timestamp.ToHeading(detected)}); correct one of them");
        }

        return ok;
    }

    private static void CheckMilestone(DateTimeOffset? value, string key, int line, DateTimeOffset start, DateTimeOffset resolved, Action<int, string> problem)
    {
        if (value is not { } at)
        {
            return;
        }

        if (at < start)
        {
            problem(line, $"'{key}' ({Timestamp.ToHeading(at)}) is before the impact started ({Timestamp.ToHeading(start)}); correct it, or set the incident's 'started' to the real start of impact");
        }
        else if (at > resolved)
        {
            problem(line, $"'{key}' ({Timestamp.ToHeading(at)}) is after the incident was resolved ({Timestamp.ToHeading(resolved)}); correct the date");
        }
    }

    private static PostmortemModel Model(Postmortem postmortem, List<IncidentModel> incidents, SiteSettings settings)
    {
        var started = incidents.Min(i => i.Start);
        var resolved = incidents.Max(i => i.ResolvedAt!.Value);
        var firstUpdate = incidents.Min(i => i.Updates[0].At);
        var published = postmortem.Published!.Value;
        var severity = StatusScale.Worst(incidents.Select(i => i.Severity))!.Value;
        var impactDuration = resolved - started;
        var metrics = new List<PostmortemMetric>
        {
            new("time_to_detect", postmortem.Detected - started),
            new("time_to_mitigate", postmortem.Mitigated - started),
            new("impact_duration", impactDuration),
            new("time_to_first_update", firstUpdate - started),
        };
        var dueBy = DueBy(settings.Policy, severity, resolved);
        var lag = new PostmortemLag(published - resolved, dueBy - resolved, dueBy, published > dueBy);
        var items = postmortem.ActionItems.Select(item => ActionItemOf(item, settings)).ToList();
        var counts = new ActionItemCounts(
            items.Count(a => a.Source.Status is ActionItemStatus.Open or ActionItemStatus.InProgress),
            items.Count(a => a.Source.Status == ActionItemStatus.Done),
            items.Count(a => a.Source.Status == ActionItemStatus.WontDo));
        var sections = postmortem.Sections.Select(s => new PostmortemSectionModel(s.Heading, s.Markdown, BlamelessLinter.IsFiveWhys(s.Heading) ? WhysOf(postmortem, s) : null)).ToList();
        var link = Routes.UriOf(settings.BaseUrl, Routes.Postmortem(postmortem.Id));
        var entry = new PostmortemFeedEntry(link.AbsoluteUri, postmortem.Title, postmortem.Summary, published, link);
        return new PostmortemModel(postmortem, incidents, severity, started, resolved, published, impactDuration, metrics, lag, items, counts, sections, entry);
    }

    private static ActionItemModel ActionItemOf(ActionItem item, SiteSettings settings)
    {
        var repository = settings.Repository;
        if (item.IssueUrl is { } url)
        {
            return new ActionItemModel(item, url, url.AbsoluteUri);
        }

        if (item.IssueKey is { } key)
        {
            // CheckPostmortem has refused a key without tickets.jira_url.
            return new ActionItemModel(item, Routes.JiraIssue(settings.Tickets.JiraUrl!, key), key);
        }

        if (item.IssueNumber is { } number)
        {
            return repository is null
                ? new ActionItemModel(item, null, $"#{number}")
                : new ActionItemModel(item, Routes.GitHubIssue(repository, number), $"#{number}");
        }

        return new ActionItemModel(item, null, null);
    }

    /// <summary>
    /// The Five Whys as a chain when the section is a numbered list of "Why …? Because …" items; null otherwise,
    /// and the page then shows the section as written.
    /// </summary>
    private static List<FiveWhy>? WhysOf(Postmortem postmortem, PostmortemSection section)
    {
        // The section's blocks in the tree read with the file: those after its heading, up to the next H2.
        var lists = postmortem.Document
            .SkipWhile(b => b.Line < section.Line)
            .TakeWhile(b => b is not HeadingBlock { Level: 2 })
            .OfType<ListBlock>().Where(l => l.IsOrdered).ToList();
        if (lists.Count != 1)
        {
            return null;
        }

        var whys = new List<FiveWhy>();
        foreach (var item in lists[0].OfType<ListItemBlock>())
        {
            var text = ListMarker().Replace(postmortem.Text.Substring(item.Span.Start, item.Span.Length), "").Trim();
            var question = text.IndexOf('?', StringComparison.Ordinal);
            if (question < 0)
            {
                return null;
            }

            whys.Add(new FiveWhy(text[..(question + 1)].Trim(), text[(question + 1)..].Trim()));
        }

        return whys.Count > 0 ? whys : null;
    }

    [GeneratedRegex(@"^\s*\d+[.)]\s*")]
    private static partial Regex ListMarker();
}
