using System.Net;
using Octokit;
using Octokit.Internal;
using Polly.Timeout;

namespace StatusSite.Integrations.GitHub;

/// <summary>A repository on GitHub or GitHub Enterprise, as <c>GITHUB_REPOSITORY</c> names it (<c>owner/name</c>).</summary>
public sealed partial record GitHubRepository(string Owner, string Name)
{
    public override string ToString() => Owner + "/" + Name;

    /// <summary>Parses <c>owner/name</c> as GitHub spells repositories; null when it is not that.</summary>
    public static GitHubRepository? Parse(string text) =>
        OwnerAndName().Match(text.Trim()) is { Success: true } match ? new GitHubRepository(match.Groups[1].Value, match.Groups[2].Value) : null;

    [System.Text.RegularExpressions.GeneratedRegex("^([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)$")]
    private static partial System.Text.RegularExpressions.Regex OwnerAndName();
}

/// <summary>A GitHub call that failed, in words safe to print: which call, why, what to do; never the token.</summary>
public sealed class GitHubCallException(string message) : Exception(message);

/// <summary>
/// Octokit clients whose requests go through the shared retry pipeline (<see cref="RetryHandler"/>), and the one
/// translation of what can go wrong into a message that names the call and never holds the token.
/// </summary>
public static class GitHubApi
{
    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>
    /// The REST API's base address. Octokit resolves its relative routes ("repos/…") against it, so it must end in '/':
    /// without one, GitHub Enterprise's https://host/api/v3 would lose its 'v3'.
    /// </summary>
    public static Uri? ApiBase(string text) =>
        Uri.TryCreate(text.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    /// <summary>A client for <paramref name="apiBase"/> with the token, retries and per-attempt timeout of <paramref name="policy"/>.</summary>
    public static GitHubClient Client(Uri apiBase, string token, RetryPolicy policy, TimeProvider? time = null)
    {
        var client = Client(apiBase, token, new RetryingHandler(policy, time));
        // Every retry and its waits fit in this, so a call that cannot succeed ends on its own.
        client.SetRequestTimeout(Budget(policy));
        return client;
    }

    /// <summary>A client for <paramref name="apiBase"/> with the token, sending its requests through <paramref name="handler"/>.</summary>
    public static GitHubClient Client(Uri apiBase, string token, HttpMessageHandler handler) =>
        new(new Connection(
            new ProductHeaderValue("statussite"),
            apiBase,
            new InMemoryCredentialStore(new Credentials(token)),
            new HttpClientAdapter(() => handler),
            new SimpleJsonSerializer()));

    /// <summary>The longest one call may take: every attempt timing out, with the longest waits between them.</summary>
    public static TimeSpan Budget(RetryPolicy policy) =>
        policy.AttemptTimeout * (policy.MaxRetries + 1) + policy.MaxRetryAfter * policy.MaxRetries;

    /// <summary>
    /// Runs one call; any failure becomes a <see cref="GitHubCallException"/> that says which call failed (<paramref name="what"/>),
    /// what GitHub answered and what to do, with <paramref name="token"/> removed from anything the server sent back.
    /// </summary>
    /// <param name="permission">The permission the call needs, named in the advice on a 403.</param>
    public static async Task<T> Call<T>(string what, string token, string permission, RetryPolicy policy, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not GitHubCallException)
        {
            throw new GitHubCallException(Redact($"{what} failed: {Describe(e, permission, policy, token)}", token));
        }
    }

    private static string Describe(Exception e, string permission, RetryPolicy policy, string token) => e switch
    {
        ApiException api when RateLimitReset(api) is { } reset =>
            $"GitHub's rate limit for this token is used up until {Core.Timestamp.ToHeading(reset)} (HTTP {(int)api.StatusCode}); run again after that",
        AuthorizationException api => $"GitHub refused the token (HTTP {(int)api.StatusCode}{Said(api, token)}); check that GITHUB_TOKEN holds a valid token",
        ForbiddenException api => $"GitHub refused (HTTP {(int)api.StatusCode}{Said(api, token)}); the token needs '{permission}' on this repository (in a workflow: 'permissions: {permission}')",
        NotFoundException => "GitHub answered 404 Not Found; check GITHUB_REPOSITORY (owner/name) and the number, and that the token can see the repository",
        ApiException api => $"GitHub answered HTTP {(int)api.StatusCode}{Said(api, token)}" + (api.StatusCode is HttpStatusCode.TooManyRequests || (int)api.StatusCode >= 500 ? $" after {policy.MaxRetries + 1} tries" : ""),
        TimeoutRejectedException => $"no answer from GitHub within {policy.AttemptTimeout.TotalSeconds:0.#} s, {policy.MaxRetries + 1} times",
        TaskCanceledException or OperationCanceledException => $"no answer from GitHub within {Budget(policy).TotalSeconds:0} s",
        // The message of an HttpRequestException may name the host; the error kind says enough.
        HttpRequestException http => $"the request to GitHub failed ({http.HttpRequestError})",
        // An answer Octokit could not read: its type says what kind; its message might quote the answer.
        _ => $"GitHub's answer could not be read ({e.GetType().Name})",
    };

    /// <summary>When a spent quota resets: <c>X-RateLimit-Remaining: 0</c> with <c>X-RateLimit-Reset</c> (Unix seconds), on a 403 or 429.</summary>
    private static DateTimeOffset? RateLimitReset(ApiException e)
    {
        if (e.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests) || e.HttpResponse?.Headers is not { } headers)
        {
            return null;
        }

        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
        return Header("X-RateLimit-Remaining") == "0" && long.TryParse(Header("X-RateLimit-Reset"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds < Core.Timestamp.End.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>GitHub's own words ("Bad credentials"), one short line of them.</summary>
    /// <remarks>The token is taken out before the words are shortened, so no part of it can survive a cut.</remarks>
    private static string Said(ApiException e, string token) =>
        string.IsNullOrWhiteSpace(e.ApiError?.Message) ? "" : ": " + Core.MessageText.Excerpt(Redact(e.ApiError.Message, token).ReplaceLineEndings(" "));

    private static string Redact(string message, string token) =>
        token.Length == 0 ? message : message.Replace(token, "***", StringComparison.Ordinal);
}
