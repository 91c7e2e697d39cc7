using System.Text;
using System.Text.RegularExpressions;
using StatusSite.Reading;

namespace StatusSite.Tests;

/// <summary>The update heading is split without a regex exactly where the regex would split it.</summary>
public class UpdateHeadingTests
{
    private static readonly Regex Pattern = new(@"^(?<time>.+?)\s+[—–-]+\s+(?<status>[\p{L} ]+?)\s*$");

    [Theory]
    [InlineData("2026-11-26 10:02 UTC — Investigating")]
    [InlineData("2026-11-26T10:02:00Z - Identified")]
    [InlineData("2026-11-26 10:02 UTC –– In progress  ")]
    [InlineData("2026-11-26 -- 10:02 — Monitoring")]
    [InlineData("2026-11-26 10:02 UTC — Investigating 2")]
    [InlineData("2026-11-26 10:02 UTC Investigating")]
    [InlineData("— Resolved")]
    [InlineData("x —  ")]
    public void Splits_as_the_pattern_does(string heading) => AssertSame(heading);

    [Fact]
    public void Random_headings_split_as_the_pattern_splits_them()
    {
        var random = new Random(20261127);
        string[] pieces = ["2026-11-26", "10:02", "UTC", "Z", " ", " ", "  ", "\t", "\u00a0", "—", "–", "-", "--", "Investigating", "In progress", "é", "日本", "1", ":", ".", "\n", "x"];
        for (var n = 0; n < 20_000; n++)
        {
            var heading = new StringBuilder();
            for (var k = random.Next(1, 9); k > 0; k--)
            {
                heading.Append(pieces[random.Next(pieces.Length)]);
            }

            AssertSame(heading.ToString());
        }
    }

    private static void AssertSame(string heading)
    {
        var match = Pattern.Match(heading);
        var split = UpdateReader.SplitHeading(heading, out var time, out var status);
        Assert.Equal(match.Success, split);
        if (split)
        {
            Assert.Equal((match.Groups["time"].Value, match.Groups["status"].Value), (time, status));
        }
    }
}
