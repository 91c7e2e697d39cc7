using System.Globalization;

namespace StatusSite.Core;

/// <summary>An sRGB colour written as <c>#rrggbb</c>.</summary>
public readonly record struct Colour(byte R, byte G, byte B)
{
    /// <summary>Reads <c>#rrggbb</c> (either case); false for anything else, the short <c>#rgb</c> and names included.</summary>
    public static bool TryParse(string? text, out Colour colour)
    {
        colour = default;
        if (text is not { Length: 7 } || text[0] != '#' || !uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }

        colour = new Colour((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    public static Colour Parse(string text) =>
        TryParse(text, out var colour) ? colour : throw new FormatException($"'{text}' is not a #rrggbb colour");

    /// <summary>WCAG 2 relative luminance: 0 for black, 1 for white.</summary>
    public double Luminance => (0.2126 * Linear(R)) + (0.7152 * Linear(G)) + (0.0722 * Linear(B));

    /// <summary>This colour moved a share (0..1) of the way towards <paramref name="target"/>.</summary>
    public Colour Towards(Colour target, double share) =>
        new(Mix(R, target.R, share), Mix(G, target.G, share), Mix(B, target.B, share));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static byte Mix(byte from, byte to, double share) => (byte)Math.Round(from + ((to - from) * share), MidpointRounding.AwayFromZero);
}

/// <summary>WCAG 2 contrast between colours, and the nearest colour that reaches a ratio.</summary>
public static class Contrast
{
    /// <summary>What WCAG AA asks of text of normal size, links and button labels included.</summary>
    public const double TextMinimum = 4.5;

    public static readonly Colour Black = new(0, 0, 0);
    public static readonly Colour White = new(255, 255, 255);

    /// <summary>The contrast ratio of two colours, from 1 (none) to 21 (black on white).</summary>
    public static double Ratio(Colour a, Colour b)
    {
        var (la, lb) = (a.Luminance, b.Luminance);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>The lowest ratio of <paramref name="colour"/> against any of <paramref name="backgrounds"/>.</summary>
    public static double Lowest(Colour colour, IEnumerable<Colour> backgrounds) => backgrounds.Min(b => Ratio(colour, b));

    /// <summary>
    /// <paramref name="colour"/> moved towards <paramref name="target"/> (black to darken, white to lighten) in steps of 1 %
    /// until it reaches <paramref name="minimum"/> against every background: the hue stays, only the lightness changes.
    /// Null when even the target does not reach it.
    /// </summary>
    public static Colour? Adjusted(Colour colour, Colour target, IReadOnlyList<Colour> backgrounds, double minimum = TextMinimum)
    {
        for (var step = 0; step <= 100; step++)
        {
            var candidate = colour.Towards(target, step / 100.0);
            if (Lowest(candidate, backgrounds) >= minimum)
            {
                return candidate;
            }
        }

        return null;
    }
}
