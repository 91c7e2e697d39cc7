using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

using StatusSite.Core;

namespace StatusSite.Reading;

/// <summary>Marks a DTO key that must be present, with an example for the error message.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RequiredKeyAttribute(string example) : Attribute
{
    public string Example { get; } = example;
}

/// <summary>A key whose value is accepted but never read: <c>internal:</c> notes stay out of the model entirely.</summary>
internal sealed class Opaque;

/// <summary>Base of every YAML DTO: remembers where the mapping and each of its keys were written.</summary>
internal abstract class YamlDto
{
    private readonly Dictionary<string, int> _keyLines = new(StringComparer.Ordinal);

    /// <summary>Line of the mapping itself (its first key).</summary>
    public int Line { get; set; }

    /// <summary>The line of the key bound to <paramref name="propertyName"/> (use <c>nameof</c>), or the mapping's line.</summary>
    public int LineOf(string propertyName) => _keyLines.TryGetValue(propertyName, out var line) ? line : Line;

    public bool Has(string propertyName) => _keyLines.ContainsKey(propertyName);

    internal void SetLine(string propertyName, int line) => _keyLines[propertyName] = line;
}

/// <summary>Lets the binder add an entry to a <see cref="YamlMap{T}"/> without knowing its T.</summary>
internal interface IYamlMap
{
    void Add(string key, object? value, int line);
}

/// <summary>A DTO that may also be written as its single value: <c>key: value</c> for <c>key: { value: … }</c>.</summary>
internal interface IScalarShorthand
{
    void SetFromScalar(string value);
}

/// <summary>A YAML mapping of user-chosen keys (component ids, metric names), in written order, with lines.</summary>
internal sealed class YamlMap<T> : IYamlMap
{
    public List<YamlEntry<T>> Entries { get; } = [];

    void IYamlMap.Add(string key, object? value, int line) => Entries.Add(new YamlEntry<T>(key, (T)value!, line));
}

internal sealed record YamlEntry<T>(string Key, T Value, int Line);

/// <summary>
/// Binds YAML (as a <see cref="YamlTree"/>) onto typed DTOs. Keys are the snake_case of the
/// property names, so each key is declared once, on its DTO. Every mistake becomes a
/// diagnostic with the file's line and the fix, never an exception.
/// </summary>
internal sealed class YamlBinder(string path, int lineOffset, DiagnosticBag diagnostics)
{
    /// <summary>Parses <paramref name="yaml"/> into <typeparamref name="T"/>; null when it is not a usable mapping.</summary>
    public T? Parse<T>(string yaml, int fileLineOfFirstYamlLine)
        where T : YamlDto, new()
    {
        var root = SimpleYaml.TryRead(yaml) ?? Load(yaml, fileLineOfFirstYamlLine);
        return root is null ? null : (T?)BindObject(DtoShape.Of(typeof(T)), root);
    }

