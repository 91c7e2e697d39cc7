using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using StatusSite.Rendering;

namespace StatusSite.Reading;

/// <summary>
/// A content file split into its front-matter block and its H2 sections, as Markdig's block structure has them:
/// a '## ' inside a code block is never mistaken for an update. Files written plainly enough are split line by line
/// to the same result (<see cref="PlainBlocks"/>), the others by Markdig's parser.
/// </summary>
internal sealed class MarkdownFile
{
    private MarkdownFile(string[] lines, string? frontMatter, int frontMatterFirstLine, int frontMatterEndLine, string preamble, int preambleLine, IReadOnlyList<Section> sections, MarkdownDocument? document)
    {
        Document = document;
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

    /// <summary>Markdig's tree of the whole file (its text is <see cref="Lines"/> joined by '\n'); kept only when asked for.</summary>
    public MarkdownDocument? Document { get; }

    /// <summary>An H2 heading and the Markdown lines under it, up to the next H2.</summary>
    /// <param name="Line">1-based line of the heading.</param>
    /// <param name="BodyLines">The lines under the heading, with their 1-based line numbers.</param>
    public sealed record Section(int Line, string Heading, IReadOnlyList<(int Line, string Text)> BodyLines);

    /// <summary>What the file's block structure says: its front matter and the lines (0-based) of its top-level H2 headings.</summary>
    /// <param name="BodyStart">0-based line after the front matter; 0 without front matter.</param>
    /// <param name="Document">Markdig's tree; null when the blocks were read line by line.</param>
    internal sealed record Blocks(string? FrontMatter, int FrontMatterFirstLine, int BodyStart, List<int> Headings, MarkdownDocument? Document = null);

    /// <summary>Splits a file; with <paramref name="keepDocument"/> it is always parsed by Markdig and keeps the tree (a postmortem's, which the analysis walks).</summary>
    public static MarkdownFile Parse(string text, bool keepDocument = false)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = text.Split('\n');
        var (frontMatter, frontMatterFirstLine, bodyStart, headings, document) = (keepDocument ? null : PlainBlocks(lines)) ?? MarkdigBlocks(text);
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

        return new MarkdownFile(lines, frontMatter, frontMatterFirstLine, bodyStart, preamble, preambleLine, sections, document);
    }

    /// <summary>The blocks as Markdig parses them: right for every file, but most of the cost of reading one.</summary>
    internal static Blocks MarkdigBlocks(string text)
    {
        var document = Markdown.Parse(text, MarkdownPipelines.Files);
        string? frontMatter = null;
        var frontMatterFirstLine = 0;
        var bodyStart = 0;
        if (document.Count > 0 && document[0] is YamlFrontMatterBlock yaml)
        {
            // An empty block ('---' closed at once by '...') has no line array at all.
            frontMatter = yaml.Lines.Count == 0 ? "" : string.Join('\n', yaml.Lines.Lines.Take(yaml.Lines.Count).Select(l => l.ToString()));
            frontMatterFirstLine = yaml.Line + 2;
            bodyStart = yaml.Line + yaml.Lines.Count + 2;
        }

        return new Blocks(frontMatter, frontMatterFirstLine, bodyStart, [.. document.OfType<HeadingBlock>().Where(h => h.Level == 2 && h.Line >= bodyStart).Select(h => h.Line)], document);
    }

    /// <summary>
    /// The blocks of a file whose body starts every line at its first column: front matter between two '---' lines,
    /// then paragraphs, '#' headings, lists, quotes and the like. Read line by line, because in such a file a line
    /// '## …' is always a top-level H2: only a code fence or an HTML block could hold it, and only a line of '-' could
    /// make an H2 of the text above it, so a file with a line starting with '`', '~' or '&lt;', a line of only '-' or
    /// '=', an indented line, or a tab or control character is left to Markdig, as is every file without front matter.
    /// </summary>
    internal static Blocks? PlainBlocks(string[] lines)
    {
        if (lines[0] != "---")
        {
            return null;
        }

        var close = 1;
        while (close < lines.Length && (lines[close].Length == 0 || lines[close][0] is not ('-' or '.')))
        {
            if (HasControlCharacter(lines[close]))
            {
                return null;
            }

            close++;
        }

        // An empty front matter ('---' twice) is Markdig's to judge: it depends on the lines after it.
        if (close == 1 || close == lines.Length || lines[close] != "---")
        {
            return null;
        }

        var headings = new List<int>();
        for (var i = close + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var first = line.AsSpan().IndexOfAnyExcept(' ');
            if (first < 0)
            {
                continue;
            }

            if (first > 0 || line[0] is '`' or '~' or '<' || line.AsSpan().IndexOfAnyExcept("-= ") < 0 || HasControlCharacter(line))
            {
                return null;
            }

            // '## ' or a bare '##' is an H2; other lines starting with '#' are other headings or text.
            if (line.StartsWith("##", StringComparison.Ordinal) && (line.Length == 2 || line[2] == ' '))
            {
                headings.Add(i);
            }
        }

        return new Blocks(string.Join('\n', lines, 1, close - 1), 2, close + 1, headings);
    }

    private static bool HasControlCharacter(string line)
    {
        foreach (var c in line)
        {
            if (c < ' ')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Joins lines [from, to) and trims blank lines at both ends; reports the first non-blank line (1-based).</summary>
    public static string JoinTrimmed(ReadOnlySpan<string> lines, int from, int to, out int firstLine)
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
        return string.Join('\n', lines[from..to]);
    }
}
