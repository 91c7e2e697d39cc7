using System.Text;
using System.Xml;

namespace StatusSite.Outputs;

/// <summary>sitemap.xml and robots.txt.</summary>
public static class SitemapWriter
{
    public static string Sitemap(Uri baseUrl, IEnumerable<string> pageFiles)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(new StringWriter(builder), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var file in pageFiles.Order(StringComparer.Ordinal))
            {
                var path = file.EndsWith("index.html", StringComparison.Ordinal) ? file[..^"index.html".Length] : file;
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", new Uri(baseUrl, path).AbsoluteUri);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    public static string Robots(Uri baseUrl) =>
        $"User-agent: *\nAllow: /\nSitemap: {new Uri(baseUrl, "sitemap.xml").AbsoluteUri}\n";
}
