using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace StatusSite.Outputs;

/// <summary>Atom 1.0 and RSS 2.0 through System.ServiceModel.Syndication, never by string templates.</summary>
public static class FeedWriter
{
    public static byte[] Atom(FeedDocument document)
    {
        var feed = Feed(document, entry =>
        {
            var item = Item(entry);
            item.Summary = new TextSyndicationContent(entry.Summary, TextSyndicationContentKind.Plaintext);
            if (entry.Html is { Length: > 0 } html)
            {
                item.Content = new TextSyndicationContent(html, TextSyndicationContentKind.Html);
            }

            return item;
        });
        return Write(writer => new Atom10FeedFormatter(feed).WriteTo(writer));
    }

    public static byte[] Rss(FeedDocument document)
    {
        var feed = Feed(document, entry =>
        {
            var item = Item(entry);

            // RSS has one body element, <description>, which readers show as HTML.
            item.Summary = new TextSyndicationContent(entry.Html is { Length: > 0 } html ? html : entry.Summary, TextSyndicationContentKind.Html);
            return item;
        });

        // Plain RSS 2.0 without Atom extension elements; the feed's own address is its <link> to the home page.
        return Write(writer => new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer));
    }

    private static SyndicationFeed Feed(FeedDocument document, Func<FeedEntry, SyndicationItem> item)
    {
        var feed = new SyndicationFeed(document.Title, document.Subtitle, document.HomePage, document.Id, document.Updated)
        {
            Language = document.Language,
            Generator = "StatusSite",
            Items = [.. document.Entries.Select(item)],
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(document.Self, document.Self.AbsoluteUri.EndsWith(".rss", StringComparison.Ordinal) ? "application/rss+xml" : "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = document.Author, Uri = document.HomePage.AbsoluteUri });
        return feed;
    }

    private static SyndicationItem Item(FeedEntry entry)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = new TextSyndicationContent(entry.Title),
            PublishDate = entry.Published.ToUniversalTime(),
            LastUpdatedTime = entry.Updated.ToUniversalTime(),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(entry.Link, "text/html"));
        foreach (var category in entry.Categories)
        {
            item.Categories.Add(new SyndicationCategory(category.Term, null, category.Label));
        }

        return item;
    }

    private static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            write(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
