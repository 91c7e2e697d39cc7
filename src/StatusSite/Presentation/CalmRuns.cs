using StatusSite.Model;

namespace StatusSite.Presentation;

/// <summary>
/// One line of a list of days or months: an item shown as it is (<paramref name="Item"/>), or a run of calm ones
/// (no incidents) said in one line of words (<paramref name="Calm"/>), such as "No incidents 12–25 Nov 2026".
/// </summary>
public sealed record CalmLine<T>(T? Item, string? Calm)
    where T : class;

/// <summary>
/// Quiet stretches said once: on the home page, consecutive days without incidents collapse into one line, and in the
/// history, consecutive months without incidents or maintenance. A single calm day or month stays as it is. The
/// date ranges follow the theme's <c>calm.*</c> patterns, so each language writes them its own way.
/// </summary>
public static class CalmRuns
{
    /// <summary>The home page's recent days, newest first, with every run of two or more calm days in one line.</summary>
    public static IReadOnlyList<CalmLine<IncidentDay>> Days(this SiteView view, IReadOnlyList<IncidentDay> days) =>
        Collapse(days, day => day.Incidents.Count == 0, (oldest, newest) => view.T.Format("calm.days", DayRange(view.T, oldest.Date, newest.Date)));

    /// <summary>
    /// History months, newest first, with every run of two or more months without incidents in one line. A month with
    /// maintenance keeps its own line: its page has something to read.
    /// </summary>
    public static IReadOnlyList<CalmLine<HistoryMonth>> Months(this SiteView view, IReadOnlyList<HistoryMonth> months) =>
        Collapse(
            months,
            month => month.Incidents.Count == 0 && month.Maintenances.Count == 0,
            (oldest, newest) => view.T.Format("calm.months", MonthRange(view.T, new DateTime(oldest.Year, oldest.Month, 1), new DateTime(newest.Year, newest.Month, 1))));

    /// <summary>"12–25 Nov 2026", "28 Oct – 3 Nov 2026" or "29 Dec 2025 – 2 Jan 2026", in the language's patterns.</summary>
    internal static string DayRange(Translations t, DateOnly from, DateOnly to)
    {
        var key = from.Year != to.Year ? "calm.day_range" : from.Month != to.Month ? "calm.day_range_year" : "calm.day_range_month";
        return t.Format(key, from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue));
    }

    /// <summary>"Aug–Oct 2026" or "Nov 2025 – Feb 2026", in the language's patterns.</summary>
    internal static string MonthRange(Translations t, DateTime from, DateTime to) =>
        t.Format(from.Year != to.Year ? "calm.month_range" : "calm.month_range_year", from, to);

    /// <summary>
    /// The items (newest first, as the pages list them) with each run of two or more calm ones replaced by one line;
    /// <paramref name="describe"/> is given the run's oldest and newest item.
    /// </summary>
    private static List<CalmLine<T>> Collapse<T>(IReadOnlyList<T> items, Func<T, bool> calm, Func<T, T, string> describe)
        where T : class
    {
        var lines = new List<CalmLine<T>>(items.Count);
        for (var i = 0; i < items.Count;)
        {
            var end = i;
            while (end < items.Count && calm(items[end]))
            {
                end++;
            }

            if (end - i >= 2)
            {
                lines.Add(new CalmLine<T>(null, describe(items[end - 1], items[i])));
                i = end;
            }
            else
            {
                lines.Add(new CalmLine<T>(items[i], null));
                i++;
            }
        }

        return lines;
    }
}
