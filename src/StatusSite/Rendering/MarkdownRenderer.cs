using Markdig;

namespace StatusSite.Rendering;

/// <summary>
/// Renders content Markdown to HTML. Raw HTML is disabled: it is shown as text, because the
/// site is public and pull requests come from many hands. One pipeline, built once (it is thread-safe).
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    public static string ToHtml(string markdown) =>
        markdown.Length == 0 ? "" : Markdown.ToHtml(markdown, Pipeline).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Plain text of the Markdown, for feeds' summaries and the API's bodies.</summary>
    public static string ToPlainText(string markdown) =>
        markdown.Length == 0 ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();
}
