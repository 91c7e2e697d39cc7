using System.Diagnostics;
using System.Text.Json.Nodes;
using StatusSite.Core;
using StatusSite.Integrations;
using StatusSite.Model;
using StatusSite.Presentation;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations;

public sealed class NotifyTests
{
    private const string Now = "2026-11-26T23:00:00Z";
    private const string Secret = "T000SECRET/B000SECRET/xoxsecret0123456789";

    private const string Declared = """
        ---
        title: Elevated API error rates
        severity: SEV2
        components:
          api: partial_outage
        started: 2026-11-26T20:58:00Z
        internal:
          ticket: INC-SECRET-074
        ---

        ## 2026-11-26 21:08 UTC — Investigating

        We are investigating elevated error rates on the Public API.
        """;

    private const string Resolved = """
        ---
        title: Elevated API error rates
        severity: SEV2
        components:
          api: partial_outage
        started: 2026-11-26T20:58:00Z
        internal:
          ticket: INC-SECRET-074
        ---

        ## 2026-11-26 22:30 UTC — Resolved
        Components: api=operational

        Error rates have been normal for an hour.

        ## 2026-11-26 21:08 UTC — Investigating

        We are investigating elevated error rates on the Public API.
        """;

    private const string IncidentPath = "incidents/2026/2026-11-26-api-errors.md";

