using System.Globalization;
using AngleSharp.Dom;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Charts;

/// <summary>The charts as pages show them: incident, postmortem and home, their text equivalents, and their bytes (the weight of a home page with four metrics: PageWeightTests, on the sample site).</summary>
public sealed class ChartPageTests
{
    private const string IncidentPage = "incidents/api-outage/";

    private static readonly string LatencyEntry = MetricFiles.Entry("api-latency", "API latency", "ms", "24h", "api", 120);

    /// <summary>The site of <see cref="Postmortems.Incident"/> (impact 10:00, updates 10:10, 10:40, resolved 11:30 on 20 Nov) with API latency around it.</summary>
    private static TestSite SiteWithIncidentMetric(string extraMetrics = "", string? postmortem = null)
    {
        var site = TestSite.Create(TestSite.DefaultSiteYml + "\nmetrics:" + LatencyEntry + extraMetrics);
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        // 09:00 to 12:30, every 5 min: 80 ms, 900 ms from 10:00, down to 100 ms at 11:00, 85 ms from 11:05.
        MetricFiles.Write(site, "api-latency", "ms", MetricFiles.Window("incident:api-outage", "2026-11-20T09:00:00Z", "2026-11-20T12:30:00Z", 300, i => i < 12 ? 80 : i < 24 ? 900 : i == 24 ? 100 : 85));
        if (postmortem is not null)
        {
            site.Write("postmortems/api-outage-review.md", postmortem);
        }

        return site;
    }

    private static IElement Svg(IElement figure) => figure.QuerySelector("svg")!;

    private static string Labels(IDocument page, IElement svg) =>
        string.Join(" | ", svg.GetAttribute("aria-labelledby")!.Split(' ').Select(id => page.GetElementById(id)!.TextContent));

    [Fact]
    public async Task Incident_page_charts_each_affected_component_s_status_from_start_to_resolution_with_the_updates_marked()
    {
        using var site = SiteWithIncidentMetric();
        await site.BuildOkAsync();

        var page = site.Page(IncidentPage);
        var chart = page.QuerySelector("svg[aria-labelledby^='sc-api']")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        // 90 minutes over 600 units: 10:40 is at 267.
        Assert.Equal(
            ["s-major_outage 0 0 267 100", "s-degraded_performance 267 50 333 50"],
            chart.QuerySelectorAll("rect").Select(r => string.Join(' ', new[] { "class", "x", "y", "width", "height" }.Select(r.GetAttribute))));
        Assert.Equal("M67 0v100M267 0v100M600 0v100", chart.QuerySelector(".ticks")!.GetAttribute("d"));
        Assert.Equal(
            "Public API: Major outage 20 Nov 2026, 10:00 UTC – 20 Nov 2026, 10:40 UTC; Degraded performance 20 Nov 2026, 10:40 UTC – 20 Nov 2026, 11:30 UTC; Operational from 20 Nov 2026, 11:30 UTC."
            + " | Updates marked: 20 Nov 2026, 10:10 UTC; 20 Nov 2026, 10:40 UTC; 20 Nov 2026, 11:30 UTC",
            Labels(page, chart));
    }

    [Fact]
    public async Task Incident_page_shows_the_affected_component_s_metric_over_the_window_with_updates_baseline_and_the_return_to_it()
    {
        using var site = SiteWithIncidentMetric();
        await site.BuildOkAsync();

        var page = site.Page(IncidentPage);
        var chart = page.QuerySelector("svg[aria-labelledby='mc-api-latency-n mc-api-latency']")!;
        // 09:00 to 12:30 is 210 minutes: the updates at 10:10, 10:40 and 11:30 fall at 200, 286 and 429; the impact is shaded from 10:00 (171) to 11:30.
        Assert.Equal("M200 0v100M286 0v100M429 0v100", chart.QuerySelector(".ticks")!.GetAttribute("d"));
        Assert.Equal(("171", "258"), (chart.QuerySelector(".shade")!.GetAttribute("x"), chart.QuerySelector(".shade")!.GetAttribute("width")));
        // The scale runs from 0 to 900 ms: the baseline of 120 ms lies at 98 - 120/900 * 96 = 85.
        Assert.Equal("M0 85h600", chart.QuerySelector(".base")!.GetAttribute("d"));
        Assert.StartsWith("M0 89l", chart.QuerySelector(".line")!.GetAttribute("d"), StringComparison.Ordinal);
        Assert.Equal(
            "API latency | min 80 ms · max 900 ms · latest 85 ms · baseline 120 ms · back to baseline at 20 Nov 2026, 11:00 UTC",
            Labels(page, chart));
        Assert.Equal("API latency 85 ms 20 Nov 2026, 09:00 UTC – 20 Nov 2026, 12:30 UTC", chart.ParentElement!.QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public async Task An_open_incident_is_charted_until_now_and_a_metric_without_data_says_so_without_a_chart()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml + "\nmetrics:" + LatencyEntry);
        site.Write("incidents/api-outage.md", Incidents.File(
            "title: API outage\nseverity: SEV1\ncomponents:\n  api: major_outage",
            Incidents.Update("2026-11-26 23:00 UTC", "Identified", "Found it.", components: "api=partial_outage"),
            Incidents.Update("2026-11-26 22:00 UTC", "Investigating", "Looking.")));
        await site.BuildOkAsync();

        var page = site.Page(IncidentPage);
        var chart = page.QuerySelector("svg[aria-labelledby^='sc-api']")!;
        // 22:00 to the build's clock at midnight: 23:00 is half way.
        Assert.Equal(["0 300", "300 300"], chart.QuerySelectorAll("rect").Select(r => r.GetAttribute("x") + " " + r.GetAttribute("width")));
        Assert.Equal("Public API: Major outage 26 Nov 2026, 22:00 UTC – 26 Nov 2026, 23:00 UTC; Partial outage since 26 Nov 2026, 23:00 UTC.", page.GetElementById("sc-api")!.TextContent);

        var noData = page.GetElementById("mc-api-latency")!;
        Assert.Equal("no data", noData.TextContent);
        Assert.Null(noData.ParentElement!.QuerySelector("svg"));
    }

