using StatusSite.Model;

namespace StatusSite.Presentation.Charts;

/// <summary>
/// Turns the model's statuses over time and metric series into <see cref="StatusChart"/>s and <see cref="MetricChart"/>s:
/// geometry from <see cref="ChartGeometry"/>, words and times from the <see cref="SiteView"/>. Pure, so pages rendered
/// in parallel share it.
/// </summary>
public sealed class ChartPresenter(SiteView view)
{
    private Translations T => view.T;

    /// <summary>Every metric site.yml lists, over its display range, for the home page.</summary>
    public IReadOnlyList<MetricChart> Home() =>
        [.. view.Site.Metrics.Select(m => Metric("mc-" + m.Definition.Id, m.Definition, m.Range, T["chart.range_" + RangeKey(m.Definition.Range)], null))];

    /// <summary>An incident from its start to its resolution (or to now while it is open): each affected component's status, the updates marked, the metrics of those components.</summary>
    public TimelineCharts Incident(IncidentModel incident)
    {
        var to = incident.ResolvedAt ?? view.Site.Now;
        var updates = incident.Updates.Select(u => u.At).ToList();
        var statuses = incident.Affected
            .Select(a => Status(a.Component, incident.Impacts, incident.Start, to, incident.IsResolved, updates))
            .ToList();
        var marks = T.Format("chart.updates", string.Join("; ", updates.Select(view.Utc)));
        return new TimelineCharts(statuses, "chart-marks", marks, [.. MetricsOf(incident, "mc-")]);
    }

    /// <summary>
    /// A postmortem's impact window, from the earliest start to the latest resolution: each affected component's status
    /// with detection, mitigation and resolution marked, and the metrics of those components around each incident.
    /// </summary>
    public TimelineCharts Postmortem(PostmortemModel postmortem)
    {
        var (from, to) = (postmortem.Started, postmortem.Resolved);
        var milestones = new List<(string Key, DateTimeOffset At)> { ("chart.started", from) };
        if (postmortem.Source.Detected is { } detected)
        {
            milestones.Add(("chart.detected", detected));
        }

        if (postmortem.Source.Mitigated is { } mitigated)
        {
            milestones.Add(("chart.mitigated", mitigated));
        }

        milestones.Add(("chart.resolved", to));
        var marked = milestones.Skip(1).Select(m => m.At).ToList();
        var impacts = postmortem.Incidents.SelectMany(i => i.Impacts).ToList();
        var statuses = postmortem.Incidents.SelectMany(i => i.Affected)
            .DistinctBy(a => a.Component.Id)
            .OrderBy(a => a.Component.Position)
            .Select(a => Status(a.Component, impacts, from, to, resolved: true, marked))
            .ToList();
        var marks = string.Join("; ", milestones.Select(m => T.Format(m.Key, view.Utc(m.At))));
        var metrics = postmortem.Incidents.SelectMany(i => MetricsOf(i, "mc-" + i.Id + "-")).ToList();
        return new TimelineCharts(statuses, "chart-marks", marks, metrics);
    }

    private StatusChart Status(Component component, IEnumerable<ComponentImpact> impacts, DateTimeOffset from, DateTimeOffset to, bool resolved, IEnumerable<DateTimeOffset> marks)
    {
        var spans = Spans(impacts.Where(i => i.ComponentId == component.Id), from, to);
        var words = spans.Select((s, i) => !resolved && i == spans.Count - 1
            ? T.Format("chart.since", view.Name(s.Status), view.Utc(s.From))
            : T.Format("chart.span", view.Name(s.Status), view.Utc(s.From), view.Utc(s.To))).ToList();
        var bands = spans.Select((s, i) =>
        {
            var x = ChartGeometry.X(s.From, from, to);
            var height = ChartGeometry.BandHeight(s.Status);
            return new StatusBand(SiteView.Css(s.Status), x, ChartGeometry.X(s.To, from, to) - x, ChartGeometry.Height - height, height, words[i]);
        }).ToList();
        if (resolved)
        {
            words.Add(T.Format("chart.from", view.Name(ComponentStatus.Operational), view.Utc(to)));
        }

        var ticks = ChartGeometry.Ticks(marks.Select(m => ChartGeometry.X(m, from, to)));
        return new StatusChart("sc-" + component.Id, bands, ticks, component.Name + ": " + string.Join("; ", words) + ".");
    }

