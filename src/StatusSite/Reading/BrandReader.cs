using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>
/// Reads the logo and icon site.yml names and checks them before they are published: a file inside input/ of a kind
/// its extension says, no larger than <see cref="MaxBytes"/>. An SVG is a document a browser runs when it is opened on
/// its own (the page shows it through <c>&lt;img&gt;</c>, where nothing runs, but its address can be opened directly),
/// so one with script, event handlers, HTML, <c>foreignObject</c> or a reference to anything outside itself is refused.
/// </summary>
/// <param name="displayRoot">How messages name input/.</param>
/// <param name="display">How messages name a file of input/, by its full path.</param>
/// <param name="isRefused">Whether a path is a symbolic link leading outside input/, already reported.</param>
internal sealed partial class BrandReader(string inputDir, string displayRoot, Func<string, string> display, Func<string, bool> isRefused, DiagnosticBag diagnostics)
{
    /// <summary>The largest logo or icon: a logo is a few kilobytes; more would weigh on every page's first visit.</summary>
    internal const int MaxBytes = 256 * 1024;

    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>Elements that run script or embed other documents, in any namespace.</summary>
    private static readonly HashSet<string> ForbiddenElements = new(["script", "foreignObject", "iframe", "embed", "object", "handler", "listener"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the file at <paramref name="relative"/> (as site.yml writes it) for <paramref name="key"/>; null, with the error, when it cannot be used.</summary>
    /// <param name="kinds">The kinds the key takes, by extension.</param>
    /// <param name="name">The name it is published under, without extension, such as 'logo'.</param>
    public BrandImage? Read(string relative, string key, int line, string siteYml, IReadOnlyDictionary<string, ImageKind> kinds, string name)
    {
        var extension = Path.GetExtension(relative).ToLowerInvariant();
        if (!kinds.TryGetValue(extension, out var kind))
        {
            var allowed = string.Join(" or ", kinds.Keys.Select(k => k.TrimStart('.').ToUpperInvariant()));
            diagnostics.Error(siteYml, line, $"{key} '{MessageText.Excerpt(relative)}' is not an {allowed} file; export the image as {allowed} and write that file's path");
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(inputDir, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(inputDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            diagnostics.Error(siteYml, line, $"{key} '{MessageText.Excerpt(relative)}' is outside {displayRoot}/; copy the file into {displayRoot}/ and write its path from there, such as '{name}{extension}'");
            return null;
        }

        for (var path = full; path.Length > inputDir.Length; path = Path.GetDirectoryName(path)!)
        {
            if (isRefused(path))
            {
                return null; // A link leading outside input/: reported where it is, and never read.
            }
        }

        byte[] bytes;
        try
        {
            var size = new FileInfo(full).Length;
            if (size > MaxBytes)
            {
                diagnostics.Error(siteYml, line, string.Create(CultureInfo.InvariantCulture, $"{key} '{relative}' is {size / 1024.0:0} KB, more than the {MaxBytes / 1024} KB a logo or icon may be; export it smaller (an SVG logo is usually a few KB)"));
                return null;
            }

            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(siteYml, line, File.Exists(full)
                ? $"{key} '{relative}' cannot be read ({e.Message}); check its permissions"
                : $"{key} '{relative}' does not exist in {displayRoot}/; add the file, or correct the path (it is written from {displayRoot}/, such as 'images/{name}{extension}')");
            return null;
        }

        var own = kind switch
        {
            ImageKind.Svg => SvgSize(bytes, display(full)),
            ImageKind.Png => PngSize(bytes, display(full)),
            _ => IcoSize(bytes, display(full)),
        };
        return own is var (width, height) ? new BrandImage(name + extension, kind, bytes, width, height) : null;
    }

    private (double, double)? PngSize(byte[] bytes, string display)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(signature) || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            diagnostics.Error(display, 1, "this file is not a PNG image (it does not start as one); export the image as PNG, or use an SVG");
            return null;
        }

        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)));
        if (width == 0 || height == 0 || width > 10_000 || height > 10_000)
        {
            diagnostics.Error(display, 1, $"this PNG says it is {width} × {height} pixels; export it at a usual size, such as 512 × 128");
            return null;
        }

