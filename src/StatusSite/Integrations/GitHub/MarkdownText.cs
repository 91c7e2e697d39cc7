using System.Text;

namespace StatusSite.Integrations.GitHub;

/// <summary>
/// Content quoted into GitHub Markdown (a pull-request comment, an issue body) so that it shows as written and does
/// nothing else: no formatting, no HTML, no @mention that notifies anyone, no #123 reference that links an issue.
/// </summary>
public static class MarkdownText
{
    /// <summary>A zero-width space: after '@' or '#', GitHub no longer sees a mention or a reference, and readers see no difference.</summary>
    private const char Breaker = '\u200B';

    /// <summary>One line of plain text: every Markdown sign escaped, HTML's signs as entities, line breaks as spaces.</summary>
    public static string Inline(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<':
                    result.Append("&lt;");
                    break;
                case '>':
                    result.Append("&gt;");
                    break;
                case '&':
                    result.Append("&amp;");
                    break;
                case '@' or '#':
                    result.Append(c).Append(Breaker);
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '|' or '~' or '{' or '}':
                    result.Append('\\').Append(c);
                    break;
                case var control when char.IsControl(control):
                    result.Append(' ');
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>A short value, such as a file path, in a code span: shown as written, without the backticks or line breaks that would end it.</summary>
    public static string Code(string text) => "`" + new string([.. text.Select(c => c == '`' || char.IsControl(c) ? '\'' : c)]) + "`";

    /// <summary>
    /// Text as a fenced code block, exactly as written (at most <paramref name="limit"/> characters): inside one GitHub
    /// renders no Markdown, no HTML and no mentions. The fence is longer than any run of backticks in the text, so the
    /// text cannot close it.
    /// </summary>
    public static string Block(string text, int limit = 2000)
    {
        text = text.ReplaceLineEndings("\n").Trim('\n');
        if (text.Length > limit)
        {
            text = string.Concat(text.AsSpan(0, limit), $"\n… ({text.Length - limit} more characters)");
        }

        var longest = 0;
        for (var (i, run) = (0, 0); i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{text}\n{fence}";
    }
}
