using System.Buffers.Binary;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// A site's own brand without overriding templates: site.yml's logo (SVG or PNG in input/, shown in the header at a
/// fixed size with the site's name as its text), its icon (the logo's unless named) and its accent colour, checked
/// for contrast in both schemes and published through the stylesheet.
/// </summary>
public sealed class BrandTests
{
    /// <summary>A logo three times as wide as it is high, with its own dark-scheme colour.</summary>
    private const string Logo = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 32">
          <style>path { fill: #0b57c2 } @media (prefers-color-scheme: dark) { path { fill: #7cb7ff } }</style>
          <defs><linearGradient id="g"><stop offset="0" stop-color="#0b57c2"/></linearGradient></defs>
          <path d="M0 32 16 0h8l16 32z" fill="url(#g)"/><use href="#g"/>
        </svg>
        """;

    private static string SiteYml(string brand) =>
        TestSite.DefaultSiteYml.Replace("components:", brand + "\ncomponents:", StringComparison.Ordinal);

    [Theory]
    [InlineData("#777777", "#ffffff", 4.48)]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#0b57c2", "#ffffff", 6.65)]
    [InlineData("#7cb7ff", "#0f1419", 8.88)]
    public void Contrast_is_the_WCAG_ratio_of_relative_luminances(string foreground, string background, double expected) =>
        Assert.Equal(expected, Contrast.Ratio(Colour.Parse(foreground), Colour.Parse(background)), 2);

    [Theory]
    [InlineData("#0B57C2", true)]
    [InlineData("#0b57c2", true)]
    [InlineData("0b57c2", false)]
    [InlineData("#fff", false)]
    [InlineData("#0b57cg", false)]
    [InlineData("#+b57c2", false)]
    [InlineData("blue", false)]
    public void Only_six_hex_digits_after_a_hash_are_a_colour(string text, bool valid) =>
        Assert.Equal(valid, Colour.TryParse(text, out _));

    [Theory]
    [InlineData("#ff9900", "#000000", "#a36200")]
    [InlineData("#777777", "#000000", "#717171")]
    [InlineData("#0b57c2", "#ffffff", "#5288d4")]
    public void The_suggested_colour_is_the_first_step_that_passes_on_every_background(string colour, string towards, string expected)
    {
        var backgrounds = towards == "#000000" ? Brand.LightBackgrounds : Brand.DarkBackgrounds;
        var suggested = Contrast.Adjusted(Colour.Parse(colour), Colour.Parse(towards), backgrounds)!.Value;

        Assert.Equal(expected, suggested.ToString());
        Assert.True(Contrast.Lowest(suggested, backgrounds) >= Contrast.TextMinimum);
        var (original, target) = (Colour.Parse(colour), Colour.Parse(towards));
        var step = Enumerable.Range(0, 101).First(s => original.Towards(target, s / 100.0) == suggested);
        Assert.True(step > 0);
        Assert.True(Contrast.Lowest(original.Towards(target, (step - 1) / 100.0), backgrounds) < Contrast.TextMinimum);
    }

    [Fact]
    public void The_backgrounds_the_accent_is_checked_on_are_the_theme_s()
    {
        var css = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "assets", "site.css"));
        var dark = css[css.IndexOf("prefers-color-scheme: dark", StringComparison.Ordinal)..];
        Assert.Contains($"--bg: {Brand.LightBackgrounds[0]};", css, StringComparison.Ordinal);
        Assert.Contains($"--card: {Brand.LightBackgrounds[1]};", css, StringComparison.Ordinal);
        Assert.Contains($"--bg: {Brand.DarkBackgrounds[0]};", dark, StringComparison.Ordinal);
        Assert.Contains($"--card: {Brand.DarkBackgrounds[1]};", dark, StringComparison.Ordinal);
        Assert.Contains("--link: var(--accent);", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_svg_logo_shows_in_the_header_at_a_fixed_size_and_is_the_icon_and_the_accent_ends_the_stylesheet()
    {
        using var site = TestSite.Create(SiteYml("logo: images/logo.svg\naccent: \"#8a1c7c\""));
        site.Write("images/logo.svg", Logo);
        var result = await site.BuildOkAsync();

        var page = site.Page("components/api/");
        var logo = page.QuerySelector("header a.brand img")!;
        Assert.Equal("../../brand/logo.svg", logo.GetAttribute("src"));
        Assert.Equal("Acme Status", logo.GetAttribute("alt"));
        Assert.Equal(("96", "32"), (logo.GetAttribute("width"), logo.GetAttribute("height")));
        var icon = Assert.Single(page.QuerySelectorAll("link[rel=icon]"));
        Assert.Equal(("../../brand/logo.svg", "image/svg+xml"), (icon.GetAttribute("href"), icon.GetAttribute("type")));
        Assert.Equal(Logo, site.ReadOutput("brand/logo.svg"));

        var accent = result.Model!.Settings.Brand.Accent!;
        Assert.Equal("#8a1c7c", accent.Light.ToString());
        Assert.True(Contrast.Lowest(accent.Dark, Brand.DarkBackgrounds) >= Contrast.TextMinimum, $"derived dark accent {accent.Dark}");
        Assert.EndsWith($":root {{ --accent: #8a1c7c; }}\n@media (prefers-color-scheme: dark) {{ :root {{ --accent: {accent.Dark}; }} }}\n", site.ReadOutput("assets/site.css"), StringComparison.Ordinal);

        // The theme's icon stays where browsers ask for it on their own.
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestSite.ThemeDir, "assets", "favicon.ico")), File.ReadAllBytes(Path.Combine(site.Output, "favicon.ico")));
    }

    [Fact]
    public async Task Without_a_brand_the_header_says_the_name_and_pages_link_the_theme_s_icon()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();

        var page = site.Page();
        Assert.Null(page.QuerySelector("header img"));
        Assert.Equal("Acme Status", page.QuerySelector("header a.brand")!.TextContent);
        Assert.Equal("favicon.ico", page.QuerySelector("link[rel=icon]")!.GetAttribute("href")?.TrimStart('.', '/'));
        Assert.False(Directory.Exists(Path.Combine(site.Output, "brand")));
        Assert.Equal(File.ReadAllText(Path.Combine(TestSite.ThemeDir, "assets", "site.css")), site.ReadOutput("assets/site.css"));
    }

    [Fact]
    public async Task A_wide_png_logo_is_scaled_to_fit_and_a_named_ico_replaces_the_theme_s_icon()
    {
        using var site = TestSite.Create(SiteYml("logo: logo.png\nfavicon: favicon.ico\naccent: \"#0b57c2\"\naccent_dark: \"#9ecbff\""));
        site.WriteBytes("logo.png", Png(1200, 100));
        byte[] ico = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0];
        site.WriteBytes("favicon.ico", ico);
        var result = await site.BuildOkAsync();

        var page = site.Page();
        var logo = page.QuerySelector("header a.brand img")!;
        Assert.Equal(("240", "20"), (logo.GetAttribute("width"), logo.GetAttribute("height")));
        Assert.Equal("brand/logo.png", logo.GetAttribute("src")!.TrimStart('.', '/'));
        Assert.Equal("favicon.ico", page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!.TrimStart('.', '/'));
        Assert.Equal(ico, File.ReadAllBytes(Path.Combine(site.Output, "favicon.ico")));
        Assert.Equal("#9ecbff", result.Model!.Settings.Brand.Accent!.Dark.ToString());
    }

    [Fact]
    public async Task A_png_logo_is_the_icon_when_none_is_named()
    {
        using var site = TestSite.Create(SiteYml("logo: logo.png"));
        site.WriteBytes("logo.png", Png(64, 64));
        await site.BuildOkAsync();

        var icon = site.Page().QuerySelector("link[rel=icon]")!;
        Assert.Equal(("brand/logo.png", "image/png"), (icon.GetAttribute("href")!.TrimStart('.', '/'), icon.GetAttribute("type")));
        Assert.Equal(("32", "32"), (site.Page().QuerySelector("header img")!.GetAttribute("width"), site.Page().QuerySelector("header img")!.GetAttribute("height")));
    }

    /// <summary>The first bytes of a PNG of a size: signature and header chunk, which is all the reader looks at.</summary>
    internal static byte[] Png(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }
}
