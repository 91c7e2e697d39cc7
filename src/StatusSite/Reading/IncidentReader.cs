using System.Text.RegularExpressions;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>Reads one incident file (SPEC §2.2).</summary>
internal static partial class IncidentReader
{
    /// <summary>A heading of any level but 2, such as '### 2026-11-26 10:02 UTC — Investigating'.</summary>
    [GeneratedRegex(@"^ {0,3}(#|#{3,6})(\s|$)")]
    private static partial Regex OtherHeading();

    /// <summary>How far along an incident is: each status moves it forward; 'Update' does not move it (null).</summary>
    private static int? Stage(IncidentStatus status) => status == IncidentStatus.Update ? null : (int)status;

    public static Incident? Read(string display, MarkdownFile file, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics)
    {
        var dto = ContentReader.ReadUnlessDraft<IncidentDto>(display, file, diagnostics);
        if (dto is null)
        {
            return null;
        }

        var errors = diagnostics.ErrorCount;
        ContentReader.CheckTitle(display, dto.Title, dto.LineOf(nameof(IncidentDto.Title)), diagnostics);
        var components = ContentReader.ComponentsOf(display, dto.Components, catalogue, diagnostics, s => s);
        if (file.Preamble.Length > 0)
        {
            // An update written under a heading of another level ('### …') is taken for text before the first update.
            var lines = file.Preamble.Split('\n');
            var heading = Array.FindIndex(lines, l => OtherHeading().IsMatch(l));
            if (heading >= 0)
            {
                diagnostics.Error(display, file.PreambleLine + heading, $"this heading starts with {lines[heading].Trim().Split(' ')[0].Length} '#', so it is not read as an update; write '## ' for an update heading, such as '## 2026-11-26 10:02 UTC — Investigating'");
            }
            else
            {
                diagnostics.Error(display, file.PreambleLine, "text before the first update is not shown anywhere; start each update with a heading such as '## 2026-11-26 10:02 UTC — Investigating'");
            }
        }

        var parsed = UpdateReader.ReadAll<IncidentStatus>(display, file, catalogue, diagnostics, "Investigating");
        if (file.Sections.Count == 0)
        {
            diagnostics.Error(display, Math.Max(1, file.FrontMatterEndLine), "this incident has no update; add one under the front matter, such as '## 2026-11-26 10:02 UTC — Investigating' followed by what customers see");
        }

        var updates = UpdateReader.InTimeOrder(display, parsed, diagnostics, Stage);
        var resolved = updates.FindIndex(u => u.Status == IncidentStatus.Resolved);
        if (resolved >= 0 && resolved < updates.Count - 1)
        {
            var later = updates[resolved + 1];
            diagnostics.Error(display, later.Line, $"this update comes after the incident was resolved (line {updates[resolved].Line}); if the problem came back, declare a new incident, or change 'Resolved' to 'Monitoring'");
        }

        if (dto.Started is { } started && updates.Count > 0 && started > updates[0].At)
        {
            diagnostics.Error(display, dto.LineOf(nameof(IncidentDto.Started)), $"'started' ({Timestamp.ToHeading(started)}) is after the first update ({Timestamp.ToHeading(updates[0].At)}); impact cannot start after it was reported, so correct one of them");
        }

        if (diagnostics.ErrorCount > errors || dto.Title is null || dto.Severity is null || updates.Count == 0)
        {
            return null;
        }

        return new Incident(
            ContentReader.IdOf(display),
            display,
            dto.Title,
            dto.Severity.Value,
            components,
            dto.Started,
            string.IsNullOrWhiteSpace(dto.Postmortem) ? null : dto.Postmortem.Trim(),
            [.. updates.Select(u => new IncidentUpdate(u.At, u.Status, u.Markdown, u.Changes, u.NextUpdate, u.Line))])
        {
            PostmortemLine = dto.LineOf(nameof(IncidentDto.Postmortem)),
        };
    }
}
