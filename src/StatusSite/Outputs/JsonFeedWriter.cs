using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using StatusSite.Core;

namespace StatusSite.Outputs;

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1) through System.Text.Json's source generator.</summary>
public static class JsonFeedWriter
{
    private static readonly JsonFeedContext Context = new(new JsonSerializerOptions
    {
        // The files are served as JSON, never inlined into HTML: keep dashes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NewLine = "\n",
    });

    public static byte[] Write(FeedDocument document)
    {
        var feed = new JsonFeed(
            "https://jsonfeed.org/version/1.1",
            document.Title,
            document.HomePage.AbsoluteUri,
            document.Self.AbsoluteUri,
            document.Subtitle,
            document.Language,
            [new JsonFeedAuthor(document.Author, document.HomePage.AbsoluteUri)],
            [.. document.Entries.Select(e => new JsonFeedItem(
                e.Id,
                e.Link.AbsoluteUri,
                e.Title,
                e.Html is { Length: > 0 } ? e.Html : null,
                e.Summary,
                e.Summary,
                Timestamp.ToIso(e.Published),
                Timestamp.ToIso(e.Updated),
                e.Categories.Count > 0 ? [.. e.Categories.Select(c => c.Label)] : null))]);
        return [.. JsonSerializer.SerializeToUtf8Bytes(feed, Context.JsonFeed), (byte)'\n'];
    }
}

internal sealed record JsonFeed(
    string Version,
    string Title,
    string HomePageUrl,
    string FeedUrl,
    string Description,
    string Language,
    IReadOnlyList<JsonFeedAuthor> Authors,
    IReadOnlyList<JsonFeedItem> Items);

internal sealed record JsonFeedAuthor(string Name, string Url);

/// <summary>An item must carry content_html or content_text; both are given when the body has HTML.</summary>
internal sealed record JsonFeedItem(
    string Id,
    string Url,
    string Title,
    string? ContentHtml,
    string ContentText,
    string Summary,
    string DatePublished,
    string DateModified,
    IReadOnlyList<string>? Tags);

[JsonSerializable(typeof(JsonFeed))]
internal sealed partial class JsonFeedContext : JsonSerializerContext;