    [Fact]
    public async Task Postmortem_page_marks_detection_mitigation_and_resolution_on_the_impact_window_beside_the_metrics()
    {
        using var site = SiteWithIncidentMetric(postmortem: Postmortems.File(
            Postmortems.FrontMatter(extra: "detected: 2026-11-20T10:05:00Z\nmitigated: 2026-11-20T10:45:00Z"), Postmortems.Body()));
        await site.BuildOkAsync();

        var page = site.Page("postmortems/api-outage-review/");
        var chart = page.QuerySelector("svg[aria-labelledby^='sc-api']")!;
        // The window is the impact, 10:00 to 11:30: detected at 10:05 (33), mitigated at 10:45 (300), resolved at the end.
        Assert.Equal("M33 0v100M300 0v100M600 0v100", chart.QuerySelector(".ticks")!.GetAttribute("d"));
        Assert.Equal(
            "Impact started 20 Nov 2026, 10:00 UTC; detected 20 Nov 2026, 10:05 UTC; mitigated 20 Nov 2026, 10:45 UTC; resolved 20 Nov 2026, 11:30 UTC",
            page.GetElementById("chart-marks")!.TextContent);
        var metric = page.QuerySelector("svg[aria-labelledby='mc-api-outage-api-latency-n mc-api-outage-api-latency']")!;
        Assert.Contains("back to baseline at 20 Nov 2026, 11:00 UTC", Labels(page, metric), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_shows_each_metric_over_its_range_with_its_latest_value_in_at_most_120_points_or_no_data()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml + "\nmetrics:" + MetricFiles.FourEntries("api") + MetricFiles.Entry("queue-depth", "Queue depth", "", "24h"));
        MetricFiles.WriteFour(site);
        await site.BuildOkAsync();

        var page = site.Page();
        var figures = page.QuerySelectorAll("#system-metrics ~ figure").ToList();
        Assert.Equal(
            ["Edge latency", "API error rate", "Checkout p95 latency", "Requests per second", "Queue depth"],
            figures.Select(f => f.QuerySelector("figcaption span")!.TextContent));
        Assert.Equal(
            ["last 24 hours", "last 7 days", "last 24 hours", "last 30 days", "last 24 hours"],
            figures.Select(f => f.QuerySelector("figcaption .note")!.TextContent));
        foreach (var figure in figures.Take(4))
        {
            var line = Svg(figure).QuerySelector(".line")!.GetAttribute("d")!;
            var points = line.Split('l')[1].Split(' ').Length / 2 + 1;
            Assert.InRange(points, 60, 120);
            Assert.Matches(@"^M\d+ \d+l(-?\d+ -?\d+ ?)+$", line);
            Assert.Matches(@"^min .+ · max .+ · latest .+", Labels(page, Svg(figure)).Split(" | ")[1]);
        }

        // The latest value of the error rate (point 168: 0.4 + 0.15 sin(24) + 0.045) with its unit; the queue depth has no file.
        Assert.Equal("0.309 %", figures[1].QuerySelector("figcaption strong")!.TextContent);
        Assert.Null(figures[4].QuerySelector("svg"));
        Assert.Equal("no data", figures[4].QuerySelector(".chart-text")!.TextContent);
    }

    [Fact]
    public async Task Chart_wording_comes_from_the_site_s_language()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: de", StringComparison.Ordinal) + "\nmetrics:" + LatencyEntry);
        await site.BuildOkAsync();

        var figure = site.Page().QuerySelector("#system-metrics ~ figure")!;
        Assert.Equal("API latency letzte 24 Stunden", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("keine Daten", figure.QuerySelector(".chart-text")!.TextContent);
    }

    [Fact]
    public async Task The_same_data_draws_the_same_bytes_whatever_the_machine_s_culture()
    {
        async Task<(string Home, string Incident)> Build(string culture)
        {
            var saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                using var site = SiteWithIncidentMetric(MetricFiles.FourEntries("api"));
                MetricFiles.WriteFour(site);
                await site.BuildOkAsync();
                return (site.ReadOutput("index.html"), site.ReadOutput("incidents/api-outage/index.html"));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        var first = await Build("en-US");
        var second = await Build("de-DE");

        Assert.Contains("class=\"line\"", first.Home, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Metrics_leave_the_statuspage_api_as_it_was()
    {
        using var without = TestSite.Create();
        without.Write("incidents/api-outage.md", Postmortems.Incident());
        await without.BuildOkAsync();
        using var with = SiteWithIncidentMetric(MetricFiles.FourEntries("api"));
        MetricFiles.WriteFour(with);
        await with.BuildOkAsync();

        foreach (var file in new[] { "api/v2/summary.json", "api/v2/incidents.json", "api/v2/components.json" })
        {
            Assert.Equal(without.ReadOutput(file), with.ReadOutput(file));
        }
    }
}