    /// <summary>Loads YAML that <see cref="SimpleYaml"/> declined with YamlDotNet; null, with a diagnostic, when it is not a mapping.</summary>
    private YamlTree.Node? Load(string yaml, int fileLineOfFirstYamlLine)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedParser(new Parser(new StringReader(yaml))));
        }
        catch (RefusedYamlException e)
        {
            diagnostics.Error(path, (int)e.Start.Line + fileLineOfFirstYamlLine - 1, e.Refusal);
            return null;
        }
        catch (YamlException e)
        {
            var message = DescribeYamlError(e);
            var line = (int)e.Start.Line;
            if (message.StartsWith("YAML does not allow tabs", StringComparison.Ordinal) && FirstLineIndentedWithTab(yaml) is { } tabLine)
            {
                // YamlDotNet reports a tab at the start of the enclosing block; the author needs the line with the tab.
                line = tabLine;
            }

            diagnostics.Error(path, line + fileLineOfFirstYamlLine - 1, message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way, without a position, on a flow list left open before a less indented line.
            var open = UnclosedFlowLine(yaml);
            diagnostics.Error(path, (open ?? 1) + fileLineOfFirstYamlLine - 1, open is null
                ? "the YAML here cannot be read; check its quoting, brackets and indentation"
                : "a '[' or '{' list is not closed; close it on the same line, such as 'api: [partial_outage]'");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var line = stream.Documents.Count == 0 ? fileLineOfFirstYamlLine : (int)stream.Documents[0].RootNode.Start.Line + lineOffset;
            diagnostics.Error(path, line, "expected 'key: value' lines here, such as 'title: Elevated API error rates'");
            return null;
        }

        return YamlTree.From(root);
    }

    /// <summary>
    /// Passes YamlDotNet's parsing events on to the representation model, refusing anchors, aliases and nesting deeper
    /// than <see cref="ContentLimits.MaxNesting"/> as they arrive: before anything is built, so nine levels of aliases
    /// (a few hundred bytes that expand to billions of nodes) are never expanded, not even under 'internal:'.
    /// </summary>
    private sealed class BoundedParser(IParser parser) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            if (!parser.MoveNext())
            {
                return false;
            }

            switch (parser.Current)
            {
                case AnchorAlias or NodeEvent { Anchor.IsEmpty: false }:
                    throw new RefusedYamlException(parser.Current.Start, "YAML anchors and aliases ('&name', '*name') are not supported; write each value out in full");
                case MappingStart or SequenceStart when ++_depth > ContentLimits.MaxNesting:
                    throw new RefusedYamlException(parser.Current.Start, $"the YAML here is nested more than {ContentLimits.MaxNesting} levels deep; flatten it");
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }

    /// <summary>YAML that is valid but refused by <see cref="BoundedParser"/>, with the message for the author.</summary>
    private sealed class RefusedYamlException(Mark start, string refusal) : YamlException(start, start, refusal)
    {
        public string Refusal { get; } = refusal;
    }

    /// <summary>The 1-based line of the first line that opens more '[' or '{' than it closes, if any.</summary>
    private static int? UnclosedFlowLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Count(c => c is '[' or '{') > lines[i].Count(c => c is ']' or '}'))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>The 1-based line of the first line whose indentation holds a tab, if any.</summary>
    private static int? FirstLineIndentedWithTab(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i][..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indent.Contains('\t', StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string DescribeYamlError(YamlException e)
    {
        var text = (e.InnerException?.Message ?? e.Message).Trim();
        if (text.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return "YAML does not allow tabs for indentation; indent with spaces";
        }

        if (text.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || text.Contains("same key", StringComparison.OrdinalIgnoreCase))
        {
            return "this key is written twice; keep one of them";
        }

        return $"this is not valid YAML ({text.TrimEnd('.')}); check the indentation, the colon after each key and quotes around values containing ': ' or '#'";
    }

    private int LineOf(YamlTree.Node node) => node.Line + lineOffset;

    private YamlDto? BindObject(DtoShape shape, YamlTree.Node node)
    {
        if (node is YamlTree.Scalar scalar && shape.TakesScalar)
        {
            var single = shape.Create();
            single.Line = LineOf(node);
            ((IScalarShorthand)single).SetFromScalar(scalar.Value);
            return single;
        }

        if (node is not YamlTree.Mapping mapping)
        {
            var instead = shape.TakesScalar ? "a single value or a mapping of keys" : "a mapping of keys";
            var notThis = shape.TakesScalar ? "a list" : "a single value";
            diagnostics.Error(path, LineOf(node), $"expected {instead} here (such as '{shape.SortedKeys.FirstOrDefault()}: …'), not {notThis}");
            return null;
        }

        var dto = shape.Create();
        dto.Line = LineOf(node);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, yamlKeyLine, valueNode) in mapping.Entries)
        {
            var keyLine = yamlKeyLine + lineOffset;
            if (!seen.Add(key))
            {
                diagnostics.Error(path, keyLine, $"'{key}' is written twice in this block; keep one of them");
                continue;
            }

            if (!shape.Keys.TryGetValue(key, out var member))
            {
                diagnostics.Error(path, keyLine, $"unknown key '{key}'{MessageText.DidYouMean(key, shape.SortedKeys)}; the keys allowed here are {MessageText.OneOf(shape.SortedKeys)}");
                continue;
            }

            dto.SetLine(member.Name, keyLine);
            if (IsNull(valueNode))
            {
                if (member.RequiredExample is { } example)
                {
                    diagnostics.Error(path, keyLine, $"'{key}' has no value; write it as '{key}: {example}'");
                }

                continue;
            }

            var value = BindValue(member.Value, valueNode, key);
            if (value is not null)
            {
                member.Set(dto, value);
            }
        }

        foreach (var member in shape.Required)
        {
            if (!dto.Has(member.Name) && member.Get(dto) is null)
            {
                diagnostics.Error(path, dto.Line, $"missing required key '{member.Key}'; add a line such as '{member.Key}: {member.RequiredExample}'");
            }
        }

        return dto;
    }

    private object? BindValue(ValueShape shape, YamlTree.Node node, string key) =>
        shape.Kind switch
        {
            ValueKind.Opaque => new Opaque(),
            ValueKind.Object => BindObject(DtoShape.Of(shape.Type), node),
            ValueKind.List => BindList(shape, node, key),
            ValueKind.Map => BindMap(shape, node, key),
            _ when node is YamlTree.Scalar scalar => ConvertScalar(shape.Type, scalar, key),
            _ => NotSingleValue(node, key),
        };

    private object? NotSingleValue(YamlTree.Node node, string key)
    {
        diagnostics.Error(path, LineOf(node), $"'{key}' takes a single value here, not a list or mapping");
        return null;
    }

    private IList? BindList(ValueShape shape, YamlTree.Node node, string key)
    {
        var list = (IList)shape.New!();
        if (node is YamlTree.Scalar single && shape.Element!.Type == typeof(string))
        {
            // A single value where a list is expected is read as a list of one: `incidents: x`.
            list.Add(single.Value);
            return list;
        }

        if (node is not YamlTree.Sequence sequence)
        {
            diagnostics.Error(path, LineOf(node), $"'{key}' takes a list here: write '{key}: [a, b]' or one '- item' per line");
            return null;
        }

        foreach (var item in sequence.Items)
        {
            if (!IsNull(item) && BindValue(shape.Element!, item, key) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private IYamlMap? BindMap(ValueShape shape, YamlTree.Node node, string key)
    {
        var map = (IYamlMap)shape.New!();
        if (shape.ValuesOptional && node is YamlTree.Sequence keysOnly)
        {
            // `components: [api, dashboard]`: keys whose values take their default.
            foreach (var item in keysOnly.Items.OfType<YamlTree.Scalar>())
            {
                map.Add(item.Value, null, LineOf(item));
            }

            return map;
        }

        if (node is not YamlTree.Mapping mapping)
        {
            diagnostics.Error(path, LineOf(node), $"'{key}' takes 'name: value' pairs here, one per line, indented under '{key}:'");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entryKey, yamlKeyLine, valueNode) in mapping.Entries)
        {
            var keyLine = yamlKeyLine + lineOffset;
            if (!seen.Add(entryKey))
            {
                diagnostics.Error(path, keyLine, $"'{entryKey}' is written twice under '{key}'; keep one of them");
                continue;
            }

            if (IsNull(valueNode))
            {
                if (shape.ValuesOptional)
                {
                    map.Add(entryKey, null, keyLine);
                }
                else
                {
                    diagnostics.Error(path, keyLine, $"'{entryKey}' under '{key}' has no value; write '{entryKey}: <value>'");
                }

                continue;
            }

            if (BindValue(shape.Element!, valueNode, entryKey) is { } value)
            {
                map.Add(entryKey, value, keyLine);
            }
        }

        return map;
    }

    private object? ConvertScalar(Type type, YamlTree.Scalar scalar, string key)
    {
        var text = scalar.Value;
        var line = LineOf(scalar);
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(DateTimeOffset))
        {
            if (Timestamp.TryParse(text, out var value, out var error))
            {
                return value;
            }

            diagnostics.Error(path, line, $"'{key}': {error}");
            return null;
        }

        if (type == typeof(DateOnly))
        {
            if (Timestamp.TryParseDate(text, out var value, out var error))
            {
                return value;
            }

            diagnostics.Error(path, line, $"'{key}': {error}");
            return null;
        }

        if (type == typeof(bool))
        {
            if (text is "true" or "True" or "yes") return true;
            if (text is "false" or "False" or "no") return false;
            diagnostics.Error(path, line, $"'{key}' takes true or false, not '{MessageText.Excerpt(text)}'");
            return null;
        }

        if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            diagnostics.Error(path, line, $"'{key}' takes a whole number, such as 90, not '{MessageText.Excerpt(text)}'");
            return null;
        }

        if (type == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            diagnostics.Error(path, line, $"'{key}' takes a number, such as 0.3, not '{MessageText.Excerpt(text)}'");
            return null;
        }

        if (type == typeof(TimeSpan))
        {
            if (Durations.TryParse(text, out var span))
            {
                return span;
            }

            diagnostics.Error(path, line, $"'{key}' takes a duration such as 30m, 2h or 3d, not '{MessageText.Excerpt(text)}'");
            return null;
        }

        if (type.IsEnum)
        {
            if (EnumNames.TryParse(type, text, out var value))
            {
                return value;
            }

            // Severities are written SEV1..SEV3 everywhere people read them; suggest them that way.
            var names = type == typeof(Model.Severity) ? [.. Enum.GetNames(type).Select(n => n.ToUpperInvariant())] : EnumNames.All(type);
            diagnostics.Error(path, line, $"'{key}': unknown value '{MessageText.Excerpt(text)}'{MessageText.DidYouMean(text, names)}; write one of {MessageText.OneOf(names)}");
            return null;
        }

        throw new NotSupportedException($"YAML binding has no conversion to {type}.");
    }

    private static bool IsNull(YamlTree.Node node) =>
        node is YamlTree.Scalar { Plain: true, Value: "" or "~" or "null" };

    private enum ValueKind
    {
        Scalar,
        Opaque,
        Object,
        List,
        Map,
    }

    /// <summary>How a property's value is bound, worked out once per type rather than once per file.</summary>
    private sealed class ValueShape
    {
        public ValueShape(Type declared)
        {
            // Type is the type to create or convert to: a nullable's underlying type.
            Type = Nullable.GetUnderlyingType(declared) ?? declared;
            var generic = Type.IsGenericType ? Type.GetGenericTypeDefinition() : null;
            Kind = Type == typeof(Opaque) ? ValueKind.Opaque
                : typeof(YamlDto).IsAssignableFrom(Type) ? ValueKind.Object
                : generic == typeof(List<>) ? ValueKind.List
                : generic == typeof(YamlMap<>) ? ValueKind.Map
                : ValueKind.Scalar;
            if (Kind is ValueKind.List or ValueKind.Map)
            {
                var element = Type.GetGenericArguments()[0];
                Element = new ValueShape(element);
                ValuesOptional = Nullable.GetUnderlyingType(element) is not null;
                New = BinderDelegates.Constructor<object>(Type);
            }
        }

        /// <summary>Creates the list or map to bind into.</summary>
        public Func<object>? New { get; }

        public Type Type { get; }

        public ValueKind Kind { get; }

        /// <summary>The shape of a list's items or of a map's values.</summary>
        public ValueShape? Element { get; }

        /// <summary>A map whose values may be left out (its value type is nullable).</summary>
        public bool ValuesOptional { get; }
    }

    /// <summary>A DTO property: its YAML key, whether it is required, and how its value is bound.</summary>
    private sealed class MemberShape(PropertyInfo property)
    {
        /// <summary>The property's name, as <see cref="YamlDto.LineOf"/> takes it.</summary>
        public string Name { get; } = property.Name;

        public Action<object, object> Set { get; } = BinderDelegates.Setter(property);

        public Func<object, object?> Get { get; } = BinderDelegates.Getter(property);

        public string Key { get; } = EnumNames.SnakeCase(property.Name);

        /// <summary>The example for the error message when the key is required; null when it is optional.</summary>
        public string? RequiredExample { get; } = property.GetCustomAttribute<RequiredKeyAttribute>()?.Example;

        public ValueShape Value { get; } = new(property.PropertyType);
    }

    /// <summary>The keys of a DTO type, read by reflection once per type and shared by every file and thread.</summary>
    private sealed class DtoShape
    {
        private static readonly ConcurrentDictionary<Type, DtoShape> Shapes = new();

        private readonly Func<YamlDto> _new;

        private DtoShape(Type type)
        {
            _new = BinderDelegates.Constructor<YamlDto>(type);
            var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.DeclaringType != typeof(YamlDto))
                .Select(p => new MemberShape(p))
                .ToList();
            Keys = members.ToDictionary(m => m.Key, StringComparer.Ordinal);
            SortedKeys = [.. Keys.Keys.Order(StringComparer.Ordinal)];
            Required = [.. members.Where(m => m.RequiredExample is not null)];
            TakesScalar = typeof(IScalarShorthand).IsAssignableFrom(type);
        }

        /// <summary>The DTO may be written as its single value (<see cref="IScalarShorthand"/>).</summary>
        public bool TakesScalar { get; }

        public Dictionary<string, MemberShape> Keys { get; }

        public string[] SortedKeys { get; }

        public MemberShape[] Required { get; }

        public static DtoShape Of(Type type) => Shapes.GetOrAdd(type, static t => new DtoShape(t));

        public YamlDto Create() => _new();
    }
}
