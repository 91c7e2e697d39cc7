using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

using StatusSite.Core;

namespace StatusSite.Reading;

/// <summary>
/// The limits that keep a mangled or hostile file from crashing or stalling a build, checked on the raw text before
/// anything parses it: no control characters, raw or written as character references such as '&amp;#1;' (XML feeds
/// cannot hold them, and they hide what a line says), and no
/// Markdown nested deeper than <see cref="MaxNesting"/> levels. The nesting bound keeps Markdig well below its own
/// depth limit (128, which it enforces by throwing) and keeps its link parsing linear: a run of '[a](' that never
/// closes is rescanned for each opener, which took minutes for a 500 KB paragraph.
/// </summary>
internal static partial class ContentLimits
{
    /// <summary>The deepest nesting of quotes, lists, indentation and open brackets in Markdown, and of YAML blocks.</summary>
    internal const int MaxNesting = 32;

    /// <summary>
    /// C0 controls other than tab, line feed and carriage return; DEL; the C1 controls; and U+FFFE and U+FFFF, which
    /// are no characters at all (XML cannot hold them either).
    /// </summary>
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c), '\uFFFE', '\uFFFF']);

    /// <summary>
    /// Reports the first control character in <paramref name="text"/>, raw or as a numeric character reference, which
    /// Markdown decodes (anywhere, as the raw check looks anywhere); true when there is none. '&amp;#0;' is left alone:
    /// CommonMark reads it as U+FFFD.
    /// </summary>
    public static bool CheckControlCharacters(string display, string text, DiagnosticBag diagnostics)
    {
        var at = text.AsSpan().IndexOfAny(ControlCharacters);
        if (at >= 0)
        {
            diagnostics.Error(display, LineAt(text, at), $"this line holds the invisible control character {Describe(text[at])}, which no page or feed can show; remove it");
            return false;
        }

        if (text.Contains("&#", StringComparison.Ordinal))
        {
            foreach (Match reference in NumericReference().Matches(text))
            {
                var hex = reference.Groups["hex"];
                var value = int.Parse(hex.Success ? hex.ValueSpan : reference.Groups["decimal"].ValueSpan, hex.Success ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
                if (value is > 0 and <= char.MaxValue && ControlCharacters.Contains((char)value))
                {
                    diagnostics.Error(display, LineAt(text, reference.Index), $"the character reference '{reference.Value}' stands for the invisible control character {Describe((char)value)}, which no page or feed can show; remove it");
                    return false;
                }
            }
        }

        return true;
    }

    private static string Describe(char c) => $"U+{(int)c:X4}" + c switch
    {
        '\u001B' => " (ESC: pasted terminal colours?)",
        '\0' => " (NUL: is this a binary file?)",
        '\b' => " (backspace)",
        _ => "",
    };

    /// <summary>A numeric character reference as CommonMark reads one: up to 7 decimal or 6 hexadecimal digits.</summary>
    [GeneratedRegex("&#(?:(?<decimal>[0-9]{1,7})|[xX](?<hex>[0-9a-fA-F]{1,6}));")]
    private static partial Regex NumericReference();

    /// <summary>
    /// Reports the first Markdown line nested more than <see cref="MaxNesting"/> levels deep; true when there is none.
    /// A line's block depth counts each '&gt;' and list marker at its start and each two columns of indentation; a
    /// paragraph's bracket depth counts the '[' and '(' left open, each kind on its own. Front matter is YAML, bounded
    /// by the YAML reader, and is skipped.
    /// </summary>
    public static bool CheckMarkdownNesting(string display, string text, DiagnosticBag diagnostics)
    {
        // Line by line over the text itself: every file is checked, so nothing is split or copied.
        var rest = Body(text, out var number);
        var squareDepth = 0;
        var roundDepth = 0;
        while (!rest.IsEmpty)
        {
            var line = NextLine(ref rest);
            number++;
            if (line.IsWhiteSpace())
            {
                // Links and their destinations never span a blank line.
                squareDepth = roundDepth = 0;
                continue;
            }

            var blockDepth = BlockDepth(line);
            var tooDeep = blockDepth > MaxNesting;
            for (var scan = line; !tooDeep && scan.IndexOfAny(Brackets) is var p and >= 0; scan = scan[(p + 1)..])
            {
                switch (scan[p])
                {
                    case '[': tooDeep = ++squareDepth > MaxNesting; break;
                    case ']': squareDepth = Math.Max(0, squareDepth - 1); break;
                    case '(': tooDeep = ++roundDepth > MaxNesting; break;
                    default: roundDepth = Math.Max(0, roundDepth - 1); break;
                }
            }

            if (tooDeep)
            {
                diagnostics.Error(display, number, blockDepth > MaxNesting
                    ? $"this line is nested more than {MaxNesting} levels deep (each '>', list marker and two columns of indentation at its start is one level); flatten the quotes and lists"
                    : $"this paragraph leaves more than {MaxNesting} '[' or '(' open by this line; close each '[' with ']' and each '(' with ')', or write them as '\\[' and '\\('");
                return false;
            }
        }

        return true;
    }

    private static readonly SearchValues<char> Brackets = SearchValues.Create("[]()");

    /// <summary>The text after the front matter's closing '---' or '...', with the number of lines before it; the whole text without closed front matter.</summary>
    private static ReadOnlySpan<char> Body(string text, out int linesBefore)
    {
        var rest = text.AsSpan();
        if (NextLine(ref rest) is "---")
        {
            for (linesBefore = 2; !rest.IsEmpty; linesBefore++)
            {
                if (NextLine(ref rest) is "---" or "...")
                {
                    return rest;
                }
            }
        }

        linesBefore = 0;
        return text;
    }

    /// <summary>The next line of <paramref name="rest"/> without its line break ('\n' or '\r\n'), and moves past it.</summary>
    private static ReadOnlySpan<char> NextLine(ref ReadOnlySpan<char> rest)
    {
        var end = rest.IndexOf('\n');
        var line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[(end + 1)..];
        return line.EndsWith('\r') ? line[..^1] : line;
    }

    /// <summary>The nesting a line opens at its start: each '&gt;' and list marker, and each two columns of indentation.</summary>
    private static int BlockDepth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var columns = 0;
        for (var p = 0; p < line.Length && depth + (columns / 2) <= MaxNesting;)
        {
            var c = line[p];
            if (c is ' ' or '\t')
            {
                columns += c == '\t' ? 4 : 1;
                p++;
                continue;
            }

            var marker = c switch
            {
                '>' => p + 1,
                '-' or '+' or '*' => p + 1 < line.Length && line[p + 1] is ' ' or '\t' ? p + 1 : -1,
                _ => OrderedMarkerEnd(line, p),
            };
            if (marker < 0)
            {
                break;
            }

            depth++;
            p = marker;
        }

        return depth + (columns / 2);
    }

    /// <summary>The index after an ordered list marker ('1.' or '1)' followed by a space) at <paramref name="p"/>, or -1.</summary>
    private static int OrderedMarkerEnd(ReadOnlySpan<char> line, int p)
    {
        var end = p;
        while (end < line.Length && end - p < 9 && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        return end > p && end + 1 < line.Length && line[end] is '.' or ')' && line[end + 1] is ' ' or '\t' ? end + 1 : -1;
    }

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
