using System.Globalization;
using StatusSite.Model;

namespace StatusSite.Presentation;

/// <summary>
/// The site's brand as pages show it: the logo in the header at a fixed size, the icon the pages link, the accent as
/// the stylesheet's <c>--accent</c> in each scheme, and the files to publish. Without a brand, the theme's own icon.
/// </summary>
public sealed class BrandView
{
    /// <summary>The logo's height in the header, in CSS pixels; its width follows its proportions up to <see cref="LogoMaxWidth"/>.</summary>
    public const int LogoHeight = 32;

    public const int LogoMaxWidth = 240;

    public BrandView(Brand brand, string siteTitle)
    {
        if (brand.Logo is { } logo)
        {
            var width = (int)Math.Round(LogoHeight * logo.Width / logo.Height);
            Logo = width <= LogoMaxWidth
                ? new LogoView(PathOf(logo), siteTitle, Math.Max(1, width), LogoHeight)
                : new LogoView(PathOf(logo), siteTitle, LogoMaxWidth, Math.Max(1, (int)Math.Round(LogoMaxWidth * logo.Height / logo.Width)));
        }

        Icon = brand.Icon is { } icon ? new IconLink(PathOf(icon), icon.MediaType, icon.Kind == ImageKind.Ico ? "32x32" : null) : new IconLink(Routes.Favicon, null, "32x32");
        Files = [.. new[] { brand.Logo, brand.Icon }.OfType<BrandImage>().Distinct().Select(image => (PathOf(image), image.Bytes))];
        if (brand.Accent is { } accent)
        {
            AccentCss = string.Create(CultureInfo.InvariantCulture, $"\n/* The site's accent, from site.yml. */\n:root {{ --accent: {accent.Light}; }}\n@media (prefers-color-scheme: dark) {{ :root {{ --accent: {accent.Dark}; }} }}\n");
        }
    }

    /// <summary>The logo for the header, or null for the site's name in text.</summary>
    public LogoView? Logo { get; }

    /// <summary>The icon every page links.</summary>
    public IconLink Icon { get; }

    /// <summary>The rules the stylesheet ends with, or null without an accent: in the stylesheet rather than in each page, so a Content-Security-Policy without 'unsafe-inline' keeps working.</summary>
    public string? AccentCss { get; }

    /// <summary>The logo and icon files, each once, by their site address.</summary>
    public IReadOnlyList<(string Path, byte[] Bytes)> Files { get; }

    /// <summary>An .ico replaces the theme's at the root, where browsers ask for it on their own; the others go to the brand folder.</summary>
    private static string PathOf(BrandImage image) => image.Kind == ImageKind.Ico ? Routes.Favicon : Routes.Brand(image.Name);
}

/// <summary>The header's logo: its address, its text alternative (the site's name) and its size, so it never moves the page.</summary>
public sealed record LogoView(string Path, string Alt, int Width, int Height);

/// <summary>A page's <c>&lt;link rel="icon"&gt;</c>.</summary>
public sealed record IconLink(string Path, string? MediaType, string? Sizes);
