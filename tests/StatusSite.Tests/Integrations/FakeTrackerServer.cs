using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations;

/// <summary>A request a fake tracker received, with its headers.</summary>
internal sealed record TrackerRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    public string Route => Method + " " + Path;
}

/// <summary>An answer: status, JSON body, headers; <see cref="Never"/> keeps the connection open without answering.</summary>
internal sealed record TrackerAnswer(int Status, JsonNode? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static readonly TrackerAnswer Never = new(0);
}

/// <summary>
/// A GitHub or Jira stand-in on a loopback port (Kestrel): records every request and answers each route
/// ("POST /repos/acme/status/issues") through the test's handler; unknown routes answer 404.
/// </summary>
internal sealed class FakeTrackerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<TrackerRequest, TrackerAnswer>> _routes = new();

    public FakeTrackerServer()
    {
        (_app, Base) = LoopbackServer.Start(Answer);
    }

    public Uri Base { get; }

    public ConcurrentQueue<TrackerRequest> Requests { get; } = new();

    public List<TrackerRequest> To(string route) => [.. Requests.Where(r => r.Route == route)];

    public FakeTrackerServer On(string route, Func<TrackerRequest, TrackerAnswer> answer)
    {
        _routes[route] = answer;
        return this;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task Answer(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var request = new TrackerRequest(
            context.Request.Method, context.Request.Path.Value!, context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            text.Length == 0 ? null : JsonNode.Parse(text));
        Requests.Enqueue(request);
        var answer = _routes.TryGetValue(request.Route, out var handler) ? handler(request) : new TrackerAnswer(404, new JsonObject { ["message"] = "Not Found" });
        if (answer.Status == 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body?.ToJsonString() ?? "{}");
    }
}

/// <summary>GitHub's issues API for one repository, kept in memory: list (with the label filter), create, get.</summary>
internal sealed class FakeGitHub
{
    private readonly List<JsonObject> _issues = [];

    public FakeGitHub(FakeTrackerServer server, string repository = "acme/status")
    {
        var issues = $"/repos/{repository}/issues";
        server.On("GET " + issues, _ => new TrackerAnswer(200, new JsonArray([.. Snapshot()])));
        server.On("POST " + issues, request =>
        {
            lock (_issues)
            {
                var number = _issues.Count + 1;
                var labels = LabelsOnCreate ? new JsonArray([.. request.Body!["labels"]!.AsArray().Select(l => (JsonNode)new JsonObject { ["name"] = l!.ToString() })]) : [];
                var issue = new JsonObject
                {
                    ["number"] = number,
                    ["title"] = request.Body!["title"]!.ToString(),
                    ["body"] = request.Body!["body"]?.ToString(),
                    ["state"] = "open",
                    ["html_url"] = $"https://github.com/{repository}/issues/{number}",
                    ["labels"] = labels,
                };
                _issues.Add(issue);
                return new TrackerAnswer(201, issue.DeepClone());
            }
        });
    }

    /// <summary>Whether a new issue keeps its labels (GitHub drops them for a token that may not set them).</summary>
    public bool LabelsOnCreate { get; set; } = true;

    public IReadOnlyList<JsonObject> Issues => Snapshot();

    private List<JsonObject> Snapshot()
    {
        lock (_issues)
        {
            return [.. _issues.Select(i => (JsonObject)i.DeepClone())];
        }
    }
}
