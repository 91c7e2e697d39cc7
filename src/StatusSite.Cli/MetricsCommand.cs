using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Integrations.Metrics;
using StatusSite.Model;

namespace StatusSite.Cli;

internal sealed class MetricsPullSettings : ClockSettings
{
    [CommandOption("--datadog-url <URL>")]
    [Description("The Datadog API's base address. Defaults to https://api.<DD_SITE>/ (DD_SITE defaults to datadoghq.com).")]
    public string? DatadogUrl { get; init; }

    [CommandOption("--newrelic-url <URL>")]
    [Description("The NerdGraph base address. Defaults to https://api.newrelic.com/, or https://api.eu.newrelic.com/ when NEW_RELIC_REGION is EU.")]
    public string? NewRelicUrl { get; init; }
}

/// <summary>
/// <c>statussite metrics pull</c>: fetches the series of every metric in site.yml into input/metrics/&lt;id&gt;.json.
/// Keys come from the environment only, and no message ever holds one.
/// </summary>
internal sealed class MetricsPullCommand(IAnsiConsole console, TimeProvider clock, EnvironmentVariables environment) : AsyncCommand<MetricsPullSettings>
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public override async Task<int> ExecuteAsync(CommandContext context, MetricsPullSettings settings, CancellationToken cancellationToken)
    {
        var now = settings.ResolveNow(clock);
        var (model, bag) = SiteBuilder.Analyze(settings.Input, now);
        if (model is null)
        {
            var diagnostics = bag.Sorted();
            DiagnosticPrinter.PrintGrouped(console, diagnostics);
            DiagnosticPrinter.PrintSummary(console, diagnostics, null);
            return CliApp.ContentErrors;
        }

        var datadog = Client(MetricSource.Datadog, settings);
        var newRelic = Client(MetricSource.Newrelic, settings);
        var since = now.AddDays(-model.Settings.Uptime.Days);
        var incidents = model.Incidents
            .Where(i => (i.ResolvedAt ?? now) >= since)
            .Select(i => new IncidentSpan(i.Source.Id, i.Start, i.ResolvedAt ?? now, [.. i.Affected.Select(a => a.Component.Id)]))
            .ToList();
        var puller = new MetricsPuller(source => source == MetricSource.Datadog ? datadog : newRelic, MetricsPullOptions.Default);
        var results = await puller.PullAsync(model.Settings.Metrics, incidents, now, Path.Combine(settings.Input, "metrics"), cancellationToken).ConfigureAwait(false);

        foreach (var result in results)
        {
            console.WriteLine(result.Failure is { } failure
                ? $"{result.MetricId}: not updated, the previous file is kept: {failure}"
                : $"{result.MetricId}: {(result.Written ? "written" : "unchanged")}");
        }

        var failed = results.Count(r => r.Failure is not null);
        console.WriteLine($"{Counted.Of(results.Count, "metric")} pulled, {Counted.Of(failed, "failure")}.");
        return failed == 0 ? CliApp.Success : CliApp.ContentErrors;
    }

    /// <summary>The client of a source whose keys are set, else null (its metrics are then reported as not configured).</summary>
    private IMetricSourceClient? Client(MetricSource source, MetricsPullSettings settings)
    {
        if (source == MetricSource.Datadog)
        {
            var (apiKey, appKey) = (environment["DD_API_KEY"], environment["DD_APP_KEY"]);
            var site = environment["DD_SITE"] ?? "datadoghq.com";
            return apiKey is null || appKey is null
                ? null
                : new DatadogClient(Http, BaseUrl("--datadog-url", settings.DatadogUrl ?? $"https://api.{site}/"), apiKey, appKey);
        }

        var key = environment["NEW_RELIC_API_KEY"];
        var account = environment["NEW_RELIC_ACCOUNT_ID"];
        if (key is null || !long.TryParse(account, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
        {
            return null;
        }

        var eu = string.Equals(environment["NEW_RELIC_REGION"], "EU", StringComparison.OrdinalIgnoreCase);
        return new NewRelicClient(Http, BaseUrl("--newrelic-url", settings.NewRelicUrl ?? (eu ? "https://api.eu.newrelic.com/" : "https://api.newrelic.com/")), key, accountId);
    }

    private static Uri BaseUrl(string option, string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new UsageException($"{option} '{text}' is not an absolute web address; write one such as 'https://api.datadoghq.eu/'");
}