    private static RetryPolicy Fast => new(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    private static SiteView View(TestSite site)
    {
        var (model, bag) = SiteBuilder.Analyze(site.Input, TestSite.Parse(Now));
        Assert.True(model is not null, string.Join("\n", bag.Sorted()));
        return new SiteView(model, SiteBuilder.Strings(site.Input, TestSite.ThemeDir, model, bag)!);
    }

    private static (SiteView View, IReadOnlyList<Notice> Notices) Resolution()
    {
        var before = View(TestSite.Create().Write(IncidentPath, Declared));
        var after = View(TestSite.Create().Write(IncidentPath, Resolved));
        return (after, Notices.Between(before.Site, after));
    }

    [Fact]
    public void Only_updates_absent_at_the_base_are_news_and_a_resolution_is_worded_as_one()
    {
        var (view, notices) = Resolution();

        var notice = Assert.Single(notices);
        Assert.Equal(NoticeKind.Resolution, notice.Kind);
        Assert.Equal(view.Name(IncidentStatus.Resolved), notice.Status);
        Assert.Equal("https://status.acme.example/incidents/2026-11-26-api-errors/#2026-11-26-api-errors-20261126T223000Z", notice.Url);
        Assert.Contains(notice.Facts, f => f.Label == view.T["incident.duration"]);
    }

    [Fact]
    public void Without_content_at_the_base_the_first_update_is_a_declaration_with_severity_and_components()
    {
        var view = View(TestSite.Create().Write(IncidentPath, Declared));

        var notice = Assert.Single(Notices.Between(null, view));
        Assert.Equal(NoticeKind.Declaration, notice.Kind);
        Assert.Equal([view.T["incident.severity"], "Public API"], notice.Facts.Select(f => f.Label));
        Assert.Equal(view.Name(ComponentStatus.PartialOutage), notice.Facts[1].Value);
    }

    [Fact]
    public void A_maintenance_announcement_is_a_declaration_sent_as_Statuspages_scheduled_maintenance()
    {
        var view = View(TestSite.Create().Write("maintenance/2026/2026-12-09-api-upgrade.md", """
            ---
            title: API upgrade
            components:
              api: under_maintenance
            scheduled_for: 2026-12-09T02:00:00Z
            scheduled_until: 2026-12-09T04:00:00Z
            ---

            We upgrade the API servers.

            ## 2026-11-25 10:00 UTC — Scheduled
            The upgrade is scheduled.
            """));

        var notice = Assert.Single(Notices.Between(null, view));
        var body = Assert.Single(Payloads.Statuspage(notice, view, TestSite.Parse(Now)));

        Assert.Equal(NoticeKind.Declaration, notice.Kind);
        Assert.Equal(view.Name(MaintenanceStatus.Scheduled), notice.Status);
        Assert.Contains(notice.Facts, f => f.Label == "Public API" && f.Value == view.Name(ComponentStatus.UnderMaintenance));
        Assert.Equal("scheduled", (string?)body["incident"]!["status"]);
        Assert.Equal("2026-12-09T02:00:00Z", (string?)body["incident"]!["scheduled_for"]);
        // Announced, not yet started: the component is still operational (the fact above says what the window will do).
        Assert.Equal("operational", (string?)body["incident"]!["components"]![0]!["status"]);
    }

    [Fact]
    public void A_maintenance_window_that_starts_or_completes_sends_a_component_update_for_each_of_its_components()
    {
        var view = View(TestSite.Create().Write("maintenance/2026/2026-11-26-api-upgrade.md", """
            ---
            title: API upgrade
            components:
              webhooks: degraded_performance
              api: under_maintenance
            scheduled_for: 2026-11-26T21:00:00Z
            scheduled_until: 2026-11-26T23:30:00Z
            ---

            We upgrade the API servers.

            ## 2026-11-26 22:00 UTC — Completed
            The upgrade is done.

            ## 2026-11-26 21:30 UTC — Verifying
            We are checking the new servers.

            ## 2026-11-26 21:00 UTC — In progress
            The upgrade has started.

            ## 2026-11-25 10:00 UTC — Scheduled
            The upgrade is scheduled.
            """));
        var notices = Notices.Between(null, view);
        var bodies = notices.Select(n => Payloads.Statuspage(n, view, TestSite.Parse(Now))).ToList();

        // Announced and verifying: the window's message only; starting and completing move its components, in the site's order.
        Assert.Equal([1, 3, 1, 3], bodies.Select(b => b.Count));
        string[] Changes(IReadOnlyList<JsonObject> messages) =>
            [.. messages.Skip(1).Select(b => $"{b["component_update"]!["component_id"]}: {b["component_update"]!["old_status"]} -> {b["component_update"]!["new_status"]}")];
        Assert.Equal(["api: operational -> under_maintenance", "webhooks: operational -> degraded_performance"], Changes(bodies[1]));
        Assert.Equal(["api: under_maintenance -> operational", "webhooks: degraded_performance -> operational"], Changes(bodies[3]));
        // The window's own message shows each component as the step leaves it, as the component updates do.
        Assert.Equal([["operational", "operational"], ["under_maintenance", "degraded_performance"], ["under_maintenance", "degraded_performance"], ["operational", "operational"]],
            bodies.Select(b => b[0]["incident"]!["components"]!.AsArray().Select(c => (string?)c!["status"]).ToArray()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "meta": {
                "unsubscribe": "https://status.acme.example/",
                "documentation": "https://status.acme.example/",
                "generated_at": "2026-11-26T23:00:00Z"
              },
              "page": { "id": "status.acme.example", "status_indicator": "none", "status_description": "All Systems Operational" },
              "component_update": {
                "id": "2026-11-26-api-upgrade-20261126T210000Z-api",
                "component_id": "api",
                "component_type": "Component",
                "old_status": "operational",
                "new_status": "under_maintenance",
                "created_at": "2026-11-26T21:00:00Z"
              },
              "component": {
                "id": "api",
                "page_id": "status.acme.example",
                "group_id": "Core platform",
                "name": "Public API",
                "description": "REST and GraphQL endpoints",
                "status": "under_maintenance",
                "position": 1,
                "showcase": true,
                "created_at": null,
                "updated_at": "2026-11-26T21:00:00Z"
              }
            }
            """), bodies[1][1]), bodies[1][1].ToJsonString());
    }

    [Fact]
    public void The_Slack_message_keeps_Block_Kits_limits_and_always_sends_the_fallback_text()
    {
        var view = View(TestSite.Create().Write(IncidentPath, Declared
            .Replace("title: Elevated API error rates", "title: " + new string('T', 200))
            .Replace("We are investigating", new string('b', 5000))));
        var body = Payloads.Slack(Assert.Single(Notices.Between(null, view)));

        Assert.False(string.IsNullOrWhiteSpace((string?)body["text"]));
        var blocks = body["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        Assert.InRange(((string)blocks[0]!["text"]!["text"]!).Length, 1, Payloads.SlackHeaderMax);
        Assert.InRange(((string)blocks[1]!["text"]!["text"]!).Length, 1, Payloads.SlackSectionMax);
        Assert.All(blocks[1]!["fields"]!.AsArray(), f => Assert.InRange(((string)f!["text"]!).Length, 1, Payloads.SlackFieldMax));
    }

    [Fact]
    public void The_Teams_message_is_an_Adaptive_Card_1_5_in_the_workflows_envelope()
    {
        var (_, notices) = Resolution();
        var body = Payloads.Teams(notices[0]);

        Assert.Equal("message", (string?)body["type"]);
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.True(attachment.AsObject().ContainsKey("contentUrl"));
        Assert.Equal("AdaptiveCard", (string?)attachment["content"]!["type"]);
        Assert.Equal("1.5", (string?)attachment["content"]!["version"]);
        Assert.Equal("Action.OpenUrl", (string?)attachment["content"]!["actions"]![0]!["type"]);
    }

    [Fact]
    public void The_generic_payloads_have_Statuspages_keys_and_enums()
    {
        var (view, notices) = Resolution();
        var bodies = Payloads.Statuspage(notices[0], view, TestSite.Parse(Now));

        Assert.Equal(2, bodies.Count);
        var incident = bodies[0]["incident"]!;
        Assert.Equal(["meta", "page", "incident"], bodies[0].Select(p => p.Key));
        Assert.Equal("resolved", (string?)incident["status"]);
        Assert.Equal("major", (string?)incident["impact"]);
        Assert.Equal("2026-11-26T22:30:00Z", (string?)incident["resolved_at"]);
        Assert.Equal(["resolved", "investigating"], incident["incident_updates"]!.AsArray().Select(u => (string?)u!["status"]));
        var affected = incident["incident_updates"]![0]!["affected_components"]![0]!;
        Assert.Equal(("api", "partial_outage", "operational"), ((string?)affected["code"], (string?)affected["old_status"], (string?)affected["new_status"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "meta": {
                "unsubscribe": "https://status.acme.example/",
                "documentation": "https://status.acme.example/",
                "generated_at": "2026-11-26T23:00:00Z"
              },
              "page": { "id": "status.acme.example", "status_indicator": "none", "status_description": "All Systems Operational" },
              "component_update": {
                "id": "2026-11-26-api-errors-20261126T223000Z-api",
                "component_id": "api",
                "component_type": "Component",
                "old_status": "partial_outage",
                "new_status": "operational",
                "created_at": "2026-11-26T22:30:00Z"
              },
              "component": {
                "id": "api",
                "page_id": "status.acme.example",
                "group_id": "Core platform",
                "name": "Public API",
                "description": "REST and GraphQL endpoints",
                "status": "operational",
                "position": 1,
                "showcase": true,
                "created_at": null,
                "updated_at": "2026-11-26T22:30:00Z"
              }
            }
            """), bodies[1]), bodies[1].ToJsonString());
        Assert.DoesNotContain("INC-SECRET", string.Concat(bodies.Select(b => b.ToJsonString())));
    }

    [Fact]
    public async Task Each_target_receives_exactly_its_requests()
    {
        var (view, notices) = Resolution();
        await using var server = new FakeWebhookServer();
        using var http = new HttpClient();
        var reports = await new WebhookSender(http, Fast).SendAsync(
            [new("Slack", server.Url("/slack"), n => [Payloads.Slack(n)]), new("webhook 1", server.Url("/hook"), n => Payloads.Statuspage(n, view, TestSite.Parse(Now)))],
            notices);

        Assert.All(reports, r => Assert.True(r.Succeeded, r.Failure));
        var slack = Assert.Single(server.At("/slack"));
        Assert.Equal("POST", slack.Method);
        Assert.Equal("application/json; charset=utf-8", slack.ContentType);
        Assert.StartsWith("StatusSite/", slack.UserAgent);
        Assert.Equal(Payloads.Slack(notices[0]).ToJsonString(), slack.Body!.ToJsonString());
        Assert.Equal(["incident", "component_update"], server.At("/hook").Select(r => r.Body!.AsObject().ElementAt(2).Key));
    }

    [Theory]
    [InlineData("401")]
    [InlineData("403")]
    [InlineData("404")]
    public async Task A_client_error_is_reported_at_once_and_never_stops_another_target(string status)
    {
        var (_, notices) = Resolution();
        await using var server = new FakeWebhookServer();
        using var http = new HttpClient();
        var reports = await new WebhookSender(http, Fast).SendAsync(
            [new("Slack", server.Url("/" + Secret, status), n => [Payloads.Slack(n)]), new("Teams", server.Url("/teams"), n => [Payloads.Teams(n)])],
            notices);

        Assert.Single(server.At("/" + Secret));
        Assert.Equal($"HTTP {status}", reports[0].Failure!.Split(' ')[0] + " " + reports[0].Failure!.Split(' ')[1]);
        Assert.DoesNotContain("SECRET", reports[0].Failure!);
        Assert.True(reports[1].Succeeded);
        Assert.Single(server.At("/teams"));
    }

    [Fact]
    public async Task A_429_waits_as_Retry_After_says_and_a_500_backs_off_then_both_succeed()
    {
        var (_, notices) = Resolution();
        await using var server = new FakeWebhookServer();
        using var http = new HttpClient();
        var reports = await new WebhookSender(http, Fast).SendAsync(
            [new("Slack", server.Url("/slack", "429:1", "200"), n => [Payloads.Slack(n)]), new("Teams", server.Url("/teams", "500", "503", "200"), n => [Payloads.Teams(n)])],
            notices);

        Assert.All(reports, r => Assert.True(r.Succeeded, r.Failure));
        var slack = server.At("/slack");
        Assert.Equal(2, slack.Count);
        Assert.True(slack[1].At - slack[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {slack[1].At - slack[0].At}");
        Assert.Equal(3, server.At("/teams").Count);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_or_never_answers_is_given_up_in_bounded_time()
    {
        var (_, notices) = Resolution();
        await using var server = new FakeWebhookServer();
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var reports = await new WebhookSender(http, Fast).SendAsync(
            [new("Slack", server.Url("/slow", "0"), n => [Payloads.Slack(n)]), new("Teams", server.Url("/down", "500"), n => [Payloads.Teams(n)]),
             new("webhook 1", server.Url("/late", "429:3600"), n => [Payloads.Teams(n)])],
            notices);

        Assert.StartsWith("no answer within 1 s", reports[0].Failure);
        // At most the first attempt and three retries: an attempt on a connection the server or the timeout closed may fail
        // before the server records it, and is retried like any other failure.
        Assert.InRange(server.At("/slow").Count, 1, 4);
        Assert.StartsWith("HTTP 500", reports[1].Failure);
        Assert.InRange(server.At("/down").Count, 2, 4);
        // A Retry-After longer than the policy allows gives the target up instead of holding the run.
        Assert.StartsWith("HTTP 429", reports[2].Failure);
        Assert.InRange(server.At("/late").Count, 1, 2);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }
}
