using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations.GitHub;

/// <summary>A request the fake GitHub received: method, path, query, the Authorization header as sent, and the JSON body.</summary>
internal sealed record GitHubRequest(string Method, string Path, string Query, string? Authorization, JsonNode? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// The part of GitHub's REST API that the github commands use, on a loopback port (Kestrel), kept in memory:
/// issue comments (listed a few per page, with Link headers, as GitHub pages them) and issues. Every request is recorded.
/// <see cref="Failures"/> answers the next requests with a failure instead: "401", "403", "404", "500", "429:&lt;seconds&gt;"
/// (with Retry-After), "ratelimit" (403, or "ratelimit:429", with X-RateLimit-Remaining: 0 and no Retry-After), "hang" (never answers), "echo" (401 whose message
/// quotes the Authorization header, as a careless proxy might), "garbage" (200 that is not JSON, quoting the header too); "ok" answers as GitHub would.
/// <see cref="AlwaysFail"/> answers every request so.
/// </summary>
internal sealed partial class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private long _nextId = 1000;

    public FakeGitHubServer(string repository = "acme/status", int pageSize = 2)
    {
        Repository = repository;
        PageSize = pageSize;
        (_app, Base) = LoopbackServer.Start(Answer);
    }

    public Uri Base { get; }

    public string Repository { get; }

    public int PageSize { get; }

    public ConcurrentQueue<GitHubRequest> Requests { get; } = new();

    /// <summary>Comments by issue number; each a JSON object as GitHub returns it.</summary>
    public Dictionary<int, List<JsonObject>> Comments { get; } = [];

    public List<JsonObject> Issues { get; } = [];

    public ConcurrentQueue<string> Failures { get; } = new();

    public string? AlwaysFail { get; set; }

    /// <summary>Requests other than the listing GETs: what the commands changed.</summary>
    public List<GitHubRequest> Writes => [.. Requests.Where(r => r.Method != "GET")];

    public JsonObject AddComment(int issue, string body, string login = "someone")
    {
        lock (_lock)
        {
            var id = _nextId++;
            var comment = new JsonObject
            {
                ["id"] = id,
                ["body"] = body,
                ["html_url"] = $"https://github.example/{Repository}/pull/{issue}#issuecomment-{id}",
                ["user"] = new JsonObject { ["login"] = login, ["id"] = 1, ["type"] = "User" },
            };
            (Comments.TryGetValue(issue, out var list) ? list : Comments[issue] = []).Add(comment);
            return comment;
        }
    }

    public JsonObject AddIssue(string title, string body, bool pullRequest = false, string state = "open")
    {
        lock (_lock)
        {
            var number = Issues.Count + 1;
            var issue = new JsonObject
            {
                ["id"] = _nextId++,
                ["number"] = number,
                ["title"] = title,
                ["body"] = body,
                ["state"] = state,
                ["html_url"] = $"https://github.example/{Repository}/issues/{number}",
                ["labels"] = new JsonArray(),
                ["assignees"] = new JsonArray(),
                ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["id"] = 2, ["type"] = "Bot" },
            };
            if (pullRequest)
            {
                issue["pull_request"] = new JsonObject { ["url"] = $"https://github.example/{Repository}/pull/{number}" };
            }

            Issues.Add(issue);
            return issue;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task Answer(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var request = new GitHubRequest(context.Request.Method, context.Request.Path.Value!, context.Request.QueryString.Value ?? "",
            context.Request.Headers.Authorization.FirstOrDefault(), text.Length == 0 ? null : JsonNode.Parse(text));
        Requests.Enqueue(request);
        if ((Failures.TryDequeue(out var failure) ? failure : AlwaysFail) is { } fail && fail != "ok")
        {
            await Fail(context, fail, request);
            return;
        }

        // GitHub Enterprise serves the same API under /api/v3.
        var prefix = "/repos/" + Repository + "/";
        var full = request.Path.StartsWith("/api/v3/", StringComparison.Ordinal) ? request.Path["/api/v3".Length..] : request.Path;
        var path = full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : null;
        JsonNode? answer;
        var status = 200;
        lock (_lock)
        {
            (status, answer) = (request.Method, path) switch
            {
                ("GET", { } p) when CommentsOf().Match(p) is { Success: true } m => Page(context, Comments.GetValueOrDefault(Number(m)) ?? []),
                ("POST", { } p) when CommentsOf().Match(p) is { Success: true } m => (201, AddComment(Number(m), (string)request.Body!["body"]!, "github-actions[bot]")),
                ("PATCH", { } p) when Comment().Match(p) is { Success: true } m => Edit(Comments.Values.SelectMany(c => c).FirstOrDefault(c => (long)c["id"]! == long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)), request.Body!),
                ("GET", "issues") => Page(context, [.. Issues.Where(i => context.Request.Query["state"] is var state && ((string?)state ?? "open") is var s && (s == "all" || (string)i["state"]! == s))]),
                ("POST", "issues") => (201, Created(request.Body!)),
                ("PATCH", { } p) when Issue().Match(p) is { Success: true } m => Edit(Issues.FirstOrDefault(i => (int)i["number"]! == Number(m)), request.Body!),
                _ => (404, new JsonObject { ["message"] = "Not Found" }),
            };
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer!.ToJsonString());
    }

    private JsonObject Created(JsonNode body)
    {
        var issue = AddIssue((string)body["title"]!, (string?)body["body"] ?? "");
        issue["labels"] = new JsonArray([.. (body["labels"]?.AsArray() ?? []).Select(l => (JsonNode)new JsonObject { ["name"] = (string)l! })]);
        issue["assignees"] = new JsonArray([.. (body["assignees"]?.AsArray() ?? []).Select(a => (JsonNode)new JsonObject { ["login"] = (string)a! })]);
        return issue;
    }

    private static (int, JsonNode) Edit(JsonObject? target, JsonNode body)
    {
        if (target is null)
        {
            return (404, new JsonObject { ["message"] = "Not Found" });
        }

        foreach (var (key, value) in body.AsObject())
        {
            target[key] = value?.DeepClone();
        }

        return (200, target);
    }

    /// <summary>One page of <paramref name="items"/>, with a Link header to the next as GitHub sends it.</summary>
    private (int, JsonNode) Page(HttpContext context, List<JsonObject> items)
    {
        var page = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        if (page * PageSize < items.Count)
        {
            var query = System.Web.HttpUtility.ParseQueryString(context.Request.QueryString.Value ?? "");
            query["page"] = (page + 1).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Link"] = $"<{new Uri(Base, context.Request.Path.Value!.TrimStart('/'))}?{query}>; rel=\"next\"";
        }

        return (200, new JsonArray([.. items.Skip((page - 1) * PageSize).Take(PageSize).Select(i => (JsonNode)i.DeepClone())]));
    }

    private static async Task Fail(HttpContext context, string fail, GitHubRequest request)
    {
        var parts = fail.Split(':');
        JsonObject body = new() { ["message"] = "failure" };
        switch (parts[0])
        {
            case "hang":
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            case "ratelimit":
                context.Response.StatusCode = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 403;
                context.Response.Headers["X-RateLimit-Limit"] = "1000";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = "1795000000";
                body["message"] = "API rate limit exceeded for installation ID 1.";
                break;
            case "echo":
                context.Response.StatusCode = 401;
                body["message"] = "Bad credentials: " + request.Authorization;
                break;
            case "garbage":
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("[{\"id\": \"" + request.Authorization + "\"");
                return;
            default:
                context.Response.StatusCode = int.Parse(parts[0], CultureInfo.InvariantCulture);
                body["message"] = context.Response.StatusCode switch { 401 => "Bad credentials", 403 => "Resource not accessible by integration", 404 => "Not Found", _ => "Server Error" };
                if (parts.Length > 1)
                {
                    context.Response.Headers.RetryAfter = parts[1];
                }

                break;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static int Number(Match match) => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^issues/(\d+)/comments$")]
    private static partial Regex CommentsOf();

    [GeneratedRegex(@"^issues/comments/(\d+)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^issues/(\d+)$")]
    private static partial Regex Issue();
}
