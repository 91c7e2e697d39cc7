using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using Polly.Timeout;

namespace StatusSite.Integrations;

/// <summary>
/// One place notices go. <see cref="Name"/> is what messages call it ("Slack", "webhook 2"): the URL is a secret and is
/// never shown, logged or put into an exception message.
/// </summary>
public sealed record WebhookTarget(string Name, Uri Url, Func<Notice, IReadOnlyList<JsonObject>> Bodies);

/// <summary>What happened at one target: how many bodies it accepted, and why it stopped if it did.</summary>
public sealed record DeliveryReport(string Target, int Posted, int Total, string? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>Posts notices to targets with plain <see cref="HttpClient"/>, retrying through a Polly pipeline.</summary>
public sealed class WebhookSender(HttpClient http, RetryPolicy policy, TimeProvider? time = null)
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = HttpRetries.Pipeline(policy, time ?? TimeProvider.System);

    /// <summary>Posts every notice to every target; the targets run side by side, and one failing never stops another.</summary>
    public async Task<IReadOnlyList<DeliveryReport>> SendAsync(IReadOnlyList<WebhookTarget> targets, IReadOnlyList<Notice> notices, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(targets.Select(t => SendAsync(t, notices, cancellationToken)));

    private async Task<DeliveryReport> SendAsync(WebhookTarget target, IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        var bodies = notices.SelectMany(target.Bodies).ToList();
        var posted = 0;
        foreach (var body in bodies)
        {
            // The target stops at its first body that fails: later ones would meet the same answer, and posting them
            // out of order would tell the story wrongly.
            if (await PostAsync(target.Url, body.ToJsonString(), cancellationToken) is { } failure)
            {
                return new DeliveryReport(target.Name, posted, bodies.Count, failure);
            }

            posted++;
        }

        return new DeliveryReport(target.Name, posted, bodies.Count, null);
    }

    /// <summary>One body, retried as the policy says; null when accepted, else why not, in words that hold no part of the URL.</summary>
    private async Task<string?> PostAsync(Uri url, string json, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    request.Headers.UserAgent.Add(new ProductInfoHeaderValue("StatusSite", "1"));
                    return await http.SendAsync(request, token);
                },
                cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        }
        catch (TimeoutRejectedException)
        {
            return $"no answer within {policy.AttemptTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            // The message of an HttpRequestException may name the host; the error kind says enough.
            return $"the request failed ({e.HttpRequestError})";
        }
    }
}
