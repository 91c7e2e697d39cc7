using System.Collections.Frozen;
using System.Text;

namespace StatusSite.Publishing;

/// <summary>Where one attribute's name and raw (not yet entity-decoded) value lie in the page.</summary>
internal readonly record struct HtmlAttribute(int NameStart, int NameLength, int ValueStart, int ValueLength);

/// <summary>
/// Walks the start and end tags of one page for the <see cref="HtmlChecker"/>, as the HTML tokenizer
/// would see them: comments, doctypes and other declarations are skipped, the content of script,
/// style, title and the other raw-text elements is skipped to their end tag, a '&lt;' that starts
/// nothing is text, and names are lower-cased. It builds no tokens and decodes nothing: attributes
/// are positions in the page, and only the checker decides which to read, so a page costs one pass
/// and hardly any allocation. What it cannot read past — the end of the file inside a tag, comment
/// or quoted value — and an attribute given twice are problems on the line where the construct starts.
/// </summary>
internal ref struct HtmlScanner
{
    // What ends a name or value, as bits of one table. The runs a tag is made of are a few
    // characters long, and the scan over them is a plain loop in this assembly: SearchValues' searchers
    // are generic code the ahead-of-time compiled tool does not hold, so they ran unoptimized for
    // most of a large build (a tenth of its CPU time at 10,000 pages).
    private const byte Space = 1;
    private const byte Slash = 2;
    private const byte Greater = 4;
    private const byte EqualsSign = 8;
    private const byte TagNameEnd = Space | Slash | Greater;
    private const byte AttributeNameEnd = TagNameEnd | EqualsSign;
    private const byte UnquotedValueEnd = Space | Greater;

    private static readonly byte[] Classes = ClassTable();

    /// <summary>Elements whose content is not markup: everything up to their end tag is skipped.</summary>
    private static readonly FrozenSet<string> RawTextElements = FrozenSet.Create(StringComparer.Ordinal,
        "script", "style", "xmp", "iframe", "noembed", "noframes", "title", "textarea");

    /// <summary>
    /// Names a page is made of, so the name of a tag costs a lookup rather than a new string; a name
    /// not listed here (a custom element) is still read, only allocated. Bucketed by length and first
    /// letter in plain arrays: in the ahead-of-time compiled tool a frozen set's span lookup boxed
    /// every character it compared (240 MB at 10,000 pages).
    /// </summary>
    private static readonly string[][] KnownNames = Buckets(
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br", "button",
        "canvas", "caption", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div",
        "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map",
        "mark", "math", "menu", "meta", "meter", "nav", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option",
        "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select",
        "slot", "small", "source", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "template", "textarea",
        "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr", "xmp",
        "svg", "g", "path", "use", "symbol", "defs", "circle", "rect", "line", "polyline", "polygon", "ellipse", "text", "tspan",
        "desc", "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "image", "marker");

    private readonly ReadOnlySpan<char> _html;
    private readonly List<(int Line, string Message)> _problems;
    private HtmlAttribute[] _attributes = new HtmlAttribute[8];
    private int _attributeCount;
    private int _position;
    private int _linesCountedTo;
    private int _lineCounted = 1;
    private string? _rawTextOf;

    /// <summary>How many svg and math elements are open around the scanner's position.</summary>
    private int _foreignDepth;

    /// <param name="html">The page.</param>
    /// <param name="problems">Where markup the scanner cannot read is reported.</param>
    public HtmlScanner(ReadOnlySpan<char> html, List<(int Line, string Message)> problems)
    {
        _html = html;
        _problems = problems;
    }

    /// <summary>Where the current tag's '&lt;' is in the page.</summary>
    public int Position { get; private set; }

    /// <summary>The current tag's name, lower-cased.</summary>
    public string Name { get; private set; } = "";

    public bool IsEndTag { get; private set; }

    /// <summary>
    /// Whether the start tag ends in "/>" and so closes its element: only inside SVG and MathML (and
    /// for &lt;svg/&gt; and &lt;math/&gt; themselves). In HTML the slash means nothing, as in a
    /// browser: "&lt;span/&gt;" opens a span, and "&lt;script src=…/&gt;" a script that runs to its end tag.
    /// </summary>
    public bool IsSelfClosing { get; private set; }

    /// <summary>How many attributes the current tag has, each name counted once.</summary>
    public readonly int AttributeCount => _attributeCount;

    /// <summary>The current tag's attributes in the order written (an index, not a span: see <see cref="Classes"/>).</summary>
    public readonly HtmlAttribute Attribute(int index) => _attributes[index];

    public readonly ReadOnlySpan<char> NameOf(HtmlAttribute attribute) => _html.Slice(attribute.NameStart, attribute.NameLength);

    /// <summary>Moves to the next start or end tag; false at the end of the page.</summary>
    public bool Next()
    {
        if (_rawTextOf is { } element)
        {
            _rawTextOf = null;
            SkipRawText(element);
        }

        while (true)
        {
            var lt = Find(_html, _position, '<');
            if (lt < 0)
            {
                _position = _html.Length;
                return false;
            }

            Position = lt;
            var rest = _html[(lt + 1)..];
            if (rest.Length > 0 && char.IsAsciiLetter(rest[0]))
            {
                return ReadTag(lt + 1, endTag: false);
            }

            if (rest.Length > 1 && rest[0] == '/' && char.IsAsciiLetter(rest[1]))
            {
                return ReadTag(lt + 2, endTag: true);
            }

            var more = rest switch
            {
                ['!', '-', '-', ..] => SkipPast(lt + 2, "-->", "a comment"),
                ['!', '[', 'C', 'D', 'A', 'T', 'A', '[', ..] => SkipPast(lt + 9, "]]>", "a CDATA section"),
                ['!', ..] or ['?', ..] => SkipPast(lt + 2, ">", $"'<{rest[0]}'"),
                ['/', _, ..] => SkipPast(lt + 2, ">", "'</'"),
                _ => Text(lt),
            };
            if (!more)
            {
                return false;
            }
        }
    }

    /// <summary>A '&lt;' that starts no tag, comment or declaration is text, as in a browser.</summary>
    private bool Text(int lt)
    {
        _position = lt + 1;
        return true;
    }

    /// <summary>Skips a comment or declaration; false, with a problem, when the page ends inside it.</summary>
    private bool SkipPast(int from, string terminator, string what)
    {
        var end = _html[from..].IndexOf(terminator, StringComparison.Ordinal);
        if (end < 0)
        {
            return EndsInside($"{what}; close it with '{terminator}'");
        }

        _position = from + end + terminator.Length;
        return true;
    }

    private bool ReadTag(int nameStart, bool endTag)
    {
        var nameEnd = IndexOf(_html, nameStart, TagNameEnd);
        if (nameEnd < 0)
        {
            return EndsInside($"the tag <{(endTag ? "/" : "")}{_html[nameStart..]}; close it with '>'");
        }

        Name = Lowered(_html[nameStart..nameEnd]);
        IsEndTag = endTag;
        IsSelfClosing = false;
        _attributeCount = 0;
        var i = nameEnd;
        while (true)
        {
            i = IndexOfNot(_html, i, Space);
            if (i < 0)
            {
                return EndsInsideTag();
            }

            if (_html[i] == '>')
            {
                break;
            }

            if (_html[i] == '/')
            {
                i++;
                if (i < _html.Length && _html[i] == '>')
                {
                    IsSelfClosing = true;
                    break;
                }

                continue;
            }

            // The first character of a name may be anything but whitespace, '/' and '>', even '='.
            var attributeStart = i;
            var attributeEnd = IndexOf(_html, i + 1, AttributeNameEnd);
            if (attributeEnd < 0)
            {
                return EndsInsideTag();
            }

            var attributeLength = attributeEnd - attributeStart;
            i = attributeEnd;
            var valueStart = i;
            var valueLength = 0;
            var equals = IndexOfNot(_html, i, Space);
            if (equals >= 0 && _html[equals] == '=')
            {
                i = IndexOfNot(_html, equals + 1, Space);
                if (i < 0)
                {
                    return EndsInsideTag();
                }

                var quote = _html[i];
                if (quote is '"' or '\'')
                {
                    valueStart = i + 1;
                    var valueEnd = Find(_html, valueStart, quote);
                    if (valueEnd < 0)
                    {
                        return EndsInside($"the value of '{_html.Slice(attributeStart, attributeLength)}' in <{Name}>; close it with {quote}");
                    }

                    valueLength = valueEnd - valueStart;
                    i = valueEnd + 1;
                }
                else
                {
                    // An unquoted value ends at whitespace or '>': "href=../x/>" is not self-closing.
                    valueStart = i;
                    var valueEnd = IndexOf(_html, i, UnquotedValueEnd);
                    if (valueEnd < 0)
                    {
                        return EndsInsideTag();
                    }

                    valueLength = valueEnd - valueStart;
                    i = valueEnd;
                }
            }

            Add(new HtmlAttribute(attributeStart, attributeLength, valueStart, valueLength));
        }

        _position = i + 1;
        if (Name is "svg" or "math")
        {
            if (!endTag && !IsSelfClosing)
            {
                _foreignDepth++;
            }
            else if (endTag && _foreignDepth > 0)
            {
                _foreignDepth--;
            }
        }
        else if (_foreignDepth == 0)
        {
            IsSelfClosing = false;
        }

        if (!endTag && !IsSelfClosing && RawTextElements.Contains(Name))
        {
            _rawTextOf = Name;
        }

        return true;
    }

    /// <summary>Keeps an attribute unless the tag already has one of that name: the first one counts, as in a browser.</summary>
    private void Add(HtmlAttribute attribute)
    {
        var name = NameOf(attribute);
        for (var i = 0; i < _attributeCount; i++)
        {
            if (Ascii.EqualsIgnoreCase(NameOf(_attributes[i]), name))
            {
                _problems.Add((LineAt(Position), $"the HTML is not well-formed: <{Name}> has the attribute '{Lowered(name)}' twice, and only the first counts; keep one"));
                return;
            }
        }

        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
        }

        _attributes[_attributeCount++] = attribute;
    }

    /// <summary>
    /// Moves past the content of a script, style, title and the like, which may hold '&lt;' and
    /// even "&lt;/p>" as text: only its own end tag, in any case, ends it. Without one the element
    /// runs to the end of the page and is reported as never closed.
    /// </summary>
    private void SkipRawText(string element)
    {
        var from = _position;
        while (true)
        {
            var at = _html[from..].IndexOf("</", StringComparison.Ordinal);
            if (at < 0)
            {
                _position = _html.Length;
                return;
            }

            at += from;
            var after = at + 2 + element.Length;
            if (after < _html.Length && Ascii.EqualsIgnoreCase(_html.Slice(at + 2, element.Length), element) && Is(_html[after], TagNameEnd))
            {
                _position = at;
                return;
            }

            from = at + 2;
        }
    }

    private bool EndsInsideTag() => EndsInside($"the tag <{(IsEndTag ? "/" : "")}{Name}; close it with '>'");

    /// <summary>Reports a construct the page ends inside, on the line where it starts, and ends the scan.</summary>
    private bool EndsInside(string what)
    {
        _problems.Add((LineAt(Position), $"the HTML is not well-formed: the file ends inside {what}"));
        _position = _html.Length;
        return false;
    }

    /// <summary>A name in lower case: ASCII letters only, as HTML does; a known name is not allocated again.</summary>
    private static string Lowered(ReadOnlySpan<char> name)
    {
        if (!HasUpper(name))
        {
            return Known(name) ?? name.ToString();
        }

        var lower = new char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            lower[i] = char.IsAsciiLetterUpper(name[i]) ? (char)(name[i] | 0x20) : name[i];
        }

        return Known(lower) ?? new string(lower);
    }

    /// <summary>Whether a name has an ASCII capital: a loop here, as the framework's vectorized search ran unoptimized (5 % of a large build).</summary>
    private static bool HasUpper(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] ClassTable()
    {
        var classes = new byte[128];
        foreach (var c in " \t\n\f\r")
        {
            classes[c] = Space;
        }

        classes['/'] = Slash;
        classes['>'] = Greater;
        classes['='] = EqualsSign;
        return classes;
    }

    private static bool Is(char c, byte kind) => Is(Classes, c, kind);

    private static bool Is(byte[] classes, char c, byte kind) => c < classes.Length && (classes[c] & kind) != 0;

    // The searches below are plain loops over positions in the page. The runs between tags and
    // inside them are a few characters long, so the framework's vectorized searches gained nothing
    // over their calls, slices and stubs (a tenth of the check's time). The loops read the table
    // through a local: compiled code fetches a static field through a helper call, which per
    // character would cost more than the test.

    /// <summary>The position of the first character at or after <paramref name="from"/> of one of the kinds, or -1.</summary>
    private static int IndexOf(ReadOnlySpan<char> text, int from, byte kind)
    {
        var classes = Classes;
        for (var i = from; i < text.Length; i++)
        {
            if (Is(classes, text[i], kind))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The position of the first character at or after <paramref name="from"/> not of the kinds, or -1.</summary>
    private static int IndexOfNot(ReadOnlySpan<char> text, int from, byte kind)
    {
        var classes = Classes;
        for (var i = from; i < text.Length; i++)
        {
            if (!Is(classes, text[i], kind))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The position of the first <paramref name="c"/> at or after <paramref name="from"/>, or -1.</summary>
    private static int Find(ReadOnlySpan<char> text, int from, char c)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The 1-based line of a position in the page. Lines are counted only when a problem needs one,
    /// never for every tag; problems come mostly in page order, so counting goes on from the last answer.
    /// </summary>
    public int LineAt(int position)
    {
        if (position < _linesCountedTo)
        {
            (_linesCountedTo, _lineCounted) = (0, 1);
        }

        _lineCounted += CountLineBreaks(_html, _linesCountedTo, position);
        _linesCountedTo = position;
        return _lineCounted;
    }

    private static int CountLineBreaks(ReadOnlySpan<char> text, int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }

    private static int BucketOf(ReadOnlySpan<char> name) => ((name.Length * 31) + name[0]) & 127;

    private static string[][] Buckets(params string[] names)
    {
        var buckets = new List<string>[128];
        foreach (var name in names)
        {
            (buckets[BucketOf(name)] ??= []).Add(name);
        }

        return [.. buckets.Select(b => b?.ToArray() ?? [])];
    }

    private static string? Known(ReadOnlySpan<char> name)
    {
        foreach (var candidate in KnownNames[BucketOf(name)])
        {
            if (candidate.Length != name.Length)
            {
                continue;
            }

            var same = 0;
            while (same < name.Length && name[same] == candidate[same])
            {
                same++;
            }

            if (same == name.Length)
            {
                return candidate;
            }
        }

        return null;
    }
}
