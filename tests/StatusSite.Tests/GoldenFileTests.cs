using System.Text;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// Output compared byte for byte with expected files under Golden/, built from the tests' own
/// fixture site (Fixtures/golden-site/) at a fixed clock, in English and in German. A change to
/// the output shows as a change to these files in review; STATUSSITE_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public sealed class GoldenFileTests
{
    private const string Now = "2026-11-27T00:00:00Z";

    private static readonly string Fixture = Path.Combine(TestSite.RepoRoot, "tests", "StatusSite.Tests", "Fixtures", "golden-site");

    private static readonly string Expected = Path.Combine(TestSite.RepoRoot, "tests", "StatusSite.Tests", "Golden");

    /// <summary>The files compared: the home page, an incident, a postmortem, the feed, the API summary and the badge.</summary>
    private static readonly string[] Files =
    [
        "index.html",
        "incidents/2026-11-20-api-outage/index.html",
        "postmortems/2026-11-20-api-outage/index.html",
        "feed.atom",
        "api/v2/summary.json",
        "badge.svg",
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Output_matches_the_expected_files(string language)
    {
        using var site = TestSite.Create(siteYml: null);
        foreach (var file in Directory.EnumerateFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Fixture, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            site.Write(relative, relative == "site.yml" ? text.Replace("language: en", $"language: {language}", StringComparison.Ordinal) : text);
        }

        await site.BuildOkAsync(Now);
        var update = Environment.GetEnvironmentVariable("STATUSSITE_UPDATE_GOLDEN") == "1";
        var mismatches = new StringBuilder();
        foreach (var file in Files)
        {
            var actual = File.ReadAllBytes(Path.Combine(site.Output, file));
            var expectedPath = Path.Combine(Expected, language, file);
            if (update)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
                File.WriteAllBytes(expectedPath, actual);
                continue;
            }

            var expected = File.Exists(expectedPath) ? File.ReadAllBytes(expectedPath) : null;
            if (expected is null || !expected.AsSpan().SequenceEqual(actual))
            {
                mismatches.Append(Diff($"Golden/{language}/{file}", expected, actual));
            }
        }

        Assert.True(mismatches.Length == 0, mismatches + "If the change is intended, run the tests with STATUSSITE_UPDATE_GOLDEN=1 and review the diff of tests/StatusSite.Tests/Golden/.");
    }

    /// <summary>The first lines that differ, with a little context, in the form of a unified diff.</summary>
    private static string Diff(string name, byte[]? expected, byte[] actual)
    {
        if (expected is null)
        {
            return $"{name} does not exist yet\n";
        }

        var a = Encoding.UTF8.GetString(expected).Split('\n');
        var b = Encoding.UTF8.GetString(actual).Split('\n');
        var first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        var (endA, endB) = (a.Length, b.Length);
        while (endA > first && endB > first && a[endA - 1] == b[endB - 1])
        {
            (endA, endB) = (endA - 1, endB - 1);
        }

        const int Context = 2;
        const int Shown = 12;
        var from = Math.Max(0, first - Context);
        var text = new StringBuilder($"--- expected {name}\n+++ actual\n@@ -{from + 1},{endA - from} +{from + 1},{endB - from} @@\n");
        for (var i = from; i < first; i++)
        {
            text.Append(' ').Append(a[i]).Append('\n');
        }

        foreach (var line in a[first..endA].Take(Shown))
        {
            text.Append('-').Append(line).Append('\n');
        }

        foreach (var line in b[first..endB].Take(Shown))
        {
            text.Append('+').Append(line).Append('\n');
        }

        if (endA - first > Shown || endB - first > Shown)
        {
            text.Append("… (more lines differ)\n");
        }

        return text.ToString();
    }
}
