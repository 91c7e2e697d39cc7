using System.Text.RegularExpressions;
using StatusSite.Presentation;
using StatusSite.Publishing;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// The route table is the one place that names the site's pages and files: no other code or template
/// spells an output address, and what it names is what the build writes.
/// </summary>
public sealed partial class RouteTableTests
{
    /// <summary>Text that, inside a string literal or a template, spells an output address.</summary>
    private static readonly string[] AddressWords =
    [
        "incidents/", "components/", "history/", "postmortems/", "maintenance/", "api/v2", "feed.atom", "feed.rss", "feed.json",
        "badge.svg", "maintenance.ics", "sitemap", "index.html", "404.html", "robots.txt", "favicon.ico",
    ];

    /// <summary>
    /// Literals that contain such a word without being an output address, each with its reason.
    /// Text naming a folder of input/ ("input/incidents/…", in messages and help) is an input path and always allowed.
    /// </summary>
    private static readonly (string File, string Literal, string Why)[] NotAddresses =
    [
        ("src/StatusSite/Authoring/PostmortemScaffolder.cs", "postmortems/{incident.Id}.md", "the new postmortem's file under input/, not a page"),
        ("src/StatusSite/Outputs/SitemapWriter.cs", "http://www.sitemaps.org/schemas/sitemap/0.9", "the sitemap protocol's XML namespace"),
        ("src/StatusSite/Outputs/SitemapWriter.cs", "sitemapindex", "an element name of the sitemap protocol"),
        ("src/StatusSite/Outputs/SitemapWriter.cs", "sitemap", "an element name of the sitemap protocol"),
    ];

    private const string RouteTable = "src/StatusSite/Presentation/Routes.cs";

