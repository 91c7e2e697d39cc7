using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using StatusSite.Presentation;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// The presentation says everything in the site's language, and decides it in one place: the banner, the badge and
/// the API's status description come from the theme's strings at every status; one function maps statuses to
/// Statuspage's indicator; templates only display.
/// </summary>
public sealed partial class PresentationTests
{
    /// <summary>A status of the site as a whole: the content that makes it, and what the banner shows for it.</summary>
    public sealed record State(string Key, string Css, string Indicator, string? Incident, string? Maintenance)
    {
        public override string ToString() => Key;
    }

    private static readonly State[] States =
    [
        new("none", "operational", "none", null, null),
        new("maintenance", "under_maintenance", "none", null, Window),
        new("minor", "degraded_performance", "minor", Open("SEV3", "degraded_performance"), Window),
        new("major", "partial_outage", "major", Open("SEV2", "partial_outage"), null),
        new("critical", "major_outage", "critical", Open("SEV1", "major_outage"), Window),
    ];

    /// <summary>A maintenance window in progress at the build clock (2026-11-27 00:00 UTC).</summary>
    private const string Window = """
        ---
        title: Database upgrade
        components:
          dashboard: under_maintenance
        scheduled_for: 2026-11-26T23:00:00Z
        scheduled_until: 2026-11-27T02:00:00Z
        ---

        We upgrade the database.
        """;

    public static TheoryData<string, State> LanguagesAndStates()
    {
        var data = new TheoryData<string, State>();
        foreach (var language in Languages())
        {
            foreach (var state in States)
            {
                data.Add(language, state);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LanguagesAndStates))]
    public async Task Banner_badge_and_API_description_are_the_language_s_words(string language, State state)
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: " + language, StringComparison.Ordinal));
        if (state.Incident is { } incident)
        {
            site.Write("incidents/outage.md", incident);
        }

        if (state.Maintenance is { } window)
        {
            site.Write("maintenance/upgrade.md", window);
        }

        await site.BuildOkAsync();
        var words = StringsOf(language)["indicator." + state.Key];

        var banner = site.Page().QuerySelector("section.banner")!;
        Assert.Equal(words, banner.QuerySelector("h1#overall")!.TextContent);
        Assert.Contains("s-" + state.Css, banner.ClassList);
        Assert.Equal("#i-" + state.Css, banner.QuerySelector("use")!.GetAttribute("href"));
        Assert.Equal(state.Css, banner.GetAttribute("data-status"));

        var badge = XDocument.Parse(site.ReadOutput("badge.svg"));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal("Acme Status: " + words, badge.Root!.Element(svg + "title")!.Value);
        Assert.Equal(words, badge.Descendants(svg + "text").Last().Value);

