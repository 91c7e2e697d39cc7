using System.IO.Compression;
using AngleSharp.Html.Parser;
using StatusSite.Tests.Support;
using Xunit.Abstractions;

namespace StatusSite.Tests;

/// <summary>
/// The home page must arrive in the first TCP round trip (about 14 KB: ten segments of the initial
/// congestion window), because readers open it on a phone while our product is down.
/// </summary>
public sealed class PageWeightTests(ITestOutputHelper output)
{
    public const int FirstRoundTripBytes = 14 * 1024;
    public const int ScriptBytes = 2 * 1024;

    [Theory]
    [InlineData("sample-site", 4)]
    [InlineData("thirty-components", 0)]
    public async Task Home_page_html_and_css_fit_the_first_round_trip_and_the_script_stays_under_2_KB(string fixture, int metricCharts)
    {
        using var site = TestSite.FromFolder(Path.Combine(TestSite.RepoRoot, "tests", "StatusSite.Tests", "Fixtures", fixture));
        await site.BuildOkAsync();

        var html = Gzipped(Path.Combine(site.Output, "index.html"));
        var css = Gzipped(Path.Combine(site.Output, "assets", "site.css"));
        var script = File.ReadAllBytes(Path.Combine(site.Output, "assets", "site.js"));
        output.WriteLine($"{fixture}: home HTML {html} B + CSS {css} B = {html + css} B gzip (budget {FirstRoundTripBytes} B); script {script.Length} B, {Gzipped(script)} B gzip (budget {ScriptBytes} B)");

        // The sample site shows four metrics: the budget holds with their charts.
        Assert.Equal(metricCharts, site.Page().QuerySelectorAll(".charts svg").Length);
        Assert.True(html + css <= FirstRoundTripBytes, $"home page HTML ({html} B) + CSS ({css} B) gzip-compressed exceed {FirstRoundTripBytes} B");
        Assert.True(script.Length <= ScriptBytes, $"site.js is {script.Length} B, over {ScriptBytes} B");
    }

    [Fact]
    public async Task Pages_load_no_web_fonts_and_nothing_from_another_host()
    {
        using var site = TestSite.FromSample();
        await site.BuildOkAsync();

        var files = Directory.EnumerateFiles(site.Output, "*", SearchOption.AllDirectories).ToList();
        Assert.DoesNotContain(files, f => Path.GetExtension(f) is ".woff" or ".woff2" or ".ttf" or ".otf" or ".eot");
        foreach (var css in files.Where(f => f.EndsWith(".css", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(css);
            Assert.DoesNotContain("@font-face", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", text, StringComparison.OrdinalIgnoreCase);
        }

        var parser = new HtmlParser();
        foreach (var page in files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            using var document = parser.ParseDocument(File.ReadAllText(page));
            var fetched = document.QuerySelectorAll("link[rel~=stylesheet], link[rel~=preload], link[rel~=icon], script[src], img[src], iframe[src], source[src], video[src], audio[src]")
                .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? "");
            Assert.All(fetched, url => Assert.False(url.Contains("//", StringComparison.Ordinal), $"{page} loads {url} from another host"));
        }
    }

    private static int Gzipped(string path) => Gzipped(File.ReadAllBytes(path));

    private static int Gzipped(byte[] content)
    {
        using var buffer = new MemoryStream();
        // At zlib's default level (6), as web servers commonly compress, not the smallest gzip can make.
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return (int)buffer.Length;
    }
}
