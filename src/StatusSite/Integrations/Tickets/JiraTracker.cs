using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly.Timeout;
using StatusSite.Model;

namespace StatusSite.Integrations.Tickets;

/// <summary>Where and as whom Jira Cloud is called: JIRA_BASE_URL, JIRA_USER_EMAIL and JIRA_API_TOKEN (HTTP basic auth).</summary>
public sealed record JiraAccess(Uri BaseUrl, string Email, string Token)
{
    // The token is left out of the record's text, so no message or log line that prints it can hold it.
    public override string ToString() => $"Jira at {BaseUrl} as {Email}";
}

/// <summary>
/// Jira Cloud's REST API v3 with plain <see cref="HttpClient"/>: issues are created with an ADF description, and an
/// action item's issue is found again by its label (<see cref="ActionItemTicket.JiraLabel"/>) through <c>/search/jql</c>.
/// </summary>
public sealed class JiraTracker : ITicketTracker, IDisposable
{
    /// <summary>At most this many pages of search results are read: a search for known labels never needs more.</summary>
    private const int MaxPages = 20;

    private readonly TicketSettings _settings;
    private readonly HttpClient _http;

    public JiraTracker(JiraAccess access, TicketSettings settings, HttpMessageHandler handler)
    {
        _settings = settings;
        _http = new HttpClient(handler) { BaseAddress = new Uri(access.BaseUrl.AbsoluteUri.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(access.Email + ":" + access.Token)));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("StatusSite", "1"));
    }

    public string Name => "Jira";

    public async Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyList<ActionItemTicket> tickets, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var byLabel = tickets.ToDictionary(t => t.JiraLabel, StringComparer.Ordinal);
        foreach (var chunk in tickets.Chunk(50))
        {
            var jql = $"project = \"{_settings.Project}\" AND labels in ({string.Join(", ", chunk.Select(t => "\"" + t.JiraLabel + "\""))}) ORDER BY key ASC";
            string? next = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var body = new JsonObject { ["jql"] = jql, ["fields"] = new JsonArray("labels"), ["maxResults"] = 100 };
                if (next is not null)
                {
                    body["nextPageToken"] = next;
                }

                var answer = await SendAsync(HttpMethod.Post, "rest/api/3/search/jql", body, cancellationToken).ConfigureAwait(false);
                foreach (var issue in answer["issues"]?.AsArray() ?? [])
                {
                    var key = issue?["key"]?.GetValue<string>();
                    foreach (var label in issue?["fields"]?["labels"]?.AsArray() ?? [])
                    {
                        if (key is not null && label?.GetValue<string>() is { } name && byLabel.TryGetValue(name, out var ticket))
                        {
                            found.TryAdd(ticket.Key, key);
                        }
                    }
                }

                next = answer["nextPageToken"]?.GetValue<string>();
                if (answer["isLast"]?.GetValue<bool>() != false || next is null)
                {
                    break;
                }
            }
        }

        return found;
    }

    public async Task<string> CreateAsync(ActionItemTicket ticket, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, "rest/api/3/issue", Body(ticket, _settings), cancellationToken).ConfigureAwait(false);
        return answer["key"]?.GetValue<string>() is { } key && Reading.PostmortemReader.JiraKey().IsMatch(key)
            ? key
            : throw new TrackerException("Jira created the issue but its answer names no issue key");
    }

    public async Task<string?> StateAsync(ActionItem item, CancellationToken cancellationToken)
    {
        if (item.IssueKey is not { } key)
        {
            return null;
        }

        var answer = await SendAsync(HttpMethod.Get, $"rest/api/3/issue/{Uri.EscapeDataString(key)}?fields=status", null, cancellationToken).ConfigureAwait(false);
        return answer["fields"]?["status"]?["statusCategory"]?["key"]?.GetValue<string>() is { } category && category is "new" or "indeterminate" or "done"
            ? category
            : throw new TrackerException($"Jira's answer for {key} has no known status category");
    }

    /// <summary>The body of <c>POST /rest/api/3/issue</c>: project, issue type, summary, labels, and the description in ADF.</summary>
    public static JsonObject Body(ActionItemTicket ticket, TicketSettings settings)
    {
        static JsonObject Text(string text, JsonArray? marks = null) =>
            marks is null ? new() { ["type"] = "text", ["text"] = text } : new() { ["type"] = "text", ["text"] = text, ["marks"] = marks };
        static JsonObject Paragraph(params JsonObject[] content) => new() { ["type"] = "paragraph", ["content"] = new JsonArray(content) };

        var facts = new JsonArray([.. ticket.Facts.Select(f => (JsonNode)new JsonObject
        {
            ["type"] = "listItem",
            ["content"] = new JsonArray(Paragraph(Text(f.Name + ": ", new JsonArray(new JsonObject { ["type"] = "strong" })), Text(f.Value))),
        })]);
        return new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["project"] = new JsonObject { ["key"] = settings.Project },
                ["issuetype"] = new JsonObject { ["name"] = settings.IssueType },
                ["summary"] = ticket.Item.Title,
                ["labels"] = new JsonArray([.. ActionItemTicket.Labels.Append(ticket.JiraLabel).Select(l => (JsonNode)l)]),
                ["description"] = new JsonObject
                {
                    ["type"] = "doc",
                    ["version"] = 1,
                    ["content"] = new JsonArray(
                        Paragraph(
                            Text("Action item of the postmortem "),
                            Text(ticket.Postmortem.Title, new JsonArray(new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = ticket.Page.AbsoluteUri } })),
                            Text(".")),
                        new JsonObject { ["type"] = "bulletList", ["content"] = facts },
                        Paragraph(Text("Filed by statussite tickets sync (" + ticket.Key + ")."))),
                },
            },
        };
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new TrackerException("Jira did not answer in time");
        }
        catch (HttpRequestException e)
        {
            // The message may name the host; the kind of failure says enough.
            throw new TrackerException($"the request to Jira failed ({e.HttpRequestError})");
        }

        using (response)
        {
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) ?? new JsonObject();
                }
                catch (System.Text.Json.JsonException)
                {
                    throw new TrackerException($"Jira answered HTTP {code} with a body that is not JSON; check JIRA_BASE_URL names your Jira site");
                }
            }

            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new TrackerException("Jira refused the credentials (HTTP 401); check JIRA_USER_EMAIL and JIRA_API_TOKEN"),
                HttpStatusCode.TooManyRequests => new TrackerException("Jira's rate limit is reached (HTTP 429); wait before running again", rateLimited: true),
                HttpStatusCode.Forbidden when response.Headers.Contains("X-RateLimit-Remaining") || response.Headers.RetryAfter is not null => new TrackerException("Jira's rate limit is reached (HTTP 403)", rateLimited: true),
                HttpStatusCode.Forbidden => new TrackerException("Jira answered 403: the account may not create or browse issues in this project"),
                HttpStatusCode.NotFound => new TrackerException($"Jira answered 404: the project '{_settings.Project}' or the issue does not exist, or the account may not see it"),
                HttpStatusCode.BadRequest => new TrackerException("Jira refused the request (HTTP 400): " + await ErrorsOf(response, cancellationToken).ConfigureAwait(false)),
                _ => new TrackerException($"Jira answered HTTP {code}"),
            };
        }
    }

    /// <summary>Jira's ErrorCollection in one line (what it says of the fields, such as a missing issue type).</summary>
    private static async Task<string> ErrorsOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var messages = (errors?["errorMessages"]?.AsArray() ?? []).Select(m => m?.ToString())
                .Concat((errors?["errors"]?.AsObject() ?? []).Select(p => $"{p.Key}: {p.Value}"));
            return string.Join("; ", messages.Where(m => !string.IsNullOrEmpty(m)).Take(5));
        }
        catch (System.Text.Json.JsonException)
        {
            return "no details";
        }
    }

    public void Dispose() => _http.Dispose();
}