        using var status = JsonDocument.Parse(site.ReadOutput("api/v2/status.json"));
        var apiStatus = status.RootElement.GetProperty("status");
        Assert.Equal(words, apiStatus.GetProperty("description").GetString());
        Assert.Equal(state.Indicator, apiStatus.GetProperty("indicator").GetString());
    }

    [Fact]
    public async Task Under_the_banner_each_group_has_a_line_and_what_is_affected_comes_first_in_catalogue_order()
    {
        using var site = TestSite.Create("""
            title: Acme Status
            base_url: https://status.acme.example/
            components:
              - { id: api, name: Public API, group: Core platform }
              - { id: dashboard, name: Dashboard, group: Core platform }
              - { id: storage, name: Object storage, group: Data }
              - { id: webhooks, name: Webhooks }
              - { id: cdn, name: CDN, group: Delivery }
            """);
        site.Write("incidents/outage.md", Incidents.File(
            "title: Slow deliveries\nseverity: SEV2\ncomponents:\n  cdn: partial_outage\n  webhooks: degraded_performance",
            Incidents.Update("2026-11-26 22:00 UTC", "Investigating", "We are investigating.")));
        await site.BuildOkAsync();

        var lines = site.Page().QuerySelectorAll("ul.glance > li").Select(li => (
            Name: li.Children[0].TextContent,
            Status: li.QuerySelector(".chip")!.ClassList.Single(c => c.StartsWith("s-", StringComparison.Ordinal)),
            Words: li.QuerySelector(".chip")!.TextContent)).ToList();
        Assert.Equal(
            [("Webhooks", "s-degraded_performance", "Degraded performance"), ("Delivery", "s-partial_outage", "Partial outage"),
             ("Core platform", "s-operational", "Operational"), ("Data", "s-operational", "Operational")],
            lines);
        Assert.Equal("Status by group", site.Page().QuerySelector("ul.glance")!.GetAttribute("aria-label"));
    }

    public static TheoryData<string> ShippedLanguages() => [.. Languages()];

    [Theory]
    [MemberData(nameof(ShippedLanguages))]
    public async Task Next_update_has_one_phrase_whether_promised_or_set_by_the_policy(string language)
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: " + language, StringComparison.Ordinal));
        site.Write("incidents/outage.md", Open("SEV2", "partial_outage"));
        site.Write("incidents/promised.md", Incidents.File(
            "title: Slow dashboard\nseverity: SEV3\ncomponents:\n  dashboard: degraded_performance",
            Incidents.Update("2026-11-26 22:30 UTC", "Identified", "We found it.", nextUpdate: "2026-11-27 01:00 UTC")));
        await site.BuildOkAsync();
        var phrase = StringsOf(language)["incident.next_update"];

        var next = site.Page().QuerySelectorAll(".incident-active .next");
        Assert.Equal(2, next.Length);
        Assert.All(next, n => Assert.StartsWith(phrase + " ", n.TextContent, StringComparison.Ordinal));
        Assert.Contains(phrase, site.Page("incidents/outage/").QuerySelectorAll(".incident dt").Select(dt => dt.TextContent));
    }

    [Fact]
    public void Every_shipped_language_has_its_own_banner_words()
    {
        // Otherwise the test above could pass with English words on a German site.
        var english = StringsOf("en");
        foreach (var language in Languages().Where(l => l != "en"))
        {
            var strings = StringsOf(language);
            Assert.All(States, s => Assert.NotEqual(english["indicator." + s.Key], strings["indicator." + s.Key]));
        }
    }

    [Fact]
    public void Statuses_map_to_Statuspage_s_indicator_in_one_function_only()
    {
        var mappings = SourceFiles("src", "*.cs").Concat(SourceFiles("theme", "*.cshtml"))
            .Where(f => IndicatorValue().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(TestSite.RepoRoot, f).Replace('\\', '/'));
        Assert.Equal(["src/StatusSite/Model/StatusScale.cs"], mappings);
    }

    [Fact]
    public void Templates_decide_nothing_beyond_loops_and_presence_checks()
    {
        foreach (var file in SourceFiles("theme", "*.cshtml"))
        {
            var text = File.ReadAllText(file);
            Assert.False(Conditional().IsMatch(text), $"{file}: a '? :' decision; let the presentation (SiteView) make it");
            foreach (Match condition in IfCondition().Matches(text))
            {
                var parts = condition.Groups[1].Value.Split("||", StringSplitOptions.TrimEntries);
                Assert.All(parts, part => Assert.True(PresenceCheck().IsMatch(part), $"{file}: '@if ({condition.Groups[1].Value})' is not a presence check"));
            }
        }
    }

    private static string Open(string severity, string status) => Incidents.File(
        $"title: Elevated error rates\nseverity: {severity}\ncomponents:\n  api: {status}",
        Incidents.Update("2026-11-26 22:00 UTC", "Investigating", "We are investigating."));

    private static IEnumerable<string> Languages() =>
        Directory.EnumerateFiles(Path.Combine(TestSite.ThemeDir, "i18n"), "*.yml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    private static Translations StringsOf(string language) =>
        Translations.Load(language, lang => File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", lang + ".yml")));

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(TestSite.RepoRoot, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\bIndicator\.(None|Minor|Major|Critical)\b")]
    private static partial Regex IndicatorValue();

    [GeneratedRegex(@"\s\?\s[^\n]*\s:\s")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"(?:@if|else if) \((.*)\)\r?\n")]
    private static partial Regex IfCondition();

    /// <summary>Something present or not, or a list empty or not: <c>x is { } y</c>, <c>x is not null</c>, <c>xs.Count == 0</c>, <c>!xs.Any()</c>.</summary>
    [GeneratedRegex(@"^!?[\w.()]+(?: is \{ \} \w+| is (?:not )?null|\.Count (?:==|>) 0|\.Any\(\))$")]
    private static partial Regex PresenceCheck();
}
