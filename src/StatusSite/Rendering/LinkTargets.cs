using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StatusSite.Rendering;

/// <summary>
/// Which link targets content may use: web addresses (http, https), mail addresses (mailto), and addresses
/// without a scheme (relative paths and '#fragments'). Any other scheme (javascript:, data:, vbscript:, …) would
/// run or show something the site's readers did not ask for, so such a link or image is shown as text.
/// </summary>
internal static class LinkTargets
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>
    /// Whether a browser would follow the target to a safe place. The target is Markdig's (entities and escapes
    /// decoded) and is read as <see cref="Shown"/> has it: a browser drops leading control characters and spaces and
    /// tabs and line breaks anywhere, and reads the scheme in any case.
    /// </summary>
    public static bool IsSafe(string? url)
    {
        var target = Shown(url);
        var colon = target.IndexOf(':', StringComparison.Ordinal);

        // A scheme is a letter, then letters, digits, '+', '-' or '.': without one, the target is relative.
        if (colon < 1 || !char.IsAsciiLetter(target[0]) || target.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters))
        {
            return true;
        }

        return SafeSchemes.Contains(target[..colon], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The target without control characters (no feed or page may hold them) and without surrounding white space.</summary>
    private static string Shown(string? url) => string.Concat((url ?? "").Where(c => !char.IsControl(c))).Trim();

    /// <summary>
    /// Turns every link, image and autolink with an unsafe target into text: an autolink into its address, a link or
    /// image into its text (or image description) followed by the target in parentheses, so a reader sees what was written.
    /// </summary>
    internal static void Disarm(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafe(l.Url)).ToList())
        {
            if (link.IsAutoLink)
            {
                link.ReplaceBy(new LiteralInline(Shown(link.Url)));
                continue;
            }

            var hasText = link.FirstChild is not null;
            while (link.FirstChild is { } child)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.ReplaceBy(new LiteralInline(hasText ? $" ({Shown(link.Url)})" : $"({Shown(link.Url)})"));
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().Where(a => !IsSafe(a.Url)).ToList())
        {
            autolink.ReplaceBy(new LiteralInline(Shown(autolink.Url)));
        }
    }
}
