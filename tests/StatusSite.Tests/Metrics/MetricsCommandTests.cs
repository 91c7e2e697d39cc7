using System.Text.Json;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Metrics;

/// <summary>'metrics pull' end to end: keys from the environment, site.yml's metrics, the recent incidents' windows.</summary>
public sealed class MetricsCommandTests
{
    private const string ApiKey = "dd-api-secret-cli-0123456789";
    private const string AppKey = "dd-app-secret-cli-9876543210";

    private static readonly string SiteYml = TestSite.DefaultSiteYml + """

        metrics:
          - id: api-latency
            name: API latency
            unit: ms
            components: [api]
            source: datadog
            query: "avg:trace.http.request.duration{service:api}"
            range: 24h
        """;

    /// <summary>The only environment variables the command sees: the Datadog keys.</summary>
    private static readonly Dictionary<string, string> Keys = new() { ["DD_API_KEY"] = ApiKey, ["DD_APP_KEY"] = AppKey };

    [Fact]
    public async Task Pull_writes_the_range_and_each_recent_incident_window_of_the_metric()
    {
        using var site = TestSite.Create(SiteYml);
        site.Write("incidents/2026/2026-11-26-api-errors.md", Incidents.File(
            "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
            Incidents.Update("2026-11-26 10:30 UTC", "Resolved", "Fixed."),
            Incidents.Update("2026-11-26 10:00 UTC", "Investigating", "Looking.")));
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (200, "{\"status\":\"ok\",\"series\":[{\"pointlist\":[[1795687200000.0,91.8]]}]}", null));

        var run = await Task.Run(() => CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), Keys, "metrics", "pull", "--input", site.Input, "--datadog-url", server.BaseUrl.AbsoluteUri));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("api-latency: written", run.Output, StringComparison.Ordinal);
        // The incident window runs from an hour before its start (09:00) to an hour after it was resolved (11:30).
        Assert.Contains(server.Requests, r => r.PathAndQuery.StartsWith("/api/v1/query?from=1795683600&to=1795692600&", StringComparison.Ordinal));
        var windows = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Input, "metrics", "api-latency.json"))).RootElement.GetProperty("windows");
        Assert.Equal(["range", "incident:2026-11-26-api-errors"], windows.EnumerateArray().Select(w => w.GetProperty("name").GetString()));

        // The build reads the file back onto the model; the incident's window holds the point, an unknown incident has no data.
        var (model, diagnostics) = SiteBuilder.Analyze(site.Input, TestSite.Parse(TestSite.DefaultNow));
        Assert.False(diagnostics.HasErrors);
        var metric = Assert.Single(model!.Metrics);
        Assert.Equal(new Model.MetricPoint(1795687200, 91.8), Assert.Single(metric.Around("2026-11-26-api-errors")!.Points));
        Assert.Null(metric.Around("2026-11-20-other"));
    }

    [Fact]
    public void A_metric_without_a_data_file_has_no_data_and_the_build_succeeds()
    {
        using var site = TestSite.Create(SiteYml);

        var (model, diagnostics) = SiteBuilder.Analyze(site.Input, TestSite.Parse(TestSite.DefaultNow));

        Assert.False(diagnostics.HasErrors);
        var metric = Assert.Single(model!.Metrics);
        Assert.Equal("api-latency", metric.Definition.Id);
        Assert.Null(metric.Range);
    }

    [Fact]
    public async Task A_refusal_is_reported_with_exit_1_and_the_keys_never_appear()
    {
        using var site = TestSite.Create(SiteYml);
        await using var server = await FakeMetricsServer.StartAsync((request, _) => (403, "{\"errors\":[\"Forbidden: " + request.Headers["DD-API-KEY"] + "\"]}", null));

        var run = await Task.Run(() => CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), Keys, "metrics", "pull", "--input", site.Input, "--datadog-url", server.BaseUrl.AbsoluteUri));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("api-latency: not updated, the previous file is kept: Datadog refused the keys (403); check DD_API_KEY and DD_APP_KEY", run.Output, StringComparison.Ordinal);
        Assert.Equal(ApiKey, Assert.Single(server.Requests).Headers["DD-API-KEY"]);
        Assert.DoesNotContain(ApiKey, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AppKey, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_key_counts_as_not_set_and_nothing_is_requested()
    {
        using var site = TestSite.Create(SiteYml);
        await using var server = await FakeMetricsServer.StartAsync((_, _) => (200, "{\"status\":\"ok\",\"series\":[]}", null));
        // Actions passes a secret that is not configured as an empty variable.
        var environment = new Dictionary<string, string> { ["DD_API_KEY"] = "", ["DD_APP_KEY"] = AppKey };

        var run = await Task.Run(() => CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), environment, "metrics", "pull", "--input", site.Input, "--datadog-url", server.BaseUrl.AbsoluteUri));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("api-latency: not updated, the previous file is kept: Datadog is not configured (its keys are not set)", run.Lines);
        Assert.Empty(server.Requests);
    }
}
