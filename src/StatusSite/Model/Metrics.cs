namespace StatusSite.Model;

/// <summary>Where a metric's series comes from.</summary>
public enum MetricSource
{
    Datadog,
    Newrelic,
}

/// <summary>
/// A metric from site.yml: a Datadog metrics query or an NRQL query (without SINCE, UNTIL or TIMESERIES,
/// which 'metrics pull' adds), shown over <see cref="Range"/> (24 hours, 7 days or 30 days).
/// </summary>
public sealed record MetricDefinition(
    string Id,
    string Name,
    string Unit,
    IReadOnlyList<string> Components,
    MetricSource Source,
    string Query,
    TimeSpan Range,
    double? Baseline,
    int Line)
{
    /// <summary>The display ranges a metric may have.</summary>
    public static readonly IReadOnlyList<TimeSpan> Ranges = [TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    /// <summary>The bucket each point stands for over the display range: at most 300 points.</summary>
    public TimeSpan Step => Range <= TimeSpan.FromHours(24) ? TimeSpan.FromMinutes(5) : Range <= TimeSpan.FromDays(7) ? TimeSpan.FromHours(1) : TimeSpan.FromHours(3);
}
