using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using StatusSite.Model;

namespace StatusSite.Integrations.Metrics;

/// <summary>A source's refusal or failure, in words safe to print: never a key, never a response body.</summary>
/// <param name="Transient">A rate limit (429) or a server error (5xx): worth another try.</param>
/// <param name="RetryAfter">How long the source asked to wait before the next try, when it said.</param>
public sealed class MetricSourceException(string message, bool transient = false, TimeSpan? retryAfter = null) : Exception(message)
{
    public bool Transient { get; } = transient;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Fetches one window of a metric's series from its source; the caller splits long windows.</summary>
public interface IMetricSourceClient
{
    Task<IReadOnlyList<MetricPoint>> FetchAsync(MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken);
}

/// <summary>Datadog's v1 timeseries query: GET /api/v1/query with from and to in seconds, keys in headers.</summary>
public sealed class DatadogClient(HttpClient http, Uri baseUrl, string apiKey, string appKey) : IMetricSourceClient
{
    public async Task<IReadOnlyList<MetricPoint>> FetchAsync(MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"api/v1/query?from={from.ToUnixTimeSeconds()}&to={to.ToUnixTimeSeconds()}&query={Uri.EscapeDataString(metric.Query)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, query));
        request.Headers.Add("DD-API-KEY", apiKey);
        request.Headers.Add("DD-APPLICATION-KEY", appKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        MetricHttp.EnsureSuccess(response, "Datadog", "DD_API_KEY and DD_APP_KEY");
        var body = await response.Content.ReadFromJsonAsync(MetricSourceJson.Default.DatadogResponse, cancellationToken).ConfigureAwait(false);
        if (body is null || body.Status != "ok")
        {
            throw new MetricSourceException($"Datadog answered the query of '{metric.Id}' with status '{body?.Status}'{(string.IsNullOrEmpty(body?.Error) ? "" : ": " + body.Error)}");
        }

        // A query that names one series gets one; a grouped query's first series is the one shown.
        return [.. (body.Series?.FirstOrDefault()?.Pointlist ?? [])
            .Where(p => p.Count == 2 && p[0] is not null && p[1] is not null)
            .Select(p => MetricPoint.Rounded((long)(p[0]!.Value / 1000), p[1]!.Value))];
    }
}

/// <summary>New Relic's NerdGraph: POST /graphql with an NRQL query that ends in SINCE, UNTIL and TIMESERIES.</summary>
public sealed class NewRelicClient(HttpClient http, Uri baseUrl, string apiKey, long accountId) : IMetricSourceClient
{
    public async Task<IReadOnlyList<MetricPoint>> FetchAsync(MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var nrql = string.Create(CultureInfo.InvariantCulture, $"{metric.Query} SINCE {from.ToUnixTimeSeconds()} UNTIL {to.ToUnixTimeSeconds()} TIMESERIES {(int)step.TotalMinutes} minutes");
        var graphQl = "query($account: Int!, $nrql: Nrql!) { actor { account(id: $account) { nrql(query: $nrql, timeout: 30) { results } } } }";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "graphql"))
        {
            Content = JsonContent.Create(new NerdGraphRequest(graphQl, new NerdGraphVariables(accountId, nrql)), MetricSourceJson.Default.NerdGraphRequest),
        };
        request.Headers.Add("API-Key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        MetricHttp.EnsureSuccess(response, "New Relic", "NEW_RELIC_API_KEY");
        var body = await response.Content.ReadFromJsonAsync(MetricSourceJson.Default.NerdGraphResponse, cancellationToken).ConfigureAwait(false);
        if (body?.Errors is { Count: > 0 } errors)
        {
            throw new MetricSourceException($"New Relic refused the query of '{metric.Id}': {errors[0].Message}");
        }

        var results = body?.Data?.Actor?.Account?.Nrql?.Results
            ?? throw new MetricSourceException($"New Relic answered the query of '{metric.Id}' without results; check NEW_RELIC_ACCOUNT_ID");
        var points = new List<MetricPoint>();
        foreach (var row in results)
        {
            // Each row has its bucket's times and one value: the query's single function.
            var value = row.FirstOrDefault(p => p.Key is not ("beginTimeSeconds" or "endTimeSeconds") && p.Value.ValueKind == JsonValueKind.Number);
            if (row.TryGetValue("beginTimeSeconds", out var begin) && begin.ValueKind == JsonValueKind.Number && value.Key is not null)
            {
                points.Add(MetricPoint.Rounded(begin.GetInt64(), value.Value.GetDouble()));
            }
        }

        return points;
    }
}

internal static class MetricHttp
{
    public static void EnsureSuccess(HttpResponseMessage response, string source, string keys)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new MetricSourceException($"{source} refused the keys ({(int)response.StatusCode}); check {keys} and their permission to query metrics");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new MetricSourceException($"{source} answered {(int)response.StatusCode} {response.ReasonPhrase}", HttpRetries.IsTransient(response), HttpRetries.RetryAfter(response, TimeProvider.System));
        }
    }
}

internal sealed record DatadogResponse(string? Status, string? Error, IReadOnlyList<DatadogSeries>? Series);

internal sealed record DatadogSeries(IReadOnlyList<IReadOnlyList<double?>>? Pointlist);

internal sealed record NerdGraphRequest(string Query, NerdGraphVariables Variables);

internal sealed record NerdGraphVariables(long Account, string Nrql);

internal sealed record NerdGraphResponse(NerdGraphData? Data, IReadOnlyList<NerdGraphError>? Errors);

internal sealed record NerdGraphData(NerdGraphActor? Actor);

internal sealed record NerdGraphActor(NerdGraphAccount? Account);

internal sealed record NerdGraphAccount(NerdGraphNrql? Nrql);

internal sealed record NerdGraphNrql(IReadOnlyList<Dictionary<string, JsonElement>>? Results);

internal sealed record NerdGraphError(string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DatadogResponse))]
[JsonSerializable(typeof(NerdGraphRequest))]
[JsonSerializable(typeof(NerdGraphResponse))]
internal sealed partial class MetricSourceJson : JsonSerializerContext;
