using StatusSite.Model;

namespace StatusSite.Analysis;

/// <summary>
/// Daily uptime over UTC days. At each instant a component counts as down by the weight of the
/// worst status any incident or maintenance holds it at; overlapping incidents never count twice.
/// Today counts only the time elapsed up to the build clock.
/// </summary>
internal static class UptimeCalculator
{
    /// <summary>The last <paramref name="count"/> UTC dates, oldest first, ending today.</summary>
    public static IReadOnlyList<DateOnly> Days(DateTimeOffset now, int count)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [.. Enumerable.Range(0, count).Select(i => today.AddDays(i - count + 1))];
    }

    /// <summary>The incidents that touched the window of <paramref name="days"/> (or are still open), in their order.</summary>
    public static List<IncidentModel> InWindow(IEnumerable<IncidentModel> incidents, IReadOnlyList<DateOnly> days, DateTimeOffset now)
    {
        var windowStart = days.Count == 0 ? now : Start(days[0]);
        return [.. incidents.Where(i => (i.ResolvedAt ?? now) >= windowStart)];
    }

    /// <param name="recent">The component's incidents <see cref="InWindow"/>.</param>
    public static IReadOnlyList<UptimeDay> ForComponent(
        IReadOnlyList<ComponentImpact> impacts, IReadOnlyList<IncidentModel> recent, IReadOnlyList<DateOnly> days, UptimeSettings settings, DateTimeOffset now)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var windowStart = Start(days[0]);
        var relevant = impacts.Where(i => i.To > windowStart).ToList();
        var result = new List<UptimeDay>(days.Count);
        foreach (var day in days)
        {
            var from = Start(day);
            var to = Min(Start(day.AddDays(1)), now);
            var today = relevant.Where(i => i.From < to && i.To > from).ToList();
            var ids = recent
                .Where(i => i.Start < Start(day.AddDays(1)) && (i.ResolvedAt ?? now) >= from)
                .OrderBy(i => i.Start)
                .ThenBy(i => i.Id, StringComparer.Ordinal)
                .Select(i => i.Id)
                .ToList();
            if (to <= from)
            {
                result.Add(new UptimeDay(day, null, ComponentStatus.Operational, ids));
                continue;
            }

            var down = WeightedDowntime(today, from, to, settings.Weights);
            var worst = today.Count == 0 ? ComponentStatus.Operational : today.Max(i => i.Status);
            result.Add(new UptimeDay(day, 1 - (down / (to - from).TotalSeconds), worst, ids));
        }

        return result;
    }

    /// <summary>The mean over days weighted by each day's elapsed seconds; null when no time elapsed.</summary>
    public static double? Overall(IReadOnlyList<UptimeDay> days, DateTimeOffset now)
    {
        double up = 0, total = 0;
        foreach (var day in days.Where(d => d.Uptime is not null))
        {
            var seconds = (Min(Start(day.Date.AddDays(1)), now) - Start(day.Date)).TotalSeconds;
            up += day.Uptime!.Value * seconds;
            total += seconds;
        }

        return total > 0 ? up / total : null;
    }

    /// <summary>Seconds of downtime in [from, to), each instant weighted by the worst status over it.</summary>
    private static double WeightedDowntime(List<ComponentImpact> impacts, DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<ComponentStatus, double> weights)
    {
        if (impacts.Count == 0)
        {
            return 0;
        }

        var cuts = impacts.SelectMany(i => new[] { Max(i.From, from), Min(i.To, to) }).Append(from).Append(to).Distinct().Order().ToList();
        double seconds = 0;
        for (var k = 0; k + 1 < cuts.Count; k++)
        {
            var (a, b) = (cuts[k], cuts[k + 1]);
            var covering = impacts.Where(i => i.From <= a && i.To >= b).Select(i => weights.GetValueOrDefault(i.Status)).DefaultIfEmpty(0).Max();
            seconds += covering * (b - a).TotalSeconds;
        }

        return seconds;
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
