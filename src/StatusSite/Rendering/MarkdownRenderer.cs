using Markdig;
using Markdig.Renderers;

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
        markdown.Length == 0 ? "" : PlainParagraphs.ToHtml(markdown) ?? PipelineHtml(markdown);

    /// <summary>The pipeline's HTML, for what <see cref="PlainParagraphs"/> declines.</summary>
    internal static string PipelineHtml(string markdown) =>
        Markdown.ToHtml(markdown, Pipeline).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>One plain-text renderer per thread: building a renderer costs more than rendering a short update.</summary>
    [ThreadStatic]
    private static (HtmlRenderer Renderer, StringWriter Writer)? _plainText;

    /// <summary>Plain text of the Markdown, for feeds' summaries, the API's bodies and page descriptions.</summary>
    public static string ToPlainText(string markdown) =>
        markdown.Length == 0 ? "" : PlainParagraphs.ToPlainText(markdown) ?? PipelineText(markdown);

    /// <summary>The pipeline's plain text, for what <see cref="PlainParagraphs"/> declines.</summary>
    internal static string PipelineText(string markdown)
    {
        var (renderer, writer) = _plainText ??= CreatePlainTextRenderer();
        writer.GetStringBuilder().Clear();
        renderer.Render(Markdown.Parse(markdown, Pipeline));
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static (HtmlRenderer, StringWriter) CreatePlainTextRenderer()
    {
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        return (renderer, writer);
    }
}
