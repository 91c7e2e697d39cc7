using System.Globalization;
using StatusSite.Tests.Support;
using static StatusSite.Tests.Support.Incidents;

namespace StatusSite.Tests;

/// <summary>
/// A small site whose numbers are worked out by hand: two overlapping incidents on the API,
/// one crossing midnight on the dashboard, one open SEV1 on webhooks, one in October.
/// </summary>
public sealed class StatusPageTests : IDisposable
{
    private const string Now = "2026-11-26T12:00:00Z";
    private readonly TestSite _site = TestSite.Create();

    public StatusPageTests()
    {
        _site.Write("incidents/2026/2026-11-25-api-outage.md", File(
            """
            title: API outage
            severity: SEV2
            components:
              api: major_outage
            started: 2026-11-25T10:00:00Z
            """,
            Update("2026-11-25 12:00 UTC", "Resolved", "The API is back to normal."),
            Update("2026-11-25 11:00 UTC", "Identified", "We found the cause.", components: "api=partial_outage"),
            Update("2026-11-25 10:30 UTC", "Investigating", "We are looking into API errors.")));
        _site.Write("incidents/2026/2026-11-25-api-latency.md", File(
            """
            title: Slow API and dashboard
            severity: SEV3
            components:
              api: partial_outage
              dashboard: degraded_performance
            """,
            Update("2026-11-25 10:30 UTC", "Investigating", "Requests are slow."),
            Update("2026-11-25 11:30 UTC", "Resolved", "Latency is back to normal.")));
        _site.Write("incidents/2026/2026-11-23-dashboard-night.md", File(
            """
            title: Dashboard errors overnight
            severity: SEV3
            components:
              dashboard: partial_outage
            """,
            Update("2026-11-24 01:00 UTC", "Resolved", "Fixed."),
            Update("2026-11-23 23:00 UTC", "Investigating", "Some dashboard pages fail to load.")));
        _site.Write("incidents/2026/2026-11-26-webhooks-down.md", File(
            """
            title: Webhooks are not delivered
            severity: SEV1
            components:
              webhooks: major_outage
            started: 2026-11-26T09:00:00Z
            """,
            Update("2026-11-26 09:30 UTC", "Identified", "A queue is stuck; we are draining it.", nextUpdate: "2026-11-26 10:00 UTC"),
            Update("2026-11-26 09:05 UTC", "Investigating", "Webhooks are not being delivered.")));
        _site.Write("incidents/2026/2026-10-15-webhooks-slow.md", File(
            """
            title: Slow webhooks in October
            severity: SEV3
            components:
              webhooks: degraded_performance
            """,
            Update("2026-10-15 08:00 UTC", "Investigating", "Webhooks are delayed."),
            Update("2026-10-15 09:00 UTC", "Resolved", "Delivered again.")));
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Open_SEV1_incident_makes_the_banner_say_major_system_outage()
    {
        await _site.BuildOkAsync(Now);
        var home = _site.Page();

        Assert.Equal("Major System Outage", home.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("s-major_outage", home.QuerySelector(".banner")!.ClassName);
        Assert.NotNull(home.QuerySelector(".banner svg use[href='#i-major_outage']"));
    }

    [Fact]
    public async Task Each_component_shows_its_status_now_as_words()
    {
        await _site.BuildOkAsync(Now);
        var home = _site.Page();

        var statuses = home.QuerySelectorAll("li.component").ToDictionary(
            c => c.QuerySelector(".component-head a")!.TextContent.Trim(),
            c => c.QuerySelector(".component-head .chip")!.TextContent.Trim());
        Assert.Equal("Operational", statuses["Public API"]);
        Assert.Equal("Operational", statuses["Dashboard"]);
        Assert.Equal("Major outage", statuses["Webhooks"]);
    }

    [Fact]
    public async Task Resolved_incident_stops_affecting_component_status()
    {
        using var site = TestSite.Create();
        var investigating = Update("2026-11-25 10:30 UTC", "Investigating", "Requests fail.");
        site.Write("incidents/x.md", File("title: Errors\nseverity: SEV2\ncomponents:\n  api: partial_outage", investigating));
        await site.BuildOkAsync("2026-11-25T11:15:00Z");
        Assert.Equal("Current status: Partial outage", site.Page("components/api/").QuerySelector(".banner[data-status=partial_outage]")!.TextContent.Trim());

        site.Write("incidents/x.md", File("title: Errors\nseverity: SEV2\ncomponents:\n  api: partial_outage", Update("2026-11-25 11:30 UTC", "Resolved", "Fixed."), investigating));
        await site.BuildOkAsync("2026-11-25T11:45:00Z");
        Assert.Equal("Current status: Operational", site.Page("components/api/").QuerySelector(".banner[data-status=operational]")!.TextContent.Trim());
        Assert.Equal("All Systems Operational", site.Page().QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Worst_of_overlapping_incidents_holds_the_component()
    {
        var model = (await _site.BuildOkAsync(Now)).Model!;
        var api = model.Incidents.SelectMany(i => i.Impacts).Where(i => i.ComponentId == "api").OrderBy(i => i.From).ToList();

        // Major (10:00–11:00) then partial (11:00–12:00) from the SEV2, partial (10:30–11:30) from the SEV3.
        Assert.Equal(3, api.Count);
        Assert.Equal(StatusSite.Model.ComponentStatus.MajorOutage, api[0].Status);
    }

    [Fact]
    public async Task Incident_page_lists_updates_newest_first_whatever_the_file_order()
    {
        await _site.BuildOkAsync(Now);

        var newestFirstFile = _site.Page("incidents/2026-11-25-api-outage/");
        Assert.Equal(["Resolved", "Identified", "Investigating"], UpdateStatuses(newestFirstFile));
        var oldestFirstFile = _site.Page("incidents/2026-11-25-api-latency/");
        Assert.Equal(["Resolved", "Investigating"], UpdateStatuses(oldestFirstFile));

        var times = newestFirstFile.QuerySelectorAll(".updates > li time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal(["2026-11-25T12:00:00Z", "2026-11-25T11:00:00Z", "2026-11-25T10:30:00Z"], times);
        Assert.Contains("Public API: Major outage → Partial outage", newestFirstFile.QuerySelectorAll(".updates .changes").Select(c => c.TextContent).Single(t => t.Contains("→ Partial")));
    }

    [Fact]
    public async Task Incident_page_states_severity_duration_and_affected_components()
    {
        await _site.BuildOkAsync(Now);
        var page = _site.Page("incidents/2026-11-25-api-outage/");
        var facts = Facts(page);

        Assert.Equal("SEV2 · major", facts["Severity"]);
        Assert.Equal("2 h 00 min", facts["Duration"]);
        Assert.Contains("Public API", facts["Affected components"]);
        Assert.Equal("Resolved", facts["Status"]);
    }

    [Fact]
    public async Task Open_incident_shows_the_promised_next_update()
    {
        await _site.BuildOkAsync(Now);
        var home = _site.Page();

        var active = home.QuerySelector(".incident-active")!;
        Assert.Contains("Webhooks are not delivered", active.QuerySelector("h3")!.TextContent);
        Assert.Equal("2026-11-26T10:00:00Z", active.QuerySelector(".next time")!.GetAttribute("datetime"));
        Assert.Contains("Next update by", active.QuerySelector(".next")!.TextContent);
    }

    [Fact]
    public async Task Uptime_counts_the_worst_status_at_each_instant_once()
    {
        await _site.BuildOkAsync(Now);
        var api = UptimeDays(_site.Page("components/api/"));

        // 25 Nov: major 10:00–11:00 (weight 1.0) and partial 11:00–12:00 (weight 0.3); the
        // overlapping SEV3 (partial 10:30–11:30) adds nothing: 3600 + 1080 s down of 86,400.
        var down = 3600 + (0.3 * 3600);
        Assert.Equal(Percent(1 - (down / 86400)), api["2026-11-25"]);
        Assert.Equal("94.58%", api["2026-11-25"]);
        Assert.Equal("100.00%", api["2026-11-24"]);

        // The whole window: 89 full days and today's 12 elapsed hours.
        var total = (89 * 86400.0) + 43200;
        Assert.Contains(Percent(1 - (down / total)) + " uptime", _site.Page("components/api/").QuerySelector(".uptime-total")!.TextContent);
    }

    [Fact]
    public async Task Uptime_of_today_counts_only_the_elapsed_time()
    {
        await _site.BuildOkAsync(Now);
        var webhooks = UptimeDays(_site.Page("components/webhooks/"));

        // Down since 09:00 of 12 elapsed hours: 3 h of 12 h.
        Assert.Equal("75.00%", webhooks["2026-11-26"]);
    }

    [Fact]
    public async Task Incident_crossing_midnight_counts_on_both_UTC_days()
    {
        await _site.BuildOkAsync(Now);
        var dashboard = UptimeDays(_site.Page("components/dashboard/"));

        // Partial outage (weight 0.3) 23:00–24:00 and 00:00–01:00: 1080 s each day.
        Assert.Equal("98.75%", dashboard["2026-11-23"]);
        Assert.Equal("98.75%", dashboard["2026-11-24"]);
    }

    [Fact]
    public async Task Every_uptime_day_is_text_reachable_by_keyboard()
    {
        await _site.BuildOkAsync(Now);
        var days = _site.Page().QuerySelectorAll("li.component")[0].QuerySelectorAll("ol.uptime > li");

        Assert.Equal(90, days.Length);
        Assert.All(days, d => Assert.Equal("0", d.GetAttribute("tabindex")));
        Assert.All(days, d => Assert.Matches(@"^\d{1,2} \w{3} 2026: (\d+\.\d\d%|no data)", d.TextContent));
    }

    [Fact]
    public async Task History_has_one_page_per_month_with_its_incidents()
    {
        await _site.BuildOkAsync(Now);

        var index = _site.Page("history/");
        Assert.Equal(["November 2026", "October 2026"], index.QuerySelectorAll(".months a").Select(a => a.TextContent).ToList());
        var november = _site.Page("history/2026-11/");
        Assert.Equal(
            ["Webhooks are not delivered", "Slow API and dashboard", "API outage", "Dashboard errors overnight"],
            november.QuerySelectorAll(".incident-summary .title").Select(t => t.TextContent.Trim()).ToList());
        var october = _site.Page("history/2026-10/");
        Assert.Equal(["Slow webhooks in October"], october.QuerySelectorAll(".incident-summary .title").Select(t => t.TextContent.Trim()).ToList());
        Assert.NotNull(october.QuerySelector("a[rel=prev][href='../../history/2026-11/']"));
    }

    [Fact]
    public async Task Component_page_lists_recent_incidents_and_one_page_per_year()
    {
        _site.Write("incidents/2025/2025-06-01-old-webhooks.md", File(
            "title: Webhooks down last year\nseverity: SEV2\ncomponents:\n  webhooks: major_outage",
            Update("2025-06-01 11:00 UTC", "Resolved", "Back."),
            Update("2025-06-01 10:00 UTC", "Investigating", "Down.")));
        await _site.BuildOkAsync(Now);

        var page = _site.Page("components/webhooks/");
        Assert.Equal(
            ["Webhooks are not delivered", "Slow webhooks in October"],
            page.QuerySelectorAll(".incident-summary .title").Select(t => t.TextContent.Trim()).ToList());
        Assert.Equal(["2026", "2025"], page.QuerySelectorAll(".months a").Select(a => a.TextContent).ToList());

        var year2026 = _site.Page("components/webhooks/2026/");
        Assert.Equal("Webhooks: incidents in 2026", year2026.QuerySelector("h1")!.TextContent);
        Assert.Equal(
            ["Webhooks are not delivered", "Slow webhooks in October"],
            year2026.QuerySelectorAll(".incident-summary .title").Select(t => t.TextContent.Trim()).ToList());
        var year2025 = _site.Page("components/webhooks/2025/");
        Assert.Equal(["Webhooks down last year"], year2025.QuerySelectorAll(".incident-summary .title").Select(t => t.TextContent.Trim()).ToList());
        Assert.NotNull(year2025.QuerySelector("a[rel=prev][href='../../../components/webhooks/2026/']"));
    }

    [Fact]
    public async Task Home_lists_the_last_14_days_with_each_run_of_calm_days_in_one_line()
    {
        await _site.BuildOkAsync(Now);
        var recent = _site.Page().QuerySelector("section[aria-labelledby=recent]")!;
        var days = recent.QuerySelectorAll(".day");

        Assert.Equal(["2026-11-26", "2026-11-25", "2026-11-24", "2026-11-23"], days.Select(d => d.QuerySelector("time")!.GetAttribute("datetime")).ToList());
        Assert.Equal(2, days[1].QuerySelectorAll(".incident-summary").Length);

        // One calm day between incidents stays a day of its own; the ten before 23 Nov become one line after it.
        Assert.Equal("No incidents reported.", days[2].QuerySelector(".none")!.TextContent);
        var calm = Assert.Single(recent.QuerySelectorAll(".calm"));
        Assert.Equal("No incidents 13–22 Nov 2026", calm.TextContent);
        Assert.Same(days[3], calm.PreviousElementSibling);
    }

    [Fact]
    public async Task Times_are_UTC_in_machine_readable_time_elements()
    {
        await _site.BuildOkAsync(Now);
        var page = _site.Page("incidents/2026-11-25-api-outage/");

        var time = page.QuerySelector(".updates time")!;
        Assert.Equal("2026-11-25T12:00:00Z", time.GetAttribute("datetime"));
        Assert.Equal("25 Nov 2026, 12:00 UTC", time.TextContent);
    }

    [Fact]
    public async Task Stale_notice_carries_the_build_time_and_policy_for_the_script()
    {
        await _site.BuildOkAsync(Now);
        var notice = _site.Page().QuerySelector(".stale")!;

        Assert.True(notice.HasAttribute("hidden"));
        Assert.Equal(TestSite.Parse(Now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), notice.GetAttribute("data-built"));
        Assert.Equal("1800", notice.GetAttribute("data-stale-after"));
    }

    [Fact]
    public async Task Raw_HTML_in_an_update_is_shown_as_text()
    {
        _site.Write("incidents/2026/2026-11-20-html.md", File(
            "title: Markup test\nseverity: SEV3",
            Update("2026-11-20 10:00 UTC", "Resolved", "Do not run <script>alert('x')</script> here.")));
        await _site.BuildOkAsync(Now);

        var html = _site.ReadOutput("incidents/2026-11-20-html/index.html");
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);
    }

    private static List<string> UpdateStatuses(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".updates > li h3").Select(h => h.ChildNodes[0].TextContent.Trim())];

    private static Dictionary<string, string> Facts(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".facts dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());

    /// <summary>Date (ISO) → uptime text of a component page's bar, read from each day's text.</summary>
    private static Dictionary<string, string> UptimeDays(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("ol.uptime > li").ToDictionary(
            li => DateOnly.ParseExact(li.TextContent.Split(':')[0], "d MMM yyyy", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            li => li.TextContent.Split(':')[1].Split('·')[0].Trim());

    private static string Percent(double share) =>
        (Math.Floor(share * 10000) / 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
