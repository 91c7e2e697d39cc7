namespace StatusSite.Rendering;

/// <summary>
/// Renders Markdown that is only paragraphs of plain prose — most status updates — without a
/// Markdown parser, to exactly what <see cref="MarkdownRenderer"/>'s pipeline makes of it. Anything
/// that could be more (emphasis, a link, a list, a heading, an escape, an entity, raw HTML, a web
/// address, leading or trailing spaces) is declined, and the pipeline renders it. A test holds the
/// two to the same output over random text. At 10,000 incidents the pipeline parsed 35,000
/// updates for their pages and again for their summaries.
/// </summary>
internal static class PlainParagraphs
{
    /// <summary>The HTML, each paragraph in &lt;p&gt;; null when the text may be more than paragraphs.</summary>
    public static string? ToHtml(string markdown) => Render(markdown, html: true);

    /// <summary>The text, paragraphs one per line, as the pipeline's plain-text rendering trims it; null when declined.</summary>
    public static string? ToPlainText(string markdown) => Render(markdown, html: false);

    private static string? Render(string markdown, bool html)
    {
        if (!IsPlain(markdown))
        {
            return null;
        }

        var output = new System.Text.StringBuilder(markdown.Length + 32);
        var inParagraph = false;

        // Lines end at '\n' only: IsPlain has declined every other line break. The searches here
        // are plain loops, as the framework's vectorized ones ran unoptimized in the compiled tool.
        for (var start = 0; start <= markdown.Length;)
        {
            var end = markdown.IndexOf('\n', start);
            end = end < 0 ? markdown.Length : end;
            var line = markdown.AsSpan(start, end - start);
            start = end + 1;
            if (IsBlank(line))
            {
                if (inParagraph)
                {
                    output.Append(html ? "</p>\n" : "\n");
                    inParagraph = false;
                }

                continue;
            }

            if (!IsPlainLine(line))
            {
                return null;
            }

            if (inParagraph)
            {
                output.Append('\n');
            }
            else if (html)
            {
                output.Append("<p>");
            }

            inParagraph = true;
            var quote = html ? line.IndexOf('"') : -1;
            while (quote >= 0)
            {
                output.Append(line[..quote]).Append("&quot;");
                line = line[(quote + 1)..];
                quote = line.IndexOf('"');
            }

            output.Append(line);
        }

        if (inParagraph)
        {
            output.Append(html ? "</p>\n" : "\n");
        }

        return html ? output.ToString() : output.ToString().Trim();
    }

    /// <summary>
    /// The ASCII characters that Markdown, its extensions or HTML give a meaning, and the white space
    /// and control characters other than ' ' and '\n': a table, as this runs over every update.
    /// </summary>
    private static readonly bool[] Special = SpecialCharacters();

    private static bool[] SpecialCharacters()
    {
        var special = new bool[128];
        foreach (var c in "\\`*_[]<>&#|~^+=!{}@$\u007f")
        {
            special[c] = true;
        }

        for (var c = 0; c < ' '; c++)
        {
            special[c] = c != '\n';
        }

        return special;
    }

    /// <summary>No character that Markdown, its extensions or HTML give a meaning, and no web address.</summary>
    private static bool IsPlain(string markdown)
    {
        var special = Special;
        foreach (var c in markdown)
        {
            if (c < special.Length ? special[c] : char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return !markdown.Contains("://", StringComparison.Ordinal)
            && !ContainsIgnoringCase(markdown, "www.")
            && !ContainsIgnoringCase(markdown, "mailto:")
            && !ContainsIgnoringCase(markdown, "tel:");
    }

    /// <summary>Whether the text holds a lower-case ASCII word in any case.</summary>
    private static bool ContainsIgnoringCase(string text, string lowerWord)
    {
        for (var i = 0; i <= text.Length - lowerWord.Length; i++)
        {
            var k = 0;
            while (k < lowerWord.Length && (text[i + k] | 0x20) == lowerWord[k])
            {
                k++;
            }

            if (k == lowerWord.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An empty line or one of spaces only: IsPlain has declined every other kind of white space.</summary>
    private static bool IsBlank(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (c != ' ')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A line that can only continue or start a paragraph: no indentation, no trailing space, no list marker.</summary>
    private static bool IsPlainLine(ReadOnlySpan<char> line)
    {
        if (line[0] == ' ' || line[^1] == ' ' || line[0] is '-' or ':' or '.' or ')' or '(' or '\'' or '"')
        {
            return false;
        }

        // "1." "a)" "iv." and the like open an ordered list (the pipeline reads letters and roman numerals too).
        var word = 0;
        while (word < line.Length && char.IsAsciiLetterOrDigit(line[word]))
        {
            word++;
        }

        return word == line.Length || line[word] is not ('.' or ')');
    }
}