        return (width, height);
    }

    private (double, double)? IcoSize(byte[] bytes, string display)
    {
        if (bytes.Length < 6 || BinaryPrimitives.ReadUInt16LittleEndian(bytes) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2)) != 1)
        {
            diagnostics.Error(display, 1, "this file is not an .ico icon (it does not start as one); export the icon as ICO, or name a PNG or SVG");
            return null;
        }

        return (0, 0);
    }

    /// <summary>The SVG's own size (viewBox, else width and height) when it is safe to publish; null, with the error at its line, otherwise.</summary>
    private (double, double)? SvgSize(byte[] bytes, string display)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, MaxCharactersInDocument = MaxBytes * 4L };
        (double, double)? size = null;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            var lines = (IXmlLineInfo)reader;
            var inStyle = false;
            while (reader.Read())
            {
                var line = lines.LineNumber;
                string? problem = reader.NodeType switch
                {
                    XmlNodeType.Element when size is null && (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace) =>
                        $"this file is not an SVG image: it starts with <{reader.Name}>, not <svg xmlns=\"{SvgNamespace}\">; export the logo as SVG or PNG",
                    XmlNodeType.Element => ProblemOfElement(reader, ref line),
                    XmlNodeType.ProcessingInstruction when reader.Name.Equals("xml-stylesheet", StringComparison.OrdinalIgnoreCase) =>
                        "this SVG loads a stylesheet (<?xml-stylesheet?>); remove it, and put any styles inside the SVG",
                    XmlNodeType.Text or XmlNodeType.CDATA when inStyle => ProblemOfStyle(reader.Value),
                    _ => null,
                };
                if (problem is not null)
                {
                    diagnostics.Error(display, line, problem);
                    return null;
                }

                if (reader.NodeType == XmlNodeType.Element && size is null)
                {
                    size = ViewSize(reader);
                    if (size is null)
                    {
                        diagnostics.Error(display, line, "this SVG has no size: its <svg> element has neither a viewBox nor a width and height; add one, such as viewBox=\"0 0 120 32\"");
                        return null;
                    }
                }

                inStyle = reader.NodeType switch
                {
                    XmlNodeType.Element => reader.LocalName == "style" && !reader.IsEmptyElement,
                    XmlNodeType.EndElement => false,
                    _ => inStyle,
                };
            }
        }
        catch (XmlException e)
        {
            var problem = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "this SVG has a DOCTYPE, which can define entities that expand without bound; remove the <!DOCTYPE …> line"
                : $"this SVG is not well-formed XML ({e.Message}); export it again from the drawing program";
            diagnostics.Error(display, Math.Max(1, e.LineNumber), problem);
            return null;
        }

        if (size is null)
        {
            diagnostics.Error(display, 1, "this SVG has no <svg> element; export the logo as SVG or PNG");
        }

        return size;
    }

    /// <summary>Why an element cannot be published, or null: script, HTML, embedded documents, event handlers, references out of the file.</summary>
    /// <param name="line">The element's line; set to an attribute's line when the problem is there.</param>
    private static string? ProblemOfElement(XmlReader element, ref int line)
    {
        if (ForbiddenElements.Contains(element.LocalName))
        {
            return $"this SVG has a <{element.Name}> element, which can run script or embed another document when the file is opened; remove it (a logo needs only shapes, text and styles)";
        }

        if (element.NamespaceURI == "http://www.w3.org/1999/xhtml")
        {
            return $"this SVG holds the HTML element <{element.Name}>; remove it (a logo needs only shapes, text and styles)";
        }

        for (var more = element.MoveToFirstAttribute(); more; more = element.MoveToNextAttribute())
        {
            var (name, value) = (element.LocalName, element.Value);
            line = ((IXmlLineInfo)element).LineNumber;
            if (element.NamespaceURI == "http://www.w3.org/2000/xmlns/" || name == "xmlns")
            {
                continue;
            }

            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return $"this SVG has the event handler attribute '{element.Name}', which runs script; remove it";
            }

            if ((name is "href" or "src" && !value.TrimStart().StartsWith('#')) || ExternalUrl().IsMatch(value))
            {
                return $"this SVG refers to '{MessageText.Excerpt(value)}' outside itself ({element.Name}); a logo must be one self-contained file, so embed what it needs or remove the reference";
            }

            if (name.Equals("attributeName", StringComparison.OrdinalIgnoreCase) && value.Contains("href", StringComparison.OrdinalIgnoreCase))
            {
                return "this SVG animates a link address (attributeName=\"href\"), which can lead to script; remove the animation";
            }
        }

        element.MoveToElement();
        return null;
    }

    private static string? ProblemOfStyle(string css) =>
        css.Contains("@import", StringComparison.OrdinalIgnoreCase) || ExternalUrl().IsMatch(css)
            ? "this SVG's styles load something from outside it (@import or url(…)); keep the styles inside the SVG and remove the reference"
            : null;

    /// <summary>The size the <c>&lt;svg&gt;</c> element gives itself: its viewBox, else its width and height in user units or px.</summary>
    private static (double, double)? ViewSize(XmlReader svg)
    {
        static double? Number(string? text) =>
            text is not null && double.TryParse(text.Trim().TrimEnd("px".ToCharArray()), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n) ? n : null;

        var box = svg.GetAttribute("viewBox")?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (box is { Length: 4 } && Number(box[2]) is { } w && Number(box[3]) is { } h)
        {
            return (w, h);
        }

        return Number(svg.GetAttribute("width")) is { } width && Number(svg.GetAttribute("height")) is { } height ? (width, height) : null;
    }

    /// <summary>A CSS or attribute url(…) that points anywhere but at a fragment of the same file.</summary>
    [GeneratedRegex(@"url\s*\(\s*['""]?\s*(?!#)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExternalUrl();
}
