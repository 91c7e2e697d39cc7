using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using StatusSite.Model;
using StatusSite.Presentation;
using StatusSite.Rendering;

namespace StatusSite.Outputs;

/// <summary>maintenance.ics through Ical.Net: one VEVENT per maintenance window, times in UTC.</summary>
public static class CalendarWriter
{
    /// <summary>iCalendar lines end in CRLF (RFC 5545 §3.1): the serializer's output is written as it is.</summary>
    public static byte[] Maintenance(SiteModel site)
    {
        var settings = site.Settings;
        var calendar = new Calendar { ProductId = "-//StatusSite//" + settings.Title + "//EN" };
        calendar.AddProperty("X-WR-CALNAME", settings.Title);
        foreach (var maintenance in site.Maintenances.OrderBy(m => m.Source.ScheduledFor).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            calendar.Events.Add(new CalendarEvent
            {
                // The UID names the window, not the build: a calendar app updates the event instead of adding another.
                Uid = $"maintenance-{maintenance.Id}@{settings.BaseUrl.Host}",
                Summary = maintenance.Title,
                Description = Description(maintenance),
                DtStart = Utc(maintenance.Source.ScheduledFor),
                DtEnd = Utc(maintenance.Source.ScheduledUntil),
                DtStamp = Utc(site.Now),
                Created = Utc(maintenance.CreatedAt),
                Sequence = maintenance.Sequence,
                Status = EventStatus.Confirmed,
                Transparency = TransparencyType.Transparent,
                Url = Routes.UriOf(settings.BaseUrl, Routes.Of(maintenance)),
            });
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return new System.Text.UTF8Encoding(false).GetBytes(text);
    }

    /// <summary>The window's description, then its latest written update, as plain text.</summary>
    private static string Description(MaintenanceModel maintenance)
    {
        var parts = new List<string>();
        if (MarkdownRenderer.ToPlainText(maintenance.Source.DescriptionMarkdown) is { Length: > 0 } description)
        {
            parts.Add(description);
        }

        if (maintenance.Source.Updates.Count > 0 && MarkdownRenderer.ToPlainText(maintenance.Source.Updates[^1].Markdown) is { Length: > 0 } latest)
        {
            parts.Add(latest);
        }

        return string.Join("\n\n", parts);
    }

    private static CalDateTime Utc(DateTimeOffset time) => new(time.UtcDateTime, CalDateTime.UtcTzId);
}
