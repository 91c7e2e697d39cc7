using System.Text.Json;
using StatusSite.Integrations.Metrics;
using StatusSite.Model;

namespace StatusSite.Tests.Metrics;

public sealed class MetricsPullTests : IDisposable
{
    private const string ApiKey = "dd-api-secret-0123456789";
    private const string AppKey = "dd-app-secret-9876543210";
    private const string NewRelicKey = "NRAK-SECRET0123456789";

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-26T12:03:00Z");

    private static readonly MetricsPullOptions Fast = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));

    private static readonly HttpClient Http = new();

    private readonly string folder = Directory.CreateTempSubdirectory("statussite-metrics-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static MetricDefinition Metric(MetricSource source, string query, TimeSpan range, params string[] components) =>
        new("api-latency", "API latency", "ms", components, source, query, range, null, 7);

    private static string Datadog(params (long Ms, double? Value)[] points) =>
        JsonSerializer.Serialize(new
        {
            status = "ok",
            res_type = "time_series",
            series = new[] { new { metric = "m", pointlist = points.Select(p => new object?[] { (double)p.Ms, p.Value }).ToArray() } },
        });

    private MetricsPuller DatadogPuller(FakeMetricsServer server) =>
        new(source => source == MetricSource.Datadog ? new DatadogClient(Http, server.BaseUrl, ApiKey, AppKey) : null, Fast);

    private string FileOf(string id) => File.ReadAllText(Path.Combine(folder, id + ".json"));

    [Fact]
    public async Task Datadog_request_carries_seconds_the_escaped_query_and_both_keys_and_the_file_is_sorted_and_rounded()
    {
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (200, Datadog((1795687500000, 62.190355936686), (1795687200000, 91.84217071533203), (1795687800000, null)), null));
        var metric = Metric(MetricSource.Datadog, "avg:trace.http.request.duration{service:api} by {env}", TimeSpan.FromHours(24));

        var results = await DatadogPuller(server).PullAsync([metric], [], Now, folder, default);

        Assert.Equal([new MetricPullResult("api-latency", true, null)], results);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        // The range ends on the last five-minute boundary before the clock: 12:00, and starts 24 hours before.
        Assert.Equal("/api/v1/query?from=1795608000&to=1795694400&query=avg%3Atrace.http.request.duration%7Bservice%3Aapi%7D%20by%20%7Benv%7D", request.PathAndQuery);
        Assert.Equal(ApiKey, request.Headers["DD-API-KEY"]);
        Assert.Equal(AppKey, request.Headers["DD-APPLICATION-KEY"]);

        var data = JsonDocument.Parse(FileOf("api-latency")).RootElement;
        Assert.Equal(1, data.GetProperty("schema").GetInt32());
        var window = Assert.Single(data.GetProperty("windows").EnumerateArray());
        Assert.Equal("range", window.GetProperty("name").GetString());
        Assert.Equal(300, window.GetProperty("step_seconds").GetInt32());
        Assert.Equal("[{\"t\":1795687200,\"v\":91.8422},{\"t\":1795687500,\"v\":62.1904}]", JsonSerializer.Serialize(window.GetProperty("points")));
    }

    [Fact]
    public async Task An_unchanged_series_leaves_the_file_unchanged()
    {
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (200, Datadog((1795687200000, 91.842170715)), null));
        var metric = Metric(MetricSource.Datadog, "avg:m{*}", TimeSpan.FromHours(24));
        await DatadogPuller(server).PullAsync([metric], [], Now, folder, default);
        var first = FileOf("api-latency");

        // A minute later the range ends on the same boundary, and noise beyond six digits does not count.
        var results = await DatadogPuller(server).PullAsync([metric], [], Now.AddMinutes(1), folder, default);

        Assert.False(Assert.Single(results).Written);
        Assert.Equal(first, FileOf("api-latency"));
    }

    [Fact]
    public async Task Rate_limit_with_retry_after_is_retried()
    {
        await using var server = await FakeMetricsServer.StartAsync((_, n) => n == 1 ? (429, "{}", "0") : (200, Datadog((1795687200000, 1)), null));

        var results = await DatadogPuller(server).PullAsync([Metric(MetricSource.Datadog, "avg:m{*}", TimeSpan.FromHours(24))], [], Now, folder, default);

        Assert.Null(Assert.Single(results).Failure);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_lasting_server_error_keeps_the_previous_file_after_the_bounded_retries()
    {
        File.WriteAllText(Path.Combine(folder, "api-latency.json"), "previous");
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (503, "{\"errors\":[\"" + ApiKey + "\"]}", null));

        var results = await DatadogPuller(server).PullAsync([Metric(MetricSource.Datadog, "avg:m{*}", TimeSpan.FromHours(24))], [], Now, folder, default);

        var result = Assert.Single(results);
        Assert.Equal("Datadog answered 503 Service Unavailable", result.Failure);
        Assert.Equal(Fast.Attempts, server.Requests.Count);
        Assert.Equal("previous", FileOf("api-latency"));
    }

    [Fact]
    public async Task Refused_keys_are_not_retried_and_never_printed()
    {
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (403, "{\"errors\":[\"Forbidden\"]}", null));

        var results = await DatadogPuller(server).PullAsync([Metric(MetricSource.Datadog, "avg:m{*}", TimeSpan.FromHours(24))], [], Now, folder, default);

        var failure = Assert.Single(results).Failure!;
        Assert.StartsWith("Datadog refused the keys (403); check DD_API_KEY and DD_APP_KEY", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(AppKey, failure, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.False(File.Exists(Path.Combine(folder, "api-latency.json")));
    }

    [Fact]
    public async Task New_relic_gets_nrql_with_the_window_and_a_long_incident_is_fetched_in_chunks()
    {
        await using var server = await FakeMetricsServer.StartAsync((request, _) =>
        {
            var nrql = JsonDocument.Parse(request.Body).RootElement.GetProperty("variables").GetProperty("nrql").GetString()!;
            var since = long.Parse(nrql.Split("SINCE ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return (200, "{\"data\":{\"actor\":{\"account\":{\"nrql\":{\"results\":[{\"beginTimeSeconds\":" + since + ",\"endTimeSeconds\":" + (since + 300) + ",\"average.duration\":0.0841}]}}}}}", null);
        });
        var metric = Metric(MetricSource.Newrelic, "SELECT average(duration) FROM Transaction", TimeSpan.FromDays(30), "api");
        var incidents = new IncidentSpan[]
        {
            // 48 hours of impact: 50 hours with the margins, two requests of 300 five-minute buckets (25 hours).
            new("2026-11-20-db", DateTimeOffset.Parse("2026-11-20T01:00:00Z"), DateTimeOffset.Parse("2026-11-22T01:00:00Z"), ["api"]),
            new("2026-11-21-web", DateTimeOffset.Parse("2026-11-21T01:00:00Z"), DateTimeOffset.Parse("2026-11-21T02:00:00Z"), ["web"]),
        };
        var puller = new MetricsPuller(source => source == MetricSource.Newrelic ? new NewRelicClient(Http, server.BaseUrl, NewRelicKey, 1234567) : null, Fast);

        var results = await puller.PullAsync([metric], incidents, Now, folder, default);

        Assert.Null(Assert.Single(results).Failure);
        var requests = server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r => Assert.Equal(("POST", "/graphql", NewRelicKey), (r.Method, r.PathAndQuery, r.Headers["API-Key"])));
        var variables = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("variables")).ToArray();
        Assert.All(variables, v => Assert.Equal(1234567, v.GetProperty("account").GetInt64()));
        Assert.Equal(
            [
                "SELECT average(duration) FROM Transaction SINCE 1793102400 UNTIL 1795694400 TIMESERIES 180 minutes",
                "SELECT average(duration) FROM Transaction SINCE 1795132800 UNTIL 1795222800 TIMESERIES 5 minutes",
                "SELECT average(duration) FROM Transaction SINCE 1795222800 UNTIL 1795312800 TIMESERIES 5 minutes",
            ],
            variables.Select(v => v.GetProperty("nrql").GetString()));
        var windows = JsonDocument.Parse(FileOf("api-latency")).RootElement.GetProperty("windows").EnumerateArray().ToArray();
        Assert.Equal(["range", "incident:2026-11-20-db"], windows.Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(2, windows[1].GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task New_relic_errors_are_reported_and_keep_the_previous_file()
    {
        File.WriteAllText(Path.Combine(folder, "api-latency.json"), "previous");
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (200, "{\"errors\":[{\"message\":\"NRQL Syntax Error\"}]}", null));
        var puller = new MetricsPuller(source => new NewRelicClient(Http, server.BaseUrl, NewRelicKey, 1), Fast);

        var results = await puller.PullAsync([Metric(MetricSource.Newrelic, "SELECT nonsense", TimeSpan.FromHours(24))], [], Now, folder, default);

        Assert.Equal("New Relic refused the query of 'api-latency': NRQL Syntax Error", Assert.Single(results).Failure);
        Assert.Equal("previous", FileOf("api-latency"));
    }
}
