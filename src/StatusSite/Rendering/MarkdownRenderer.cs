using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StatusSite.Rendering;

/// <summary>
/// Renders content Markdown to HTML. Raw HTML is disabled: it is shown as text, because the
/// site is public and pull requests come from many hands. For the same reason a link or image
/// keeps only a safe target (<see cref="LinkTargets"/>); any other is shown as text. HTML comments
/// are author notes and are cut before rendering. The syntax is the site's one (<see cref="MarkdownPipelines"/>).
/// </summary>
public static class MarkdownRenderer
{
    public static string ToHtml(string markdown) =>
        markdown.Length == 0 ? "" : PlainParagraphs.ToHtml(markdown) ?? PipelineHtml(markdown);

    /// <summary>The pipeline's HTML, for what <see cref="PlainParagraphs"/> declines.</summary>
    internal static string PipelineHtml(string markdown) =>
        Markdown.ToHtml(WithoutComments(markdown), MarkdownPipelines.Safe).Replace("\r\n", "\n", StringComparison.Ordinal);

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
        renderer.Render(Markdown.Parse(WithoutComments(markdown), MarkdownPipelines.Safe));
        writer.Flush();
        return writer.ToString().Trim();
    }

    /// <summary>
    /// The Markdown without its HTML comments (author notes, such as '&lt;!-- blameless-ignore: … --&gt;'): each
    /// comment block and inline comment is cut from its '&lt;!--' to its '--&gt;' (a comment block never closed runs to
    /// the end, as CommonMark reads it). What the comment separated stays separated: a block leaves its line empty.
    /// </summary>
    internal static string WithoutComments(string markdown)
    {
        if (!markdown.Contains("<!--", StringComparison.Ordinal))
        {
            return markdown;
        }

        var document = Markdown.Parse(markdown, MarkdownPipelines.Fragments);
        var comments = document.Descendants<HtmlBlock>().Where(b => b.Type == HtmlBlockType.Comment).Select(b => b.Span)
            .Concat(document.Descendants<HtmlInline>().Where(i => i.Tag.StartsWith("<!--", StringComparison.Ordinal)).Select(i => i.Span))
            .OrderBy(s => s.Start);
        var text = new StringBuilder(markdown.Length);
        var at = 0;
        foreach (var span in comments)
        {
            var start = markdown.IndexOf("<!--", span.Start, StringComparison.Ordinal);
            var close = markdown.IndexOf("-->", start + 2, StringComparison.Ordinal);
            var end = close < 0 || close > span.End ? span.End + 1 : close + 3;
            text.Append(markdown, at, start - at);
            at = end;
        }

        return text.Append(markdown, at, markdown.Length - at).ToString();
    }

    private static (HtmlRenderer, StringWriter) CreatePlainTextRenderer()
    {
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        MarkdownPipelines.Safe.Setup(renderer);
        return (renderer, writer);
    }
}
