using System.Text;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Rendering;

namespace StatusSite.Authoring;

/// <summary>A scaffolded file: where it goes under input/, and its text; or why there is none.</summary>
/// <param name="RelativePath">Path under the input folder, with '/' separators, such as 'postmortems/x.md'.</param>
public sealed record Scaffold(string? RelativePath, string? Text, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Writes the draft of a postmortem for an incident: front matter filled from the incident, every section
/// heading of SPEC §2.4, and the timeline reconstructed from the incident's public updates. Pure: model in, text out.
/// </summary>
public static class PostmortemScaffolder
{
    /// <summary>The section headings of a postmortem, in order.</summary>
    public static IReadOnlyList<string> Headings { get; } =
    [
        "Summary",
        "Impact",
        "Timeline",
        "Root cause and contributing factors",
        "Five whys",
        "What went well",
        "What went wrong",
        "Where we got lucky",
        "Lessons learned",
    ];

    public static Scaffold Create(SiteModel site, string incidentId)
    {
        var incident = site.Incidents.FirstOrDefault(i => i.Id == incidentId);
        if (incident is null)
        {
            return new Scaffold(null, null, $"unknown incident '{incidentId}'{MessageText.DidYouMean(incidentId, site.Incidents.Select(i => i.Id))}; give the id of an incident, its file name in input/incidents/ without '.md'");
        }

        return new Scaffold($"postmortems/{incident.Id}.md", Text(incident), null);
    }

    /// <summary>The draft's text, with '\n' line endings.</summary>
    public static string Text(IncidentModel incident)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("title: ").Append(Quote("Postmortem: " + incident.Title)).Append('\n');
        text.Append("incidents: [").Append(incident.Id).Append("]\n");
        text.Append("# Without 'published' this is a draft: nothing of it is published. Add the time when it has been reviewed:\n");
        text.Append("# published: ").Append(Timestamp.ToIso(incident.ResolvedAt ?? incident.Latest.At)).Append('\n');
        text.Append("summary: \"\"\n");
        text.Append("authors: []   # teams or roles, never a person\n");
        text.Append("# Milestones; the other metrics come from the incident. The first public update was at ")
            .Append(Timestamp.ToIso(incident.Updates[0].At)).Append(".\n");
        text.Append("# detected: ").Append(Timestamp.ToIso(incident.Updates[0].At)).Append('\n');
        text.Append("# mitigated: ").Append(Timestamp.ToIso(incident.MonitoringAt ?? incident.ResolvedAt ?? incident.Latest.At)).Append('\n');
        text.Append("impact: {}\n");
        text.Append("action_items: []\n");
        text.Append("# action_items:\n");
        text.Append("#   - title: Page on queue age over 2 minutes\n");
        text.Append("#     type: detect        # prevent | mitigate | detect | repair | investigate | process\n");
        text.Append("#     priority: P1        # P0..P3\n");
        text.Append("#     owner: Platform team\n");
        text.Append("#     issue: 123          # GitHub issue number in site.repository, or a URL\n");
        text.Append("#     status: open        # open | in_progress | done | wont_do\n");
        text.Append("#     due: 2026-12-15\n");
        text.Append("---\n");
        foreach (var heading in Headings)
        {
            text.Append("\n## ").Append(heading).Append('\n');
            if (heading == "Timeline")
            {
                text.Append('\n');
                AppendTimeline(text, incident);
            }
        }

        return text.ToString();
    }

    /// <summary>Timeline reconstruction: the start of impact and every public update, oldest first, in UTC.</summary>
    private static void AppendTimeline(StringBuilder text, IncidentModel incident)
    {
        text.Append("All times UTC. Reconstructed from the public updates; add detection, decisions and actions from the war room's notes.\n\n");
        if (incident.Start < incident.Updates[0].At)
        {
            text.Append("- ").Append(Timestamp.ToHeading(incident.Start)).Append(" — Impact starts.\n");
        }

        foreach (var update in incident.Updates)
        {
            var message = MarkdownRenderer.ToPlainText(update.Source.Markdown).ReplaceLineEndings(" ");
            while (message.Contains("  ", StringComparison.Ordinal))
            {
                message = message.Replace("  ", " ", StringComparison.Ordinal);
            }

            text.Append("- ").Append(Timestamp.ToHeading(update.At)).Append(" — Public update (").Append(update.Status).Append(')');
            text.Append(message.Length > 0 ? ": " + message.Trim() : ".").Append('\n');
        }
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
