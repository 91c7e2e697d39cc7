using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class PostmortemSiteTests
{
    private const string PostmortemPath = "postmortems/api-outage-review.md";

    private static TestSite SiteWithPostmortem(string? frontMatter = null, string? body = null)
    {
        var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        site.Write(PostmortemPath, Postmortems.File(
            frontMatter ?? Postmortems.FrontMatter(extra: "detected: 2026-11-20T10:05:00Z\nmitigated: 2026-11-20T10:45:00Z"),
            body ?? Postmortems.Body()));
        return site;
    }

    private static string Metric(AngleSharp.Html.Dom.IHtmlDocument page, string key) =>
        page.QuerySelector($"#metric-{key} .value")!.TextContent.Trim();

    [Fact]
    public async Task Impact_box_shows_the_author_s_label_and_keeps_acronyms_in_the_key()
    {
        using var site = SiteWithPostmortem(Postmortems.FrontMatter(extra: """
            impact:
              api_requests_failed: 4% for 90 minutes
              dns_p99_latency-ms: "850"
              webhooks_delayed: { label: "Webhooks sent late (over 5 min)", value: "12,400" }
              sla_credit:
                label: Customers owed an SLA credit
                value: "3"
            """));
        await site.BuildOkAsync();

        var box = site.Page("postmortems/api-outage-review/").QuerySelector(".impact-box dl")!;
        var rows = box.QuerySelectorAll("dt").Zip(box.QuerySelectorAll("dd"), (dt, dd) => (dt.TextContent, dd.TextContent)).ToList();
        Assert.Equal(
            [
                ("API requests failed", "4% for 90 minutes"),
                ("DNS P99 latency ms", "850"),
                ("Webhooks sent late (over 5 min)", "12,400"),
                ("Customers owed an SLA credit", "3"),
            ],
            rows);
    }

    [Fact]
    public async Task Postmortem_page_shows_metrics_computed_from_the_incident_and_milestones()
    {
        using var site = SiteWithPostmortem();
        await site.BuildOkAsync();

        var page = site.Page("postmortems/api-outage-review/");
        // Impact 10:00, detected 10:05, first update 10:10, mitigated 10:45, resolved 11:30 on 20 Nov; published 22 Nov 13:30.
        Assert.Equal("5 min", Metric(page, "time_to_detect"));
        Assert.Equal("45 min", Metric(page, "time_to_mitigate"));
        Assert.Equal("1 h 30 min", Metric(page, "impact_duration"));
        Assert.Equal("10 min", Metric(page, "time_to_first_update"));
        Assert.Equal("2 d 2 h", Metric(page, "postmortem_lag"));
        Assert.Contains("within the 3 d 0 h policy", page.QuerySelector("#metric-postmortem_lag")!.TextContent);
        Assert.Contains("From the start of impact until we detected the problem.", page.QuerySelector("#metric-time_to_detect")!.TextContent);
        Assert.Equal("A configuration change exhausted the connection pool of the API tier.", page.QuerySelector(".lede")!.TextContent);
    }

    [Fact]
    public async Task Missing_milestones_are_shown_as_not_recorded_and_a_late_postmortem_as_late()
    {
        using var site = SiteWithPostmortem(Postmortems.FrontMatter(published: "2026-11-24T12:00:00Z"));
        await site.BuildOkAsync();

        var page = site.Page("postmortems/api-outage-review/");
        Assert.Equal("not recorded", Metric(page, "time_to_detect"));
        Assert.Equal("not recorded", Metric(page, "time_to_mitigate"));
        // 20 Nov 11:30 → 24 Nov 12:00 is 4 days and 30 minutes, past the 72-hour policy.
        Assert.Equal("4 d 0 h", Metric(page, "postmortem_lag"));
        Assert.NotNull(page.QuerySelector("#metric-postmortem_lag .lag-late"));
    }

    [Fact]
    public async Task Several_incidents_count_from_the_earliest_start_to_the_latest_resolution()
    {
        using var site = SiteWithPostmortem(Postmortems.FrontMatter(incident: "api-outage, dashboard-outage", published: "2026-11-23T00:00:00Z"));
        site.Write("incidents/dashboard-outage.md", Incidents.File(
            "title: Dashboard outage\nseverity: SEV1\nstarted: 2026-11-20T09:30:00Z",
            Incidents.Update("2026-11-20 12:00 UTC", "Resolved", "Fixed."),
            Incidents.Update("2026-11-20 09:50 UTC", "Investigating", "Looking.")));
        await site.BuildOkAsync();

        var page = site.Page("postmortems/api-outage-review/");
        // 09:30 (dashboard start) → 12:00 (dashboard resolved); first update 09:50; severity is the worst, SEV1.
        Assert.Equal("2 h 30 min", Metric(page, "impact_duration"));
        Assert.Equal("20 min", Metric(page, "time_to_first_update"));
        Assert.Contains("SEV1", page.QuerySelector(".facts")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("a.incident-link").Length);
    }

    [Fact]
    public async Task Postmortem_page_shows_the_action_items_with_issue_links_from_the_repository()
    {
        var items = Postmortems.DefaultActionItems + """

              - title: Reject unknown configuration settings at start-up
                type: prevent
                priority: P0
                owner: Delivery team
                issue: https://tracker.example/browse/OPS-7
                status: done
              - title: Shorten the request timeout
                type: mitigate
                priority: P3
                owner: Delivery team
                status: wont_do
            """;
        using var site = SiteWithPostmortem(Postmortems.FrontMatter(actionItems: items));
        await site.BuildOkAsync();

        var rows = site.Page("postmortems/api-outage-review/").QuerySelectorAll("table.action-items tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["Add connection-pool saturation alert", "Detect", "P1", "Platform team", "Open", "15 Dec 2026", "#42"], rows[0]);
        Assert.Equal(["Reject unknown configuration settings at start-up", "Prevent", "P0", "Delivery team", "Done", "", "https://tracker.example/browse/OPS-7"], rows[1]);
        Assert.Equal(["Shorten the request timeout", "Mitigate", "P3", "Delivery team", "Won't do", "", ""], rows[2]);
        var links = site.Page("postmortems/api-outage-review/").QuerySelectorAll("table.action-items a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://github.com/acme/status/issues/42", "https://tracker.example/browse/OPS-7"], links);

        var index = site.Page("postmortems/");
        Assert.Contains("1 open · 1 done · 1 won't do", index.QuerySelector(".postmortem-summary .pm-actions")!.TextContent);
    }

    [Fact]
    public async Task Five_whys_are_shown_as_a_chain_of_questions_and_answers()
    {
        using var site = SiteWithPostmortem();
        await site.BuildOkAsync();

        var whys = site.Page("postmortems/api-outage-review/").QuerySelectorAll("ol.whys > li").ToList();
        Assert.Equal(3, whys.Count);
        Assert.Equal("Why was the pool exhausted?", whys[1].QuerySelector(".why")!.TextContent.Trim());
        Assert.Equal("Because its size setting was ignored.", whys[1].QuerySelector(".because")!.TextContent.Trim());
    }

    [Fact]
    public async Task Incident_and_postmortem_link_to_each_other()
    {
        using var site = SiteWithPostmortem();
        await site.BuildOkAsync();

        var incident = site.Page("incidents/api-outage/");
        Assert.Equal("../../postmortems/api-outage-review/", incident.QuerySelector(".postmortem-link a")!.GetAttribute("href"));
        Assert.Equal("Postmortem: API outage", incident.QuerySelector(".postmortem-link a")!.TextContent);
        var postmortem = site.Page("postmortems/api-outage-review/");
        Assert.Equal("../../incidents/api-outage/", postmortem.QuerySelector("a.incident-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_link_written_only_on_the_incident_side_is_accepted_when_the_postmortem_agrees()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident(extra: "postmortem: api-outage-review"));
        site.Write(PostmortemPath, Postmortems.File(Postmortems.FrontMatter(), Postmortems.Body()));
        await site.BuildOkAsync();

        Assert.NotNull(site.Page("incidents/api-outage/").QuerySelector(".postmortem-link a"));
    }

    [Fact]
    public async Task Resolved_major_incidents_without_a_postmortem_show_when_it_is_due_or_that_it_is_overdue()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        site.Write("incidents/recent.md", Incidents.File("title: Recent\nseverity: SEV1", Incidents.Update("2026-11-26 01:00 UTC", "Resolved", "Done."), Incidents.Update("2026-11-26 00:30 UTC", "Investigating", "Looking.")));
        site.Write("incidents/minor.md", Incidents.File("title: Minor\nseverity: SEV3", Incidents.Update("2026-11-26 01:00 UTC", "Resolved", "Done."), Incidents.Update("2026-11-26 00:30 UTC", "Investigating", "Looking.")));
        await site.BuildOkAsync();

        // Resolved 20 Nov 11:30 + 72 h = 23 Nov 11:30, before the build clock (27 Nov 00:00).
        Assert.Equal("Postmortem overdue: it was due by 23 Nov 2026, 11:30 UTC", site.Page("incidents/api-outage/").QuerySelector(".postmortem-overdue")!.TextContent);
        // Resolved 26 Nov 01:00 + 72 h = 29 Nov 01:00, still ahead.
        Assert.Equal("Postmortem due by 29 Nov 2026, 01:00 UTC", site.Page("incidents/recent/").QuerySelector(".postmortem-due")!.TextContent);
        var minor = site.Page("incidents/minor/");
        Assert.Null(minor.QuerySelector(".postmortem-due, .postmortem-overdue, .postmortem-link"));
    }

    [Fact]
    public async Task Index_lists_postmortems_newest_first_with_severity_date_and_duration()
    {
        using var site = SiteWithPostmortem();
        site.Write("incidents/older.md", Incidents.File("title: Older\nseverity: SEV1", Incidents.Update("2026-11-10 09:45 UTC", "Resolved", "Done."), Incidents.Update("2026-11-10 09:00 UTC", "Investigating", "Looking.")));
        site.Write("postmortems/older-review.md", Postmortems.File(Postmortems.FrontMatter(incident: "older", published: "2026-11-11T10:00:00Z").Replace("Postmortem: API outage", "Postmortem: older"), Postmortems.Body()));
        await site.BuildOkAsync();

        var entries = site.Page("postmortems/").QuerySelectorAll(".postmortem-summary").ToList();
        Assert.Equal(["Postmortem: API outage", "Postmortem: older"], entries.Select(e => e.QuerySelector(".title")!.TextContent.Trim()));
        Assert.Contains("SEV2", entries[0].QuerySelector(".sev")!.TextContent);
        Assert.Equal("Incident: 20 Nov 2026, 10:00 UTC", entries[0].QuerySelector(".pm-date")!.TextContent.Trim());
        Assert.Equal("Impact duration: 1 h 30 min", entries[0].QuerySelector(".pm-duration")!.TextContent.Trim());
        Assert.Equal("Impact duration: 45 min", entries[1].QuerySelector(".pm-duration")!.TextContent.Trim());
        Assert.Contains("1 open · 0 done", entries[1].QuerySelector(".pm-actions")!.TextContent);
    }

    [Fact]
    public async Task Postmortem_page_is_shareable_and_exposes_a_feed_entry()
    {
        using var site = SiteWithPostmortem();
        var result = await site.BuildOkAsync();

        var page = site.Page("postmortems/api-outage-review/");
        Assert.Equal("Postmortem: API outage", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(Postmortems.Summary, page.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
        Assert.Contains("https://status.acme.example/postmortems/api-outage-review/", site.ReadOutput("sitemap.xml"), StringComparison.Ordinal);

        var entry = Assert.Single(result.Model!.Postmortems).FeedEntry;
        Assert.Equal("https://status.acme.example/postmortems/api-outage-review/", entry.Id);
        Assert.Equal(new Uri("https://status.acme.example/postmortems/api-outage-review/"), entry.Link);
        Assert.Equal(TestSite.Parse("2026-11-22T13:30:00Z"), entry.Published);
        Assert.Equal(Postmortems.Summary, entry.Summary);
    }

    [Fact]
    public async Task A_draft_postmortem_leaves_no_trace_in_any_output_byte()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        var without = Path.Combine(site.Root, "without");
        Assert.True((await site.BuildAsync(output: without)).Succeeded);

        // A draft with a human-error phrase and a dangling second link: neither may block the build nor show.
        site.Write(PostmortemPath, Postmortems.File(
            Postmortems.FrontMatter(incident: "api-outage, no-such-incident", published: "").Replace("Postmortem: API outage", "Secret draft title"),
            Postmortems.Body(summary: "Human error by the careless operator.")));
        var result = await site.BuildOkAsync();

        Assert.Equal(TestSite.Snapshot(without), TestSite.Snapshot(site.Output));
        Assert.Empty(result.Model!.Postmortems);
        Assert.DoesNotContain(result.Diagnostics, d => d.Level == StatusSite.Core.DiagnosticLevel.Error || d.Rule is not null);
    }

    [Fact]
    public async Task Postmortems_are_in_the_navigation_and_the_index_says_when_there_are_none()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();

        Assert.Contains(site.Page().QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "./postmortems/" && a.TextContent == "Postmortems");
        Assert.Equal("No postmortems have been published yet.", site.Page("postmortems/").QuerySelector(".none")!.TextContent);
    }
}
