using System.Text;
using StatusSite.Rendering;

namespace StatusSite.Tests;

/// <summary>The plain-prose fast path must render exactly what the Markdown pipeline renders, or decline.</summary>
public class PlainParagraphsTests
{
    [Theory]
    [InlineData("We are investigating elevated error rates on the API.")]
    [InlineData("Traffic has moved to the standby cluster; errors fell at 14:05 UTC.\nWe keep watching.\n\nNext update within the hour (or sooner).")]
    [InlineData("A \"quoted\" word, an apostrophe's place, 99.9% and 3/4 of requests.")]
    [InlineData("\n\nTwo blank lines first, and one at the end.\n")]
    public void Plain_prose_takes_the_fast_path_and_matches_the_pipeline(string markdown)
    {
        Assert.NotNull(PlainParagraphs.ToHtml(markdown));
        Assert.Equal(PipelineHtml(markdown), PlainParagraphs.ToHtml(markdown));
        Assert.Equal(PipelineText(markdown), PlainParagraphs.ToPlainText(markdown));
    }

    [Theory]
    [InlineData("See https://example.com for details.")]
    [InlineData("Visit www.example.com")]
    [InlineData("1. First\n2. Second")]
    [InlineData("a) one")]
    [InlineData("Some *emphasis* here")]
    [InlineData("Title\n---")]
    [InlineData("    indented code")]
    [InlineData("line with a hard break  \nnext")]
    [InlineData("Fish & chips")]
    [InlineData("<b>raw</b>")]
    public void Anything_more_than_prose_is_declined(string markdown)
    {
        Assert.Null(PlainParagraphs.ToHtml(markdown));
        Assert.Null(PlainParagraphs.ToPlainText(markdown));
    }

    [Fact]
    public void Random_text_is_declined_or_rendered_as_the_pipeline_renders_it()
    {
        var random = new Random(20261127);
        string[] pieces =
        [
            "word", "Word", "API", "14:05", "UTC", "2026-11-27", "99.9%", " ", " ", " ", "  ", "\n", "\n", "\n\n", "\n   \n",
            ".", ",", ";", ":", "?", "(", ")", "\"", "'", "-", "--", "—", "/", "1.", "2)", "a.", "iv.", "x)", "é", "ß", "日本",
            "*", "_", "`", "#", "[", "]", "<", ">", "&", "|", "~", "^", "+", "=", "!", "\\", "@", "$", "\t", "\r", "\u00a0",
            "http://x.y", "www.x", "WwW.y", "mailto:a", "MAILTO:b", "maılto:c", "tel:1", "Tel:2", "***", "===", "> ", "- ", "+ ", "# ",
            "javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "vbscript:y", "](", "](javascript:z)", "[x]: javascript:w", "<!--", "-->",
            "<!-- note -->", "jav&#x61;script:v",
        ];
        var accepted = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 30); k > 0; k--)
            {
                // Mostly words, so that a good share of inputs are plain; now and then a space ends a line.
                var piece = random.Next(5) == 0 ? pieces[random.Next(pieces.Length)] : pieces[random.Next(6)];
                if (piece.StartsWith('\n') && random.Next(8) != 0)
                {
                    text.Length = text.ToString().TrimEnd(' ').Length;
                }

                text.Append(piece);
                text.Append(piece.EndsWith('\n') || random.Next(4) == 0 ? "" : " ");
            }

            var markdown = random.Next(8) == 0 ? text.ToString() : text.ToString().TrimEnd(' ');
            if (PlainParagraphs.ToHtml(markdown) is { } html)
            {
                accepted++;
                Assert.Equal(PipelineHtml(markdown), html);
                Assert.Equal(PipelineText(markdown), PlainParagraphs.ToPlainText(markdown));
            }
            else
            {
                Assert.Null(PlainParagraphs.ToPlainText(markdown));
            }
        }

        // The test is only worth something if both paths are taken often.
        Assert.InRange(accepted, 2_000, 18_000);
    }

    private static string PipelineHtml(string markdown) => markdown.Length == 0 ? "" : MarkdownRenderer.PipelineHtml(markdown);

    private static string PipelineText(string markdown) => markdown.Length == 0 ? "" : MarkdownRenderer.PipelineText(markdown);
}
