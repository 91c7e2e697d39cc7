using System.Text;
using System.Xml;
using StatusSite.Presentation;

namespace StatusSite.Outputs;

/// <summary>sitemap.xml (split into a sitemap index and parts on large sites) and robots.txt.</summary>
public static class SitemapWriter
{
    /// <summary>
    /// URLs per sitemap file. The protocol allows 50,000, but a long history would make one file
    /// of megabytes; a thousand keeps each part near 100 KB.
    /// </summary>
    public const int UrlsPerFile = 1000;

    /// <summary>
    /// The sitemap files for the given pages: 'sitemap.xml' alone when they fit in one file,
    /// else 'sitemap.xml' as an index of 'sitemaps/1.xml', 'sitemaps/2.xml', ….
    /// </summary>
    public static IReadOnlyList<(string Path, Func<string> Produce)> Files(Uri baseUrl, IEnumerable<string> pageFiles)
    {
        var urls = pageFiles
            .Select(Routes.AddressOf)
            .Order(StringComparer.Ordinal)
            .Select(path => Routes.Absolute(baseUrl, path))
            .ToList();
        if (urls.Count <= UrlsPerFile)
        {
            return [(Routes.Sitemap, () => UrlSet(urls))];
        }

        var parts = urls.Chunk(UrlsPerFile).Select((chunk, i) => (Path: Routes.SitemapPart(i + 1), Urls: chunk)).ToList();
        var files = new List<(string, Func<string>)> { (Routes.Sitemap, () => Index(parts.Select(p => Routes.Absolute(baseUrl, p.Path)))) };
        files.AddRange(parts.Select(p => (p.Path, (Func<string>)(() => UrlSet(p.Urls)))));
        return files;
    }

    public static string Robots(Uri baseUrl) =>
        $"User-agent: *\nAllow: /\nSitemap: {Routes.Absolute(baseUrl, Routes.Sitemap)}\n";

    private static string UrlSet(IEnumerable<string> urls) => Write("urlset", "url", urls);

    private static string Index(IEnumerable<string> sitemaps) => Write("sitemapindex", "sitemap", sitemaps);

    private static string Write(string root, string item, IEnumerable<string> locations)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(new StringWriter(builder), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root, "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var location in locations)
            {
                writer.WriteStartElement(item);
                writer.WriteElementString("loc", location);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }
}