    [Fact]
    public void No_code_or_template_outside_the_route_table_spells_a_page_address()
    {
        var found = new List<string>();
        foreach (var file in SourceFiles())
        {
            var relative = Path.GetRelativePath(TestSite.RepoRoot, file).Replace('\\', '/');
            if (relative == RouteTable)
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            var template = file.EndsWith(".cshtml", StringComparison.Ordinal);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var text in template ? TemplateText(lines[i]) : Literals(lines[i]))
                {
                    if (SpellsAnAddress(text) && !NotAddresses.Any(n => n.File == relative && n.Literal == text))
                    {
                        found.Add($"{relative}:{i + 1}: \"{text}\"; ask Routes (src/StatusSite/Presentation/Routes.cs) for the address");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public void The_scan_finds_the_addresses_it_must_and_ignores_comments_and_input_paths()
    {
        Assert.Equal(["incidents/{incident.Id}/", "incident"], Literals("""Add($"incidents/{incident.Id}/", "incident");"""));
        Assert.Equal(["a \\\"quoted\\\" word"], Literals("""Say("a \"quoted\" word");"""));
        Assert.True(SpellsAnAddress("components/{id}/badge.svg"));
        Assert.True(SpellsAnAddress("404.html"));
        Assert.False(SpellsAnAddress("use the file name of a postmortem in input/postmortems/ without '.md'"));
        Assert.Empty(Literals("/// <summary>Such as \"incidents/x/\".</summary>"));
        Assert.Empty(TemplateText("@* <a href=\"@Model.Url(\"history/\")\"> *@"));
        Assert.Equal(["<a href=\"@Model.Url(\"history/\")\">"], TemplateText("<a href=\"@Model.Url(\"history/\")\">"));
    }

    [Fact]
    public async Task Every_file_the_build_writes_is_named_by_the_route_table()
    {
        using var site = TestSite.FromSample();
        var model = (await site.BuildOkAsync("2027-03-01T00:00:00Z")).Model!;

        IEnumerable<string> pages =
        [
            Routes.Home, Routes.History, Routes.Maintenance, Routes.Postmortems, Routes.NotFound,
            .. model.Incidents.Select(Routes.Of),
            .. model.Months.Select(Routes.Of),
            .. model.Components.Select(Routes.Of),
            .. model.Components.SelectMany(c => c.Years.Select(y => Routes.Of(c, y))),
            .. model.Postmortems.Select(Routes.Of),
        ];
        IEnumerable<string> files =
        [
            Routes.Atom, Routes.Rss, Routes.JsonFeed, Routes.PostmortemsAtom, Routes.Calendar, Routes.Badge,
            Routes.ApiSummary, Routes.ApiStatus, Routes.ApiComponents, Routes.ApiIncidents, Routes.ApiUnresolvedIncidents,
            Routes.ApiMaintenances, Routes.ApiUpcomingMaintenances, Routes.ApiActiveMaintenances,
            Routes.Sitemap, Routes.Robots, Routes.Favicon, Routes.Asset("site.css"), Routes.Asset("site.js"),
            .. model.Components.SelectMany(c => new[] { Routes.ComponentAtom(c.Id), Routes.ComponentRss(c.Id), Routes.ComponentBadge(c.Id) }),
        ];

        // Besides the site, the folder holds only the marker that says the build owns it.
        Assert.Equal(
            pages.Select(Routes.FileOf).Concat(files).Append(OutputFolder.MarkerName).Order(StringComparer.Ordinal),
            TestSite.Snapshot(site.Output).Keys);
    }

    [Fact]
    public async Task Model_objects_map_to_their_public_addresses()
    {
        using var site = TestSite.FromSample();
        var model = (await site.BuildOkAsync("2027-03-01T00:00:00Z")).Model!;
        var incident = model.Incidents.First(i => i.Updates.Count > 1);
        var update = incident.Updates[1];
        var component = model.Components.First(c => c.Years.Count > 0);
        var maintenance = model.Maintenances[0];
        var postmortem = model.Postmortems[0];
        var month = model.Months[0];

        // These addresses are public (bookmarks, feed readers, API clients): a change here breaks subscribers.
        Assert.Equal($"incidents/{incident.Id}/", Routes.Of(incident));
        Assert.Equal($"incidents/{incident.Id}/#{incident.Id}-{update.At.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", Routes.Of(incident, update));
        Assert.Equal($"components/{component.Id}/", Routes.Of(component));
        Assert.Equal(Routes.Of(component), Routes.Of(component.Component));
        Assert.Equal($"components/{component.Id}/{component.Years[0].Year}/", Routes.Of(component, component.Years[0]));
        Assert.Equal($"components/{component.Id}/feed.atom", Routes.ComponentAtom(component.Id));
        Assert.Equal($"history/{month.Year:D4}-{month.Month:D2}/", Routes.Of(month));
        Assert.Equal($"postmortems/{postmortem.Id}/", Routes.Of(postmortem));
        Assert.Equal($"maintenance/#maintenance-{maintenance.Id}", Routes.Of(maintenance));
        Assert.Equal($"maintenance/#{maintenance.Timeline[0].Id}", Routes.Of(maintenance.Timeline[0]));

        // The anchors the addresses point at are on the pages.
        Assert.NotNull(site.Page(Routes.Of(incident)).GetElementById(Routes.Anchor(incident, update)));
        Assert.NotNull(site.Page(Routes.Maintenance).GetElementById(Routes.Anchor(maintenance)));
    }

    [Theory]
    [InlineData("", "index.html")]
    [InlineData("incidents/x/", "incidents/x/index.html")]
    [InlineData("components/api/2026/", "components/api/2026/index.html")]
    [InlineData("404.html", "404.html")]
    [InlineData("feed.atom", "feed.atom")]
    public void A_page_address_is_written_to_its_folder_index(string address, string file)
    {
        Assert.Equal(file, Routes.FileOf(address));
        Assert.Equal(address, Routes.AddressOf(file));
    }

    [Theory]
    [InlineData("https://status.example.com/", "incidents/x/", "https://status.example.com/incidents/x/")]
    [InlineData("https://example.github.io/status/", "components/api/feed.atom", "https://example.github.io/status/components/api/feed.atom")]
    [InlineData("https://example.github.io/status/", "", "https://example.github.io/status/")]
    [InlineData("https://example.github.io/status/", "maintenance/#maintenance-db", "https://example.github.io/status/maintenance/#maintenance-db")]
    public void Absolute_addresses_are_under_the_base_url(string baseUrl, string address, string absolute)
    {
        Assert.Equal(absolute, Routes.Absolute(new Uri(baseUrl), address));
        Assert.Equal(absolute, Routes.UriOf(new Uri(baseUrl), address).AbsoluteUri);
    }

    [Fact]
    public async Task Only_a_component_page_announces_the_component_feeds()
    {
        using var site = TestSite.FromSample();
        var model = (await site.BuildOkAsync("2027-03-01T00:00:00Z")).Model!;
        var component = model.Components.First(c => c.Years.Count > 0);

        List<string?> Feeds(string address) =>
            [.. site.Page(address).QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("href"))];

        Assert.Equal(["../../feed.atom", "../../feed.rss", "../../feed.json", "../../" + Routes.ComponentAtom(component.Id), "../../" + Routes.ComponentRss(component.Id)], Feeds(Routes.Of(component)));
        Assert.Equal(["../../../feed.atom", "../../../feed.rss", "../../../feed.json"], Feeds(Routes.Of(component, component.Years[0])));
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "theme" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestSite.RepoRoot, folder), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    /// <summary>Whether the text names an output address; a folder of input/ is an input path, not one.</summary>
    private static bool SpellsAnAddress(string text)
    {
        var withoutInputPaths = InputPath().Replace(text, "");
        return AddressWords.Any(word => withoutInputPaths.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>The string literals of a line of C#, none of a comment line (// and /// documentation).</summary>
    private static IEnumerable<string> Literals(string line) =>
        line.TrimStart().StartsWith("//", StringComparison.Ordinal) ? [] : StringLiteral().Matches(line).Select(m => m.Groups[1].Value);

    /// <summary>A template line without its Razor and HTML comments: markup and code are both checked whole.</summary>
    private static IEnumerable<string> TemplateText(string line)
    {
        var text = TemplateComment().Replace(line, "").Trim();
        return text.Length == 0 ? [] : [text];
    }

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->")]
    private static partial Regex TemplateComment();

    [GeneratedRegex(@"input/[a-z]+/")]
    private static partial Regex InputPath();
}
