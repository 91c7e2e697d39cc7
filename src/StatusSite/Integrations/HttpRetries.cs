using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StatusSite.Integrations;

/// <summary>How hard an outside service is tried: retries with exponential backoff on 429 and 5xx, each attempt bounded.</summary>
/// <param name="MaxRetryAfter">The longest <c>Retry-After</c> honoured; a longer wait gives the target up, so a run stays bounded.</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan FirstDelay, TimeSpan AttemptTimeout, TimeSpan MaxRetryAfter)
{
    public static readonly RetryPolicy Default = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
}

/// <summary>What every outside service's answer means for a retry: the same rules for webhooks, metric sources and GitHub.</summary>
internal static class HttpRetries
{
    /// <summary>A rate limit (429) or a server error (5xx): worth another try; any other refusal is not.</summary>
    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    /// <summary>How long the answer's <c>Retry-After</c> (seconds or a date) asks to wait, never less than nothing; null without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) =>
        response.Headers.RetryAfter is not { } after ? null
        : after.Delta ?? (after.Date is { } date ? TimeSpan.FromTicks(Math.Max((date - time.GetUtcNow()).Ticks, 0)) : null);

    /// <summary>
    /// Whether the answer says the caller's quota is used up (<c>X-RateLimit-Remaining: 0</c>) without saying when to come
    /// back: it lasts until the quota resets, often an hour, so trying again sooner only spends more of the next one.
    /// </summary>
    public static bool QuotaSpent(HttpResponseMessage response) =>
        response.Headers.RetryAfter is null
        && response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault()?.Trim() == "0";

    /// <summary>The one retry pipeline of every outside call: exponential backoff on 429 and 5xx, Retry-After honoured up to the policy's bound, each attempt timed out.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(RetryPolicy policy, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };

        // No retries (the build's bounded reading of ticket states) is the timeout alone: Polly's retry needs at least one.
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.MaxRetries,
                Delay = policy.FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result: { } response } => Retryable(response, policy, time),
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    _ => false,
                }),
                // Retry-After (seconds or a date) wins over the backoff; a 429 without it backs off.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(policy.AttemptTimeout).Build();
    }

    private static bool Retryable(HttpResponseMessage response, RetryPolicy policy, TimeProvider time) =>
        IsTransient(response) && !QuotaSpent(response) && !(RetryAfter(response, time) > policy.MaxRetryAfter);
}

/// <summary>
/// The same pipeline as a handler, for clients that build their own requests (Octokit, the Jira client): each request
/// is sent again as it is, so its content must be readable more than once, as string and byte-array content are.
/// </summary>
public sealed class RetryingHandler(RetryPolicy policy, TimeProvider? time = null, HttpMessageHandler? inner = null) : DelegatingHandler(inner ?? new SocketsHttpHandler())
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = HttpRetries.Pipeline(policy, time ?? TimeProvider.System);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async token => await base.SendAsync(request, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
