using Markdig;

namespace StatusSite.Rendering;

/// <summary>
/// The site's one Markdown syntax, in one place: CommonMark with autolinks, pipe tables, the emphasis extras and the
/// list extras. Reading, linting, analysing and rendering all parse with it, so a postmortem's tree is the one its
/// page shows. Markdig fixes two choices when it parses, not when it renders, so the syntax comes in three pipelines
/// that differ only in them (each built once; a pipeline is thread-safe).
/// </summary>
internal static class MarkdownPipelines
{
    /// <summary>A content file as written: its front matter, and HTML read as HTML (comments, '&lt;!-- blameless-ignore --&gt;').</summary>
    public static readonly MarkdownPipeline Files = Syntax().UseYamlFrontMatter().Build();

    /// <summary>A Markdown fragment (an update, a section) with HTML read as HTML: only to find its comments, which are cut before rendering.</summary>
    public static readonly MarkdownPipeline Fragments = Syntax().Build();

    /// <summary>A fragment as the site renders it: raw HTML read as text, and only safe link targets kept (<see cref="LinkTargets"/>).</summary>
    public static readonly MarkdownPipeline Safe = SafePipeline();

    private static MarkdownPipeline SafePipeline()
    {
        var builder = Syntax().DisableHtml();
        builder.DocumentProcessed += LinkTargets.Disarm;
        return builder.Build();
    }

    private static MarkdownPipelineBuilder Syntax() => new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras();
}
