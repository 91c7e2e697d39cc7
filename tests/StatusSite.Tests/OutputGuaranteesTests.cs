using System.Text;
using StatusSite.Tests.Support;
using static StatusSite.Tests.Support.Incidents;

namespace StatusSite.Tests;

public sealed class OutputGuaranteesTests
{
    [Fact]
    public async Task Two_builds_with_the_same_clock_are_byte_identical()
    {
        using var site = TestSite.FromSample();
        var first = Path.Combine(site.Root, "first");
        var second = Path.Combine(site.Root, "second");

        Assert.True((await site.BuildAsync(output: first)).Succeeded);
        Assert.True((await SiteBuilder.BuildAsync(site.Options(output: second, parallelism: 1))).Succeeded);

        var a = TestSite.Snapshot(first);
        var b = TestSite.Snapshot(second);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (path, bytes) in a)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs between builds");
        }
    }

    [Fact]
    public async Task A_rebuild_replaces_the_previous_output_whole_whatever_it_holds()
    {
        using var site = TestSite.FromSample();
        var fresh = Path.Combine(site.Root, "fresh");
        Assert.True((await site.BuildAsync(output: fresh)).Succeeded);
        Assert.True((await site.BuildAsync()).Succeeded);
        var page = Directory.GetDirectories(Path.Combine(site.Output, "incidents"))[0];
        System.IO.File.WriteAllText(Path.Combine(page, "notes.txt"), "left by hand");
        Directory.CreateDirectory(Path.Combine(page, "nested"));
        System.IO.File.WriteAllText(Path.Combine(page, "nested", "old.html"), "an old page");
        var feed = Path.Combine(site.Output, "feed.atom");
        System.IO.File.Delete(feed);
        Directory.CreateDirectory(Path.Combine(feed, "once-a-folder"));
        Directory.CreateDirectory(Path.Combine(site.Output, "retired", "page"));
        System.IO.File.WriteAllText(Path.Combine(site.Output, "retired", "page", "index.html"), "a retired page");

        Assert.True((await site.BuildAsync()).Succeeded);

        var expected = TestSite.Snapshot(fresh);
        var actual = TestSite.Snapshot(site.Output);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            Directory.GetDirectories(fresh, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(fresh, d)).Order(StringComparer.Ordinal),
            Directory.GetDirectories(site.Output, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(site.Output, d)).Order(StringComparer.Ordinal));
        Assert.Equal(["_site", "fresh", "input"], Directory.GetDirectories(site.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Internal_notes_and_drafts_never_reach_any_output_byte()
    {
        const string InternalMarker = "zq-internal-7f3a9c";
        const string DraftMarker = "zq-draft-51b2e8";
        using var site = TestSite.Create();
        site.Write("incidents/public.md", File(
            $"""
            title: Public incident
            severity: SEV2
            components:
              api: partial_outage
            internal:
              commander: "@{InternalMarker}"
              war_room: https://meet.example/{InternalMarker}
              notes:
                - {InternalMarker} nested
            """,
            Update("2026-11-26 10:00 UTC", "Investigating", "Errors on the API.")));
        site.Write("incidents/2026/draft.md", File(
            $"title: {DraftMarker} false alarm\nseverity: SEV1\ndraft: true\ncomponents:\n  api: major_outage",
            Update("2026-11-26 09:00 UTC", "Investigating", $"{DraftMarker} body")));
        site.Write("maintenance/draft-window.md", $"---\ntitle: {DraftMarker} window\ndraft: true\nscheduled_for: 2026-12-01T00:00:00Z\nscheduled_until: 2026-12-01T01:00:00Z\n---\n{DraftMarker}\n");
        var result = await site.BuildOkAsync();

        Assert.Single(result.Model!.Incidents);
        Assert.Empty(result.Model.Maintenances);
        Assert.Equal("partial_outage", site.Page("components/api/").QuerySelector(".banner")!.GetAttribute("data-status"));
        foreach (var (path, bytes) in TestSite.Snapshot(site.Output))
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.False(text.Contains(InternalMarker, StringComparison.OrdinalIgnoreCase), $"{path} contains an internal value");
            Assert.False(text.Contains(DraftMarker, StringComparison.OrdinalIgnoreCase), $"{path} contains a draft");
        }

        Assert.False(Directory.Exists(Path.Combine(site.Output, "incidents", "draft")));
    }

    [Fact]
    public async Task Input_theme_overrides_a_theme_file_by_relative_path()
    {
        using var site = TestSite.Create();
        site.Write("theme/assets/site.css", "body { color: rebeccapurple; }\n");
        site.Write("theme/layouts/not-found.cshtml", "@model Page<SiteModel>\n@{ Layout = \"layouts/_layout.cshtml\"; }\n<h1>Lost? zq-override</h1>\n");
        await site.BuildOkAsync();

        Assert.Equal("body { color: rebeccapurple; }\n", site.ReadOutput("assets/site.css"));
        Assert.Contains("zq-override", site.ReadOutput("404.html"));
        Assert.DoesNotContain("zq-override", site.ReadOutput("index.html"));
    }

    [Fact]
    public void Large_sitemap_is_split_into_an_index_and_parts_of_a_thousand()
    {
        var pages = Enumerable.Range(0, 2500).Select(i => $"incidents/i{i:D4}/index.html").Append("index.html");

        var files = StatusSite.Outputs.SitemapWriter.Files(new Uri("https://status.acme.example/"), pages);

        Assert.Equal(["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"], files.Select(f => f.Path).ToList());
        var index = files[0].Produce();
        Assert.Contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", index);
        Assert.Contains("<loc>https://status.acme.example/sitemaps/3.xml</loc>", index);
        Assert.Equal(1000, files[1].Produce().Split("<url>").Length - 1);
        Assert.Equal(501, files[3].Produce().Split("<url>").Length - 1);
        Assert.Contains("<loc>https://status.acme.example/</loc>", files[1].Produce());
    }

    [Fact]
    public async Task Sitemap_lists_every_page_with_absolute_urls()
    {
        using var site = TestSite.Create();
        site.Write("incidents/a.md", File("title: A\nseverity: SEV3", Update("2026-11-20 10:00 UTC", "Resolved", "Done.")));
        await site.BuildOkAsync();

        var sitemap = site.ReadOutput("sitemap.xml");
        Assert.Contains("<loc>https://status.acme.example/</loc>", sitemap);
        Assert.Contains("<loc>https://status.acme.example/incidents/a/</loc>", sitemap);
        Assert.Contains("<loc>https://status.acme.example/components/api/</loc>", sitemap);
        Assert.DoesNotContain("404", sitemap);
        Assert.Contains("Sitemap: https://status.acme.example/sitemap.xml", site.ReadOutput("robots.txt"));
    }
}
