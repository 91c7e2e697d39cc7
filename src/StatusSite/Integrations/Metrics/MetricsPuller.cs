using Polly;
using Polly.Retry;
using Polly.Timeout;
using StatusSite.Authoring;
using StatusSite.Model;

namespace StatusSite.Integrations.Metrics;

/// <summary>How hard 'metrics pull' tries: attempts per request, the first back-off, each attempt's timeout, the longest wait a source may ask for.</summary>
public sealed record MetricsPullOptions(int Attempts, TimeSpan FirstDelay, TimeSpan AttemptTimeout, TimeSpan LongestWait)
{
    public static readonly MetricsPullOptions Default = new(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
}

/// <summary>An incident whose window (an hour either side of its impact) a metric's file covers.</summary>
public sealed record IncidentSpan(string Id, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Components);

/// <summary>What became of one metric: its file rewritten, unchanged, or kept as it was because the source failed.</summary>
public sealed record MetricPullResult(string MetricId, bool Written, string? Failure);

/// <summary>
/// Fetches each metric's series for its display range and each incident's window, and writes input/metrics/&lt;id&gt;.json.
/// A metric whose source fails keeps its previous file; the failure is reported in words that never hold a key.
/// </summary>
public sealed class MetricsPuller(Func<MetricSource, IMetricSourceClient?> clients, MetricsPullOptions options)
{
    /// <summary>The most points one request asks for: New Relic answers at most 366 buckets.</summary>
    public const int PointsPerRequest = 300;

    /// <summary>The bucket of an incident's window.</summary>
    public static readonly TimeSpan IncidentStep = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.Attempts - 1,
            Delay = options.FirstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            ShouldHandle = new PredicateBuilder().Handle<MetricSourceException>(e => e.Transient).Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is MetricSourceException { RetryAfter: { } wait } ? (TimeSpan?)TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, options.LongestWait.Ticks)) : null),
        })
        .AddTimeout(options.AttemptTimeout)
        .Build();

    public async Task<IReadOnlyList<MetricPullResult>> PullAsync(
        IReadOnlyList<MetricDefinition> metrics, IReadOnlyList<IncidentSpan> incidents, DateTimeOffset now, string folder, CancellationToken cancellationToken)
    {
        var results = new List<MetricPullResult>();
        foreach (var metric in metrics)
        {
            if (clients(metric.Source) is not { } client)
            {
                results.Add(new(metric.Id, false, $"{EnumNamesOf(metric.Source)} is not configured (its keys are not set)"));
                continue;
            }

            try
            {
                var windows = new List<MetricWindow>();
                foreach (var (name, from, to, step) in WindowsOf(metric, incidents, now))
                {
                    windows.Add(new MetricWindow(name, from, to, (int)step.TotalSeconds, await FetchAsync(client, metric, from, to, step, cancellationToken).ConfigureAwait(false)));
                }

                var json = new MetricData(MetricData.CurrentSchema, metric.Id, metric.Unit, windows).ToJson();
                var path = Path.Combine(folder, metric.Id + ".json");
                var changed = !File.Exists(path) || File.ReadAllText(path) != json;
                if (changed)
                {
                    AtomicFileWriter.Write(path, json, overwrite: true);
                }

                results.Add(new(metric.Id, changed, null));
            }
            catch (Exception e) when (e is MetricSourceException or HttpRequestException or TimeoutRejectedException or System.Text.Json.JsonException)
            {
                results.Add(new(metric.Id, false, Describe(e)));
            }
        }

        return results;
    }

    /// <summary>The display range, then each incident window (oldest incident id first), every bound on a bucket boundary.</summary>
    public static IEnumerable<(string Name, DateTimeOffset From, DateTimeOffset To, TimeSpan Step)> WindowsOf(MetricDefinition metric, IReadOnlyList<IncidentSpan> incidents, DateTimeOffset now)
    {
        var end = Floor(now, metric.Step);
        yield return (MetricData.RangeWindow, end - metric.Range, end, metric.Step);
        foreach (var incident in incidents.Where(i => metric.Components.Count == 0 || i.Components.Any(metric.Components.Contains)).OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            var from = Floor(incident.Start - Margin, IncidentStep);
            var to = Floor(Min(incident.End + Margin + IncidentStep - TimeSpan.FromTicks(1), now), IncidentStep);
            if (to > from)
            {
                yield return (MetricData.IncidentWindow(incident.Id), from, to, IncidentStep);
            }
        }
    }

    private async Task<IReadOnlyList<MetricPoint>> FetchAsync(IMetricSourceClient client, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var points = new SortedDictionary<long, MetricPoint>();
        var chunk = step * PointsPerRequest;
        for (var start = from; start < to; start += chunk)
        {
            var stop = Min(start + chunk, to);
            var part = await pipeline.ExecuteAsync(async token => await client.FetchAsync(metric, start, stop, step, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            foreach (var point in part.Where(p => p.T >= from.ToUnixTimeSeconds() && p.T < to.ToUnixTimeSeconds()))
            {
                points[point.T] = point;
            }
        }

        return [.. points.Values];
    }

    private static string Describe(Exception e) => e switch
    {
        MetricSourceException => e.Message,
        TimeoutRejectedException => "the source did not answer in time",
        System.Text.Json.JsonException => "the source's answer is not the JSON it documents",
        _ => "the source cannot be reached (" + e.GetType().Name + ")",
    };

    private static string EnumNamesOf(MetricSource source) => source == MetricSource.Datadog ? "Datadog" : "New Relic";

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan step) => new(time.UtcTicks - (time.UtcTicks % step.Ticks), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
