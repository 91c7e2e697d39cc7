using StatusSite.Analysis;
using StatusSite.Authoring;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>'init --example': the sample site with its dates moved, so that it looks live on any day.</summary>
public sealed class ExampleSiteTests
{
    [Theory]
    [InlineData("2026-11-26T22:20:00Z")]
    [InlineData("2027-02-28T23:59:00Z")]
    [InlineData("2031-07-04T09:41:00Z")]
    public async Task The_example_written_on_any_day_shows_a_live_incident_and_no_broken_promise(string day)
    {
        var now = TestSite.Parse(day);
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "demo");
        Assert.Equal(0, CliRunner.Run(now, "init", repo, "--example").ExitCode);
        var input = Path.Combine(repo, "input");

        var build = await SiteBuilder.BuildAsync(new BuildOptions(input, site.Output, TestSite.ThemeDir, TestSite.CacheDir, now, DisplayRoot: "input"));
        var (_, check) = SiteBuilder.Analyze(input, now, themeDir: TestSite.ThemeDir, processRules: true);

        Assert.True(build.Succeeded, string.Join("\n", build.Diagnostics));
        var model = build.Model!;
        var active = Assert.Single(model.ActiveIncidents);
        Assert.InRange(now - active.Latest.Source.At, TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.True(active.NextUpdateBy > now, "the open incident's next update is still ahead");
        Assert.NotEmpty(model.UpcomingMaintenances);
        Assert.DoesNotContain(check.Sorted(), d => d.Rule is ProcessRules.NextUpdateMissed or ProcessRules.UpdateOverdue);
        Assert.All(model.Incidents, i => Assert.InRange(DateTime.ParseExact(i.Id[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.Start.UtcDateTime.Date.AddDays(-1), i.Start.UtcDateTime.Date.AddDays(1)));
    }

    [Fact]
    public void Every_date_moves_by_the_same_span_file_names_and_prose_included()
    {
        var by = TimeSpan.FromDays(40) + TimeSpan.FromMinutes(90);

        Assert.Equal("## 2027-01-06 00:40 UTC — Identified", ExampleSite.Shift("## 2026-11-26 23:10 UTC — Identified", by));
        Assert.Equal("started: 2027-01-05T22:28:00Z", ExampleSite.Shift("started: 2026-11-26T20:58:00Z", by));
        Assert.Equal("from: 2027-01-18T03:30:00+01:00", ExampleSite.Shift("from: 2026-12-09T02:00:00+01:00", by));
        Assert.Equal("incident: 2027-01-05-api-errors", ExampleSite.Shift("incident: 2026-11-26-api-errors", by));
        Assert.Equal("the upgrade on 18 January", ExampleSite.Shift("the upgrade on 9 December", by));
        Assert.Equal("from 03:30 to 05:30 UTC (04:30 to 06:30 in Berlin)", ExampleSite.Shift("from 02:00 to 04:00 UTC (03:00 to 05:00 in Berlin)", by));
        Assert.Equal("at 00:10 UTC", ExampleSite.Shift("at 22:40 UTC", by));
        Assert.Equal("incidents/2027/2027-01-02-storage-outage.md", ExampleSite.ShiftPath("incidents/2026/2026-11-24-storage-outage.md", TimeSpan.FromDays(39)));
        Assert.Equal("version 12026-11-260", ExampleSite.Shift("version 12026-11-260", by));
    }

    [Fact]
    public void The_span_is_whole_minutes_from_the_moment_the_sample_is_written_for()
    {
        Assert.Equal(TimeSpan.Zero, ExampleSite.ShiftTo(ExampleSite.WrittenFor.AddSeconds(59)));
        Assert.Equal(TimeSpan.FromMinutes(-1), ExampleSite.ShiftTo(ExampleSite.WrittenFor.AddSeconds(-1)));
    }
}
