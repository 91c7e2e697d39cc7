namespace StatusSite.Reading;

/// <summary>
/// Reads the plain YAML that front matter is nearly always written in: 'key: value' lines, blocks of them
/// indented under a key, '- item' lists, quoted values, one-line '[a, b]' lists and '{ k: v }' mappings, and comments. YamlDotNet's scanner
/// is most of the cost of reading thousands of files; this reader returns the same tree for that subset
/// at a fraction of the cost. It declines (returns null) on anything else — other YAML, and every
/// mistake, even a duplicate key — so YamlDotNet reads that text and every message still comes from it.
/// </summary>
internal static class SimpleYaml
{
    /// <summary>The longest key read here: YamlDotNet refuses keys past 1024 characters.</summary>
    private const int MaxKeyLength = 100;

    /// <summary>The tree of <paramref name="yaml"/>, or null when it is not plain front matter.</summary>
    public static YamlTree.Mapping? TryRead(string yaml)
    {
        if (!OnlyPlainCharacters(yaml))
        {
            return null;
        }

        var reader = new Reader(yaml);
        var root = reader.Indent == 0 ? reader.ReadMapping(0, 1) : null;
        return reader.Indent < 0 ? root : null;
    }

    /// <summary>
    /// Line feeds and printable characters other than the byte order mark. Tabs, carriage returns, other
    /// line breaks, control characters and surrogates are left to YamlDotNet.
    /// </summary>
    private static bool OnlyPlainCharacters(string yaml)
    {
        foreach (var c in yaml)
        {
            if (c is not ('\n' or (>= ' ' and <= '~') or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD')) || c == '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Characters a value may not start with: YAML indicators, read here only as '"', '\'' and '['.</summary>
    private static bool IsIndicator(char c) => "-?:,[]{}#&*!|>'\"%@`".Contains(c, StringComparison.Ordinal);

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    /// <summary>Walks the text line by line; the current line is the next one with content (not blank, not a comment).</summary>
    private sealed class Reader
    {
        private readonly string _text;
        private int _next;
        private int _nextNumber = 1;
        private int _start;
        private int _end;

        public Reader(string text)
        {
            _text = text;
            Advance();
        }

        /// <summary>The current line's indentation; -1 after the last line.</summary>
        public int Indent { get; private set; }

        /// <summary>The current line's 1-based number.</summary>
        private int Number { get; set; }

        /// <summary>Reads 'key: value' lines at <paramref name="indent"/>, with blocks indented under them.</summary>
        /// <param name="depth">The mapping's nesting level, 1 for the root; deeper than the limit is YamlDotNet's to refuse.</param>
        public YamlTree.Mapping? ReadMapping(int indent, int depth)
        {
            if (depth > ContentLimits.MaxNesting)
            {
                return null;
            }

            var mapping = new YamlTree.Mapping([], Number);
            while (Indent == indent)
            {
                var keyStart = _start + indent;
                var colon = KeyEnd(keyStart);
                var key = colon < 0 ? null : _text[keyStart..colon];
                if (key is null || Contains(mapping, key))
                {
                    return null;
                }

                var keyLine = Number;
                var p = SkipSpaces(colon + 1);
                YamlTree.Node? value;
                if (p == _end || _text[p] == '#')
                {
                    // Nothing after the colon: a block indented under the key (a list may also start at the key's
                    // indentation), or no value.
                    Advance();
                    value = Indent > indent ? (IsListItem(Indent) ? ReadList(Indent, depth + 1) : ReadMapping(Indent, depth + 1))
                        : Indent == indent && IsListItem(indent) ? ReadList(indent, depth + 1)
                        : new YamlTree.Scalar("", true, keyLine);
                }
                else
                {
                    value = ReadValue(p);
                    Advance();
                }

                if (value is null)
                {
                    return null;
                }

                mapping.Entries.Add(new YamlTree.Entry(key, keyLine, value));
            }

            // A line indented deeper than this block's keys continues a value or is a mistake.
            return Indent > indent ? null : mapping;
        }

        /// <summary>
        /// Reads '- item' lines at <paramref name="indent"/>: each item a value, or a block of 'key: value' lines
        /// whose first line follows the '- ' and whose others are indented to match it.
        /// </summary>
        private YamlTree.Sequence? ReadList(int indent, int depth)
        {
            if (depth > ContentLimits.MaxNesting)
            {
                return null;
            }

            var list = new YamlTree.Sequence([], Number);
            while (Indent == indent && IsListItem(indent))
            {
                var p = SkipSpaces(_start + indent + 1);
                YamlTree.Node? item;
                if (p == _end || _text[p] == '#')
                {
                    // An empty item, or one whose value is on the lines below.
                    return null;
                }

                if (KeyEnd(p) >= 0)
                {
                    // The '- ' indents the block: its keys line up with the first one.
                    Indent = p - _start;
                    item = ReadMapping(Indent, depth + 1);
                }
                else
                {
                    item = ReadValue(p);
                    Advance();
                }

                if (item is null)
                {
                    return null;
                }

                list.Items.Add(item);
            }

            return list;
        }

        /// <summary>Whether the current line has a '- ' (or a bare '-') at <paramref name="indent"/>.</summary>
        private bool IsListItem(int indent)
        {
            var dash = _start + indent;
            return _text[dash] == '-' && (dash + 1 == _end || _text[dash + 1] == ' ');
        }

        /// <summary>The index of the colon after a key starting at <paramref name="p"/>, or -1 when no key starts there.</summary>
        private int KeyEnd(int p)
        {
            var start = p;
            while (p < _end && IsKeyCharacter(_text[p]))
            {
                p++;
            }

            var isKey = p > start && _text[start] is not ('-' or '.') && p - start <= MaxKeyLength
                && p < _end && _text[p] == ':' && (p + 1 == _end || _text[p + 1] == ' ');
            return isKey ? p : -1;
        }

        private static bool Contains(YamlTree.Mapping mapping, string key)
        {
            foreach (var entry in mapping.Entries)
            {
                if (entry.Key == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value that starts at <paramref name="p"/> and ends the current line.</summary>
        private YamlTree.Node? ReadValue(int p)
        {
            if (_text[p] == '[')
            {
                return ReadFlowList(p + 1);
            }

            if (_text[p] == '{')
            {
                return ReadFlowMapping(p + 1);
            }

            var scalar = ReadScalar(ref p, flowEnd: null);
            return scalar is not null && EndsLine(p) ? scalar : null;
        }

        /// <summary>A one-line list of scalars; <paramref name="p"/> is just after the '['.</summary>
        private YamlTree.Sequence? ReadFlowList(int p)
        {
            var list = new YamlTree.Sequence([], Number);
            p = SkipSpaces(p);
            if (p < _end && _text[p] == ']')
            {
                return EndsLine(p + 1) ? list : null;
            }

            while (ReadScalar(ref p, flowEnd: ']') is { } item)
            {
                list.Items.Add(item);
                if (AfterFlowItem(ref p, ']') is { } closed)
                {
                    return closed ? list : null;
                }
            }

            return null;
        }

        /// <summary>
        /// A one-line mapping of 'key: value' pairs with scalar values, such as '{ SEV1: 30m, SEV2: 60m }';
        /// <paramref name="p"/> is just after the '{'. Empty values are left to YamlDotNet.
        /// </summary>
        private YamlTree.Mapping? ReadFlowMapping(int p)
        {
            var mapping = new YamlTree.Mapping([], Number);
            p = SkipSpaces(p);
            if (p < _end && _text[p] == '}')
            {
                return EndsLine(p + 1) ? mapping : null;
            }

            while (true)
            {
                var colon = KeyEnd(p);
                var key = colon < 0 ? null : _text[p..colon];
                if (key is null || Contains(mapping, key))
                {
                    return null;
                }

                p = SkipSpaces(colon + 1);
                var valueStart = p;
                if (ReadScalar(ref p, flowEnd: '}') is not { } value || p == valueStart)
                {
                    return null;
                }

                mapping.Entries.Add(new YamlTree.Entry(key, Number, value));
                if (AfterFlowItem(ref p, '}') is { } closed)
                {
                    return closed ? mapping : null;
                }
            }
        }

        /// <summary>
        /// Moves past what follows an item of a one-line list or mapping: null after a ',' (another
        /// item follows), true at its <paramref name="close"/> when only a comment follows, false for anything else.
        /// </summary>
        private bool? AfterFlowItem(ref int p, char close)
        {
            p = SkipSpaces(p);
            if (p < _end && _text[p] == ',')
            {
                p = SkipSpaces(p + 1);
                return null;
            }

            return p < _end && _text[p] == close && EndsLine(p + 1);
        }

        /// <summary>
        /// A quoted scalar without escapes, or an unquoted one: in a one-line list or mapping up to the next ','
        /// or its closing <paramref name="flowEnd"/>, otherwise up to a comment or the end of the line. Null for
        /// anything YAML could read otherwise.
        /// </summary>
        private YamlTree.Scalar? ReadScalar(ref int p, char? flowEnd)
        {
            if (p == _end)
            {
                return null;
            }

            var quote = _text[p];
            if (quote is '"' or '\'')
            {
                var close = _text.IndexOf(quote, p + 1, _end - p - 1);
                if (close < 0 || (quote == '"' && _text.AsSpan(p, close - p).Contains('\\')) || (quote == '\'' && close + 1 < _end && _text[close + 1] == '\''))
                {
                    return null;
                }

                var quoted = new YamlTree.Scalar(_text[(p + 1)..close], false, Number);
                p = close + 1;
                return quoted;
            }

            if (IsIndicator(quote))
            {
                return null;
            }

            var start = p;
            var end = p;
            while (p < _end)
            {
                var c = _text[p];
                if (flowEnd is { } close ? c == ',' || c == close : c == '#' && _text[p - 1] == ' ')
                {
                    // The end of a list item or a mapping's value, or a comment.
                    break;
                }

                // In a one-line list or mapping these characters have meanings of their own; elsewhere ': ' would start a mapping.
                if (flowEnd is not null ? c is ':' or '#' or '"' or '\'' or '[' or ']' or '{' or '}' : c == ':' && (p + 1 == _end || _text[p + 1] == ' '))
                {
                    return null;
                }

                p++;
                if (c != ' ')
                {
                    end = p;
                }
            }

            return new YamlTree.Scalar(_text[start..end], true, Number);
        }

        /// <summary>Whether only spaces and a comment follow <paramref name="p"/> on the current line.</summary>
        private bool EndsLine(int p)
        {
            var rest = SkipSpaces(p);
            return rest == _end || (_text[rest] == '#' && _text[rest - 1] == ' ');
        }

        private int SkipSpaces(int p)
        {
            while (p < _end && _text[p] == ' ')
            {
                p++;
            }

            return p;
        }

        /// <summary>Moves to the next line with content, or sets <see cref="Indent"/> to -1 at the end.</summary>
        private void Advance()
        {
            while (_next <= _text.Length)
            {
                var start = _next;
                var end = _text.IndexOf('\n', start);
                end = end < 0 ? _text.Length : end;
                _next = end + 1;
                var number = _nextNumber++;
                var indent = 0;
                while (start + indent < end && _text[start + indent] == ' ')
                {
                    indent++;
                }

                if (start + indent < end && _text[start + indent] != '#')
                {
                    (_start, _end, Indent, Number) = (start, end, indent, number);
                    return;
                }
            }

            Indent = -1;
        }
    }
}
