using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class SampleSiteTests
{
    /// <summary>
    /// The only test that reads the repository's input/: whatever content it holds (the sample, or a
    /// fork's own) builds without an error at today's clock. Every other test uses fixtures of its own.
    /// </summary>
    [Fact]
    public async Task The_repositorys_own_content_builds_cleanly_today()
    {
        using var site = TestSite.FromFolder(TestSite.RepositoryInput);
        var result = await site.BuildAsync(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.Succeeded, "input/ does not build:\n" + string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Level == StatusSite.Core.DiagnosticLevel.Error);
    }

    [Fact]
    public async Task Sample_site_builds_with_every_page()
    {
        using var site = TestSite.FromSample();
        var result = await site.BuildOkAsync();

        Assert.True(result.Model!.Incidents.Count >= 15);
        foreach (var page in new[] { "index.html", "history/index.html", "maintenance/index.html", "404.html", "sitemap.xml", "robots.txt", "assets/site.css" })
        {
            Assert.True(File.Exists(Path.Combine(site.Output, page)), page);
        }

        foreach (var incident in result.Model.Incidents)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, "incidents", incident.Id, "index.html")), incident.Id);
        }

        foreach (var component in result.Model.Components)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, "components", component.Id, "index.html")), component.Id);
        }

        foreach (var month in result.Model.Months)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, "history", month.Slug, "index.html")), month.Slug);
        }
    }

    [Fact]
    public async Task Every_page_links_the_icon_published_at_the_root_where_browsers_look_for_it()
    {
        using var site = TestSite.FromSample();
        var baseUrl = (await site.BuildOkAsync()).Model!.Settings.BaseUrl;

        var icon = File.ReadAllBytes(Path.Combine(site.Output, "favicon.ico"));
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
        Assert.False(File.Exists(Path.Combine(site.Output, "assets", "favicon.ico")), "the icon is published once, at the root");

        var pages = Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(site.Output, p).Replace('\\', '/')).ToList();
        Assert.Contains("404.html", pages);
        foreach (var page in pages)
        {
            using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(site.Output, page)));
            var href = document.QuerySelector("link[rel=icon]")?.GetAttribute("href");
            Assert.False(href is null, page + " has no <link rel=\"icon\">");
            Assert.Equal(new Uri(baseUrl, "favicon.ico"), new Uri(new Uri(baseUrl, page), href));
        }
    }
}
