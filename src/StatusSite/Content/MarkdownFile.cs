using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace StatusSite.Content;

/// <summary>
/// A content file split by Markdig into its front-matter block and its H2 sections.
/// Sections come from the syntax tree, so a '## ' inside a code block is never mistaken for an update.
/// </summary>
internal sealed class MarkdownFile
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private MarkdownFile(string[] lines, string? frontMatter, int frontMatterFirstLine, int frontMatterEndLine, string preamble, int preambleLine, IReadOnlyList<Section> sections)
    {
        Lines = lines;
        FrontMatterEndLine = frontMatterEndLine;
        FrontMatter = frontMatter;
        FrontMatterFirstLine = frontMatterFirstLine;
        Preamble = preamble;
        PreambleLine = preambleLine;
        Sections = sections;
    }

    /// <summary>The file's lines (LF-normalised, without the BOM).</summary>
    public string[] Lines { get; }

    /// <summary>The YAML between the '---' lines; null when the file has no front matter.</summary>
    public string? FrontMatter { get; }

    /// <summary>1-based file line of the front matter's first YAML line.</summary>
    public int FrontMatterFirstLine { get; }

    /// <summary>1-based line of the front matter's closing '---' (0 without front matter).</summary>
    public int FrontMatterEndLine { get; }

    /// <summary>Markdown between the front matter and the first H2, trimmed.</summary>
    public string Preamble { get; }

    public int PreambleLine { get; }

    public IReadOnlyList<Section> Sections { get; }

    /// <summary>An H2 heading and the Markdown lines under it, up to the next H2.</summary>
    /// <param name="Line">1-based line of the heading.</param>
    /// <param name="BodyLines">The lines under the heading, with their 1-based line numbers.</param>
    public sealed record Section(int Line, string Heading, IReadOnlyList<(int Line, string Text)> BodyLines);

    public static MarkdownFile Parse(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = text.Split('\n');
        var document = Markdown.Parse(text, Pipeline);
        string? frontMatter = null;
        var frontMatterFirstLine = 0;
        var bodyStart = 0;
        if (document.Count > 0 && document[0] is YamlFrontMatterBlock yaml)
        {
            frontMatter = string.Join('\n', yaml.Lines.Lines.Take(yaml.Lines.Count).Select(l => l.ToString()));
            frontMatterFirstLine = yaml.Line + 2;
            bodyStart = yaml.Line + yaml.Lines.Count + 2;
        }

        var headings = document.OfType<HeadingBlock>().Where(h => h.Level == 2 && h.Line >= bodyStart).Select(h => h.Line).ToList();
        var preambleEnd = headings.Count > 0 ? headings[0] : lines.Length;
        var preamble = JoinTrimmed(lines, bodyStart, preambleEnd, out var preambleLine);
        var sections = new List<Section>(headings.Count);
        for (var i = 0; i < headings.Count; i++)
        {
            var start = headings[i];
            var end = i + 1 < headings.Count ? headings[i + 1] : lines.Length;
            var heading = lines[start].Trim().TrimStart('#').TrimEnd('#').Trim();
            var body = new List<(int, string)>(end - start);
            for (var l = start + 1; l < end; l++)
            {
                body.Add((l + 1, lines[l]));
            }

            sections.Add(new Section(start + 1, heading, body));
        }

        return new MarkdownFile(lines, frontMatter, frontMatterFirstLine, bodyStart, preamble, preambleLine, sections);
    }

    /// <summary>Joins lines [from, to) and trims blank lines at both ends; reports the first non-blank line (1-based).</summary>
    public static string JoinTrimmed(IReadOnlyList<string> lines, int from, int to, out int firstLine)
    {
        while (from < to && string.IsNullOrWhiteSpace(lines[from]))
        {
            from++;
        }

        while (to > from && string.IsNullOrWhiteSpace(lines[to - 1]))
        {
            to--;
        }

        firstLine = from + 1;
        return string.Join('\n', Enumerable.Range(from, to - from).Select(i => lines[i]));
    }
}
