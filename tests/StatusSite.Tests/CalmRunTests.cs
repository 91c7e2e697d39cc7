using StatusSite.Model;
using StatusSite.Presentation;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// Quiet stretches are said once: runs of days (home page) and months (history) without incidents collapse into one
/// line whose date range each language writes its own way; a single calm day or month stays as it is.
/// </summary>
public sealed class CalmRunTests
{
    [Fact]
    public async Task Runs_of_calm_days_become_one_line_each_and_a_single_calm_day_stays_a_day()
    {
        var (view, incident) = await ViewAsync("en");
        var days = Days(incident, new DateOnly(2026, 11, 26), "x.x....x..");

        var lines = view.Days(days);

        Assert.Equal(
            ["2026-11-26", "2026-11-25", "2026-11-24", "No incidents 20–23 Nov 2026", "2026-11-19", "No incidents 17–18 Nov 2026"],
            lines.Select(l => l.Item is { } day ? SiteView.Iso(day.Date) : l.Calm!).ToList());
        Assert.Empty(lines[1].Item!.Incidents);
    }

    [Fact]
    public async Task Days_with_incidents_only_or_calm_only_need_no_collapse_or_one_line()
    {
        var (view, incident) = await ViewAsync("en");

        Assert.All(view.Days(Days(incident, new DateOnly(2026, 11, 26), "xxx")), l => Assert.NotNull(l.Item));
        Assert.Equal(["No incidents 13–26 Nov 2026"], view.Days(Days(incident, new DateOnly(2026, 11, 26), new string('.', 14))).Select(l => l.Calm).ToList());
        Assert.Empty(view.Days([]));
    }

    [Theory]
    [InlineData("en", "2026-11-25", 14, "No incidents 12–25 Nov 2026")]
    [InlineData("en", "2026-11-03", 7, "No incidents 28 Oct – 3 Nov 2026")]
    [InlineData("en", "2026-01-02", 5, "No incidents 29 Dec 2025 – 2 Jan 2026")]
    [InlineData("de", "2026-11-25", 14, "Keine Vorfälle vom 12. bis 25. Nov. 2026")]
    [InlineData("de", "2026-11-03", 7, "Keine Vorfälle vom 28. Okt. bis 3. Nov. 2026")]
    [InlineData("de", "2026-01-02", 5, "Keine Vorfälle vom 29. Dez. 2025 bis 2. Jan. 2026")]
    [InlineData("fr", "2026-11-25", 14, "Aucun incident du 12 au 25 nov. 2026")]
    [InlineData("ja", "2026-11-25", 14, "2026年11月12日～25日：インシデントなし")]
    [InlineData("ja", "2026-01-02", 5, "2025年12月29日～2026年1月2日：インシデントなし")]
    public async Task A_calm_run_of_days_is_worded_in_the_site_s_language(string language, string newest, int count, string expected)
    {
        var (view, incident) = await ViewAsync(language);

        var line = Assert.Single(view.Days(Days(incident, DateOnly.Parse(newest, System.Globalization.CultureInfo.InvariantCulture), new string('.', count))));

        Assert.Equal(expected, line.Calm);
    }

    [Theory]
    [InlineData("en", new[] { "November 2026", "No incidents Sep–Oct 2026", "August 2026", "July 2026", "June 2026", "No incidents Dec 2025 – May 2026", "November 2025" })]
    [InlineData("de", new[] { "November 2026", "Keine Vorfälle von September bis Oktober 2026", "August 2026", "Juli 2026", "Juni 2026", "Keine Vorfälle von Dezember 2025 bis Mai 2026", "November 2025" })]
    public async Task History_collapses_runs_of_months_without_incidents_and_keeps_a_month_with_maintenance(string language, string[] expected)
    {
        // Incidents in Nov 2026, Jun 2026 and Nov 2025; maintenance in Aug 2026; July alone is calm.
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: " + language, StringComparison.Ordinal));
        site.Write("incidents/2026-11-20-api.md", Resolved("API errors", "2026-11-20"));
        site.Write("incidents/2026-06-10-api.md", Resolved("API errors in June", "2026-06-10"));
        site.Write("incidents/2025-11-05-api.md", Resolved("API errors last year", "2025-11-05"));
        site.Write("maintenance/2026-08-15-upgrade.md", """
            ---
            title: Database upgrade
            components:
              dashboard: under_maintenance
            scheduled_for: 2026-08-15T01:00:00Z
            scheduled_until: 2026-08-15T02:00:00Z
            ---

            We upgrade the database.
            """);
        await site.BuildOkAsync();

        var months = site.Page("history/").QuerySelectorAll(".months li");

        Assert.Equal(expected, months.Select(li => li.QuerySelector("a")?.TextContent ?? li.TextContent).ToList());
        Assert.All(months.Where(li => li.ClassList.Contains("calm")), li => Assert.Null(li.QuerySelector("a")));

        // The calm months keep their pages, reached from their neighbours.
        Assert.NotNull(site.Page("history/2026-09/").QuerySelector("a[rel=prev][href='../../history/2026-10/']"));
    }

    [Fact]
    public async Task Home_page_shows_a_calm_run_as_one_line_in_German()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: de", StringComparison.Ordinal));
        site.Write("incidents/2026-11-20-api.md", Resolved("API errors", "2026-11-20"));
        await site.BuildOkAsync();

        var recent = site.Page().QuerySelector("section[aria-labelledby=recent]")!;

        Assert.Equal(["Keine Vorfälle vom 21. bis 27. Nov. 2026", "Keine Vorfälle vom 14. bis 19. Nov. 2026"], recent.QuerySelectorAll(".calm").Select(c => c.TextContent).ToList());
        Assert.Equal(["2026-11-20"], recent.QuerySelectorAll(".day > h3 time").Select(t => t.GetAttribute("datetime")).ToList());
    }

    private static string Resolved(string title, string day) => Incidents.File(
        $"title: {title}\nseverity: SEV3\ncomponents:\n  api: degraded_performance",
        Incidents.Update($"{day} 11:00 UTC", "Resolved", "Fixed."),
        Incidents.Update($"{day} 10:00 UTC", "Investigating", "We are looking into it."));

    /// <summary>Days newest first from <paramref name="newest"/>, one per character: 'x' a day with an incident, '.' a calm one.</summary>
    private static List<IncidentDay> Days(IncidentModel incident, DateOnly newest, string pattern) =>
        [.. pattern.Select((c, i) => new IncidentDay(newest.AddDays(-i), c == 'x' ? [incident] : []))];

    /// <summary>A site's view in a language, and one of its incidents to put on days.</summary>
    private static async Task<(SiteView View, IncidentModel Incident)> ViewAsync(string language)
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026-11-20-api.md", Resolved("API errors", "2026-11-20"));
        var model = (await site.BuildOkAsync()).Model!;
        var strings = Translations.Load(language, lang => File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", lang + ".yml")));
        return (new SiteView(model, strings), model.Incidents[0]);
    }
}
