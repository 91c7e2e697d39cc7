using StatusSite.Core;

namespace StatusSite.Model;

/// <summary>The site's own look from site.yml: its accent colour in each scheme, its logo and its icon; all optional.</summary>
public sealed record Brand(Accent? Accent, BrandImage? Logo, BrandImage? Icon)
{
    public static readonly Brand None = new(null, null, null);

    /// <summary>
    /// The page backgrounds of the default theme (<c>--bg</c> and <c>--card</c> in theme/assets/site.css) that links and
    /// buttons in the accent colour sit on: the configured accent is checked against these.
    /// </summary>
    public static readonly IReadOnlyList<Colour> LightBackgrounds = [Colour.Parse("#ffffff"), Colour.Parse("#f5f7f9")];

    /// <inheritdoc cref="LightBackgrounds"/>
    public static readonly IReadOnlyList<Colour> DarkBackgrounds = [Colour.Parse("#0f1419"), Colour.Parse("#17202a")];
}

/// <summary>The accent for the light scheme and for the dark one, each at 4.5:1 or more on that scheme's backgrounds.</summary>
public sealed record Accent(Colour Light, Colour Dark);

public enum ImageKind
{
    Svg,
    Png,
    Ico,
}

/// <summary>A logo or icon read from input/ and checked: published as it is, at <paramref name="Name"/> under the brand folder.</summary>
/// <param name="Name">The file name it is published under, such as 'logo.svg'.</param>
/// <param name="Width">Its own width: a PNG's pixels, an SVG's viewBox or width; 0 for an .ico.</param>
/// <param name="Height">Its own height, in the same unit as <paramref name="Width"/>.</param>
public sealed record BrandImage(string Name, ImageKind Kind, byte[] Bytes, double Width, double Height)
{
    /// <summary>The MIME type a <c>&lt;link rel="icon"&gt;</c> names.</summary>
    public string MediaType => Kind switch
    {
        ImageKind.Svg => "image/svg+xml",
        ImageKind.Png => "image/png",
        _ => "image/x-icon",
    };
}