    /// <summary>
    /// The statuses one after another from <paramref name="from"/> to <paramref name="to"/>: the impacts, clipped to the
    /// span, with operational between them and neighbours of the same status joined. An overlap keeps the earlier impact.
    /// </summary>
    internal static List<(DateTimeOffset From, DateTimeOffset To, ComponentStatus Status)> Spans(IEnumerable<ComponentImpact> impacts, DateTimeOffset from, DateTimeOffset to)
    {
        var spans = new List<(DateTimeOffset From, DateTimeOffset To, ComponentStatus Status)>();
        void Add(DateTimeOffset start, DateTimeOffset end, ComponentStatus status)
        {
            if (spans.Count > 0 && spans[^1].Status == status && spans[^1].To == start)
            {
                spans[^1] = (spans[^1].From, end, status);
            }
            else
            {
                spans.Add((start, end, status));
            }
        }

        var at = from;
        foreach (var impact in impacts.OrderBy(i => i.From))
        {
            var start = impact.From > at ? impact.From : at;
            var end = impact.To < to ? impact.To : to;
            if (end <= start)
            {
                continue;
            }

            if (start > at)
            {
                Add(at, start, ComponentStatus.Operational);
            }

            Add(start, end, impact.Status);
            at = end;
        }

        if (at < to)
        {
            Add(at, to, ComponentStatus.Operational);
        }

        return spans;
    }

    /// <summary>The metrics of an incident's affected components over its window, in site.yml's order; a metric without data there says so.</summary>
    private IEnumerable<MetricChart> MetricsOf(IncidentModel incident, string idPrefix)
    {
        var affected = incident.Affected.Select(a => a.Component.Id).ToHashSet(StringComparer.Ordinal);
        var end = incident.ResolvedAt ?? view.Site.Now;
        foreach (var metric in view.Site.Metrics.Where(m => m.Definition.Components.Any(affected.Contains)))
        {
            var window = metric.Around(incident.Id);
            var covers = T.Format("chart.window", view.Utc(window?.From ?? incident.Start), view.Utc(window?.To ?? end));
            yield return Metric(idPrefix + metric.Definition.Id, metric.Definition, window, covers, incident);
        }
    }

    /// <summary>A metric over a window; with an incident, its updates are marked and its impact shaded.</summary>
    private MetricChart Metric(string id, MetricDefinition definition, MetricWindow? window, string covers, IncidentModel? incident)
    {
        if (window is null)
        {
            return new MetricChart(id, definition.Name, null, covers, null, T["chart.no_data"]);
        }

        var points = window.Points;
        var (from, to) = (window.From.ToUnixTimeSeconds(), window.To.ToUnixTimeSeconds());
        var (low, high) = ChartGeometry.Scale(points, definition.Baseline);
        var line = ChartGeometry.Line(ChartGeometry.Downsample(points.OrderBy(p => p.T).ToList()), from, to, low, high);
        var baseline = definition.Baseline is { } b ? ChartGeometry.Across(ChartGeometry.Y(b, low, high)) : null;
        string? ticks = null;
        ChartSpan? shade = null;
        if (incident is not null)
        {
            ticks = ChartGeometry.Ticks(incident.Updates.Where(u => u.At >= window.From && u.At <= window.To).Select(u => ChartGeometry.X(u.At, window.From, window.To)));
            var x = ChartGeometry.X(incident.Start, window.From, window.To);
            shade = new ChartSpan(x, ChartGeometry.X(incident.ResolvedAt ?? window.To, window.From, window.To) - x);
        }

        var latest = points.MaxBy(p => p.T)!;
        var words = new List<string>
        {
            T.Format("chart.min", Value(points.Min(p => p.V), definition.Unit)),
            T.Format("chart.max", Value(points.Max(p => p.V), definition.Unit)),
            T.Format("chart.latest", Value(latest.V, definition.Unit)),
        };
        if (definition.Baseline is { } limit)
        {
            words.Add(T.Format("chart.baseline", Value(limit, definition.Unit)));
            var crossing = BaselineCrossing.Of(points, limit);
            words.Add(crossing.State switch
            {
                BaselineState.Back => T.Format("chart.back_to_baseline", view.Utc(DateTimeOffset.FromUnixTimeSeconds(crossing.At!.Value))),
                BaselineState.NotBack => T["chart.not_back"],
                _ => T["chart.within_baseline"],
            });
        }

        return new MetricChart(id, definition.Name, Value(latest.V, definition.Unit), covers, new MetricPlot(line, baseline, ticks, shade), string.Join(" · ", words));
    }

    /// <summary>A value with its unit: whole numbers from 100 up, three significant digits below, in the site's language.</summary>
    private string Value(double value, string unit)
    {
        var number = Math.Abs(value) >= 100 ? value.ToString("N0", T.Culture) : value.ToString("G3", T.Culture);
        return unit.Length == 0 ? number : T.Format("chart.value", number, unit);
    }

    private static string RangeKey(TimeSpan range) => range >= TimeSpan.FromDays(30) ? "30d" : range >= TimeSpan.FromDays(7) ? "7d" : "24h";
}
