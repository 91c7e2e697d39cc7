using System.Net;

namespace StatusSite.Integrations;

/// <summary>What every outside service's answer means for a retry: the same rules for webhooks and metric sources.</summary>
internal static class HttpRetries
{
    /// <summary>A rate limit (429) or a server error (5xx): worth another try; any other refusal is not.</summary>
    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    /// <summary>How long the answer's <c>Retry-After</c> (seconds or a date) asks to wait, never less than nothing; null without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) =>
        response.Headers.RetryAfter is not { } after ? null
        : after.Delta ?? (after.Date is { } date ? TimeSpan.FromTicks(Math.Max((date - time.GetUtcNow()).Ticks, 0)) : null);
}
