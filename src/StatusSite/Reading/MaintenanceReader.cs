using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>Reads one scheduled-maintenance file (SPEC §2.3).</summary>
internal static class MaintenanceReader
{
    public static Maintenance? Read(string display, MarkdownFile file, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics)
    {
        var dto = ContentReader.ReadUnlessDraft<MaintenanceDto>(display, file, diagnostics);
        if (dto is null)
        {
            return null;
        }

        var errors = diagnostics.ErrorCount;
        ContentReader.CheckTitle(display, dto.Title, dto.LineOf(nameof(MaintenanceDto.Title)), diagnostics);
        var components = ContentReader.ComponentsOf(display, dto.Components, catalogue, diagnostics, s => s ?? ComponentStatus.UnderMaintenance);
        if (dto.ScheduledFor is { } from && dto.ScheduledUntil is { } until && until <= from)
        {
            diagnostics.Error(display, dto.LineOf(nameof(MaintenanceDto.ScheduledUntil)), $"the window ends ({Timestamp.ToHeading(until)}) before it starts ({Timestamp.ToHeading(from)}); 'scheduled_until' must be after 'scheduled_for'");
        }

        var parsed = UpdateReader.ReadAll<MaintenanceStatus>(display, file, catalogue, diagnostics, "Scheduled");
        foreach (var update in parsed.Where(u => u.Changes.Count > 0 || u.NextUpdate is not null))
        {
            diagnostics.Error(display, update.Line, "maintenance updates take no 'Components:' or 'Next update:' lines; set the components in the front matter");
        }

        var updates = UpdateReader.InTimeOrder(display, parsed, diagnostics);
        if (diagnostics.ErrorCount > errors || dto.Title is null || dto.ScheduledFor is null || dto.ScheduledUntil is null)
        {
            return null;
        }

        return new Maintenance(
            ContentReader.IdOf(display),
            display,
            dto.Title,
            components,
            dto.ScheduledFor.Value,
            dto.ScheduledUntil.Value,
            file.Preamble,
            [.. updates.Select(u => new MaintenanceUpdate(u.At, u.Status, u.Markdown, u.Line))]);
    }
}
