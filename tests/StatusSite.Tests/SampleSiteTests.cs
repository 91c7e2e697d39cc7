using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class SampleSiteTests
{
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
}
