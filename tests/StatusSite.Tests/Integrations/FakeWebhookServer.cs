using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations;

/// <summary>A request the fake server received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string? ContentType, string? UserAgent, JsonNode? Body, DateTimeOffset At);

/// <summary>
/// A webhook receiver on a loopback port (Kestrel): records every request and answers each path from a script of
/// status codes (the last one repeats); 0 never answers, "429:2" answers 429 with Retry-After: 2.
/// </summary>
internal sealed class FakeWebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Queue<string>> _scripts = new();

    public FakeWebhookServer()
    {
        (_app, Base) = LoopbackServer.Start(Answer);
    }

    public Uri Base { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public List<ReceivedRequest> At(string path) => [.. Requests.Where(r => r.Path == path)];

    /// <summary>The URL of <paramref name="path"/>, answered in turn with <paramref name="answers"/>.</summary>
    public Uri Url(string path, params string[] answers)
    {
        _scripts[path] = new Queue<string>(answers.Length == 0 ? ["200"] : answers);
        return new Uri(Base, path.TrimStart('/'));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task Answer(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Requests.Enqueue(new ReceivedRequest(
            context.Request.Method, context.Request.Path.Value!, context.Request.ContentType, context.Request.Headers.UserAgent.ToString(),
            text.Length == 0 ? null : JsonNode.Parse(text), DateTimeOffset.UtcNow));
        var script = _scripts.GetValueOrDefault(context.Request.Path.Value!) ?? new Queue<string>(["404"]);
        string answer;
        lock (script)
        {
            answer = script.Count > 1 ? script.Dequeue() : script.Peek();
        }

        var parts = answer.Split(':');
        var status = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        if (status == 0)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return;
        }

        context.Response.StatusCode = status;
        if (parts.Length > 1)
        {
            context.Response.Headers.RetryAfter = parts[1];
        }

        await context.Response.WriteAsync(status == 200 ? "ok" : "no");
    }
}
