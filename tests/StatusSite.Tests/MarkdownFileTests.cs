using System.Text;
using StatusSite.Benchmarks;
using StatusSite.Reading;

namespace StatusSite.Tests;

/// <summary>
/// Reading a plainly written file line by line finds the front matter and H2 headings Markdig finds, or declines;
/// and it does read the files people write, or it would save nothing.
/// </summary>
public sealed class MarkdownFileTests
{
    [Fact]
    public void Every_generated_incident_is_read_line_by_line_as_Markdig_reads_it()
    {
        var root = Path.Combine(Path.GetTempPath(), "statussite-markdownfile-" + Guid.NewGuid().ToString("N"));
        try
        {
            CorpusGenerator.Write(root, 200);
            foreach (var file in Directory.GetFiles(root, "*.md", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllText(file).Split('\n');
                var plain = MarkdownFile.PlainBlocks(lines);
                if (plain is not null || file.Contains("incidents", StringComparison.Ordinal))
                {
                    Assert.Equal(Describe(MarkdownFile.MarkdigBlocks(string.Join('\n', lines))), Describe(plain ?? throw new InvalidOperationException(file + " was declined")));
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Random files of front matter and body lines, with every kind of line Markdig could read as something else.</summary>
    [Fact]
    public void Random_files_are_declined_or_read_as_Markdig_reads_them()
    {
        string[] openings = ["--- ", "----", "...", "title: x", ""];
        string[] frontMatter = ["title: x", "severity: SEV2", "", "  api: partial_outage", " ", "# comment", "- item", "...", "---", "--- ", "----", ". x", "-x", "a\tb", "\ttitle: x"];
        string[] closings = ["--- ", "...", "----", ""];
        string[] body =
        [
            "", "", "Text of an update.", "## 2026-11-26 10:02 UTC — Investigating", "- 10:02 UTC: impact began.", "1. Why did requests fail?", "## Summary", "##", "## ",
            "## x ##", "# Title", "### Sub", "###### six", "####### seven", "#tag", "#", "##x", "##\tx", "Components: api=operational", "Next update: 2026-11-26 11:00 UTC",
            "é text", "\u00A0text", "   ", " ## indented", "  text", "    code", "* item", "+ item", "2) item", "10. item", "1994. A year", "> quote", "> ## quoted",
            "- ## listed", "- ```", "> ```", "- <div>", "> <div>", "- ~~~", "```", "~~~", "<div>", "<!-- blameless-ignore: quoted -->", "---", "===", "-", "--", "=",
            "- - -", "***", "* * *", "___", "**bold** text", "_x_", "[a]: https://x.example", "[a]: /url \"title", "\\## escaped", "`code`", "|a|b|", "!img", "&amp;",
            "+", "-x", "--- x", "Text ==", "\ttab", "a\tb", "x\0y",
        ];
        var random = new Random(20261127);
        var read = 0;
        for (var n = 0; n < 20000; n++)
        {
            var text = new StringBuilder(random.Next(8) == 0 ? openings[random.Next(openings.Length)] : "---").Append('\n');
            for (var i = random.Next(0, 4); i > 0; i--)
            {
                text.Append(random.Next(6) == 0 ? frontMatter[random.Next(frontMatter.Length)] : frontMatter[random.Next(5)]).Append('\n');
            }

            text.Append(random.Next(8) == 0 ? closings[random.Next(closings.Length)] : "---");
            for (var i = random.Next(0, 8); i > 0; i--)
            {
                text.Append('\n').Append(random.Next(3) == 0 ? body[random.Next(body.Length)] : body[random.Next(7)]);
            }

            var file = text.ToString();
            if (MarkdownFile.PlainBlocks(file.Split('\n')) is { } plain)
            {
                read++;
                Assert.Equal(file + Describe(MarkdownFile.MarkdigBlocks(file)), file + Describe(plain));
            }
        }

        // Enough files are read line by line for the comparison to mean something.
        Assert.True(read > 2000, $"only {read} files were read line by line");
    }

    private static string Describe(MarkdownFile.Blocks blocks) =>
        $"front matter {(blocks.FrontMatter is null ? "none" : "«" + blocks.FrontMatter + "»")} from line {blocks.FrontMatterFirstLine}, body from {blocks.BodyStart}, H2 at {string.Join(", ", blocks.Headings)}";
}
