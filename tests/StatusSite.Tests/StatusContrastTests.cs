using System.Text.RegularExpressions;
using StatusSite.Core;
using StatusSite.Tests.Support;
using Xunit.Abstractions;

namespace StatusSite.Tests;

/// <summary>
/// Every status colour of the default theme (the text and icon colour of a status chip, label or
/// banner) reaches WCAG AA contrast (4.5:1, the figure for normal-size text) on every background the
/// theme gives a status a place on, in the light and the dark scheme: the colours are read from
/// theme/assets/site.css, not copied here.
/// </summary>
public sealed partial class StatusContrastTests(ITestOutputHelper output)
{
    private const double TextContrast = 4.5;

    [Fact]
    public void Every_status_colour_reaches_4_5_to_1_on_every_background_in_both_schemes()
    {
        var css = Stylesheet.Read(Path.Combine(TestSite.ThemeDir, "assets", "site.css"));
        Assert.True(css.StatusColours.Count >= 5, "expected a colour for operational, degraded, partial, major and maintenance: " + string.Join(", ", css.StatusColours));
        Assert.Contains("--bg", css.Backgrounds);
        Assert.Contains("--card", css.Backgrounds);

        var failures = new List<string>();
        foreach (var (scheme, values) in new[] { ("light", css.Light), ("dark", css.Dark) })
        {
            foreach (var status in css.StatusColours)
            {
                foreach (var background in css.Backgrounds)
                {
                    var ratio = Contrast(values[status], values[background]);
                    output.WriteLine($"{scheme}: {status} {values[status]} on {background} {values[background]}: {ratio:0.00}:1");
                    if (ratio < TextContrast)
                    {
                        failures.Add($"{scheme}: {status} {values[status]} on {background} {values[background]} is {ratio:0.00}:1, under {TextContrast}:1");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_banner_is_filled_with_its_status_colour_and_written_in_the_page_background()
    {
        // So the banner's text and icon on its fill are the pair checked above: a status colour against --bg.
        var css = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "assets", "site.css"));
        Assert.Matches(@"\n\.banner \{[^}]*background: currentColor;", css);
        Assert.Contains(".banner > * { color: var(--bg); }", css, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#c24e00", "#f5f7f9", 4.46)]
    public void Contrast_is_the_WCAG_ratio_of_relative_luminances(string foreground, string background, double expected) =>
        Assert.Equal(expected, Contrast(foreground, background), 2);

    private static double Contrast(string a, string b) => StatusSite.Core.Contrast.Ratio(Colour.Parse(a), Colour.Parse(b));

    /// <summary>The colour variables of the theme's stylesheet and where the status colours are used.</summary>
    private sealed partial record Stylesheet(
        IReadOnlyDictionary<string, string> Light, IReadOnlyDictionary<string, string> Dark,
        IReadOnlyList<string> StatusColours, IReadOnlyList<string> Backgrounds)
    {
        public static Stylesheet Read(string path)
        {
            var css = Comment().Replace(File.ReadAllText(path), "");
            var light = Variables(LightRoot().Match(css).Groups["body"].Value);
            var dark = new Dictionary<string, string>(light);
            foreach (var (name, value) in Variables(DarkRoot().Match(css).Groups["body"].Value))
            {
                dark[name] = value;
            }

            Assert.True(DarkRoot().IsMatch(css), "no dark scheme in " + path);
            var rules = Rule().Matches(css).Select(m => (Selector: m.Groups["selector"].Value.Trim(), Body: m.Groups["body"].Value)).ToList();

            // A status colour is what a .s-<status> class paints its text and icon with.
            var statuses = rules.Where(r => StatusClass().IsMatch(r.Selector))
                .SelectMany(r => Uses(r.Body, "color")).Distinct().Order(StringComparer.Ordinal).ToList();

            // Status text appears on every background the theme paints, except inside the uptime bars
            // (coloured days whose only text is the day's tooltip, which is drawn in --fg/--bg).
            var backgrounds = rules.Where(r => !r.Selector.Contains(".uptime", StringComparison.Ordinal))
                .SelectMany(r => Uses(r.Body, "background")).Distinct().Order(StringComparer.Ordinal).ToList();
            return new Stylesheet(light, dark, statuses, backgrounds);
        }

        private static Dictionary<string, string> Variables(string body) =>
            Variable().Matches(body).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.ToLowerInvariant());

        private static IEnumerable<string> Uses(string body, string property) =>
            Declaration().Matches(body).Where(m => m.Groups["property"].Value.StartsWith(property, StringComparison.Ordinal)).Select(m => m.Groups["var"].Value);

        [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
        private static partial Regex Comment();

        [GeneratedRegex(@"^:root\s*\{(?<body>[^}]*)\}", RegexOptions.Multiline)]
        private static partial Regex LightRoot();

        [GeneratedRegex(@"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(?<body>[^}]*)\}")]
        private static partial Regex DarkRoot();

        [GeneratedRegex(@"(?<name>--[\w-]+)\s*:\s*(?<value>#[0-9a-fA-F]{6})\b")]
        private static partial Regex Variable();

        [GeneratedRegex(@"(?<selector>[^{}]+)\{(?<body>[^{}]*)\}")]
        private static partial Regex Rule();

        [GeneratedRegex(@"\.s-[\w-]+")]
        private static partial Regex StatusClass();

        [GeneratedRegex(@"(?<![\w-])(?<property>color|background(?:-color)?)\s*:\s*var\((?<var>--[\w-]+)\)")]
        private static partial Regex Declaration();
    }
}
