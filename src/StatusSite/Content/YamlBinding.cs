using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StatusSite.Content;

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

/// <summary>A YAML mapping of user-chosen keys (component ids, metric names), in written order, with lines.</summary>
internal sealed class YamlMap<T>
{
    public List<YamlEntry<T>> Entries { get; } = [];
}

internal sealed record YamlEntry<T>(string Key, T Value, int Line);

/// <summary>
/// Binds YamlDotNet's representation model onto typed DTOs. Keys are the snake_case of the
/// property names, so each key is declared once, on its DTO. Every mistake becomes a
/// diagnostic with the file's line and the fix, never an exception.
/// </summary>
internal sealed class YamlBinder(string path, int lineOffset, DiagnosticBag diagnostics)
{
    private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> PropertyCache = [];
    private static readonly Lock CacheLock = new();

    /// <summary>Parses <paramref name="yaml"/> into <typeparamref name="T"/>; null when it is not a usable mapping.</summary>
    public T? Parse<T>(string yaml, int fileLineOfFirstYamlLine)
        where T : YamlDto, new()
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
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

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var line = stream.Documents.Count == 0 ? fileLineOfFirstYamlLine : LineOf(stream.Documents[0].RootNode);
            diagnostics.Error(path, line, "expected 'key: value' lines here, such as 'title: Elevated API error rates'");
            return null;
        }

        return (T?)BindObject(typeof(T), root);
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

    private int LineOf(YamlNode node) => (int)node.Start.Line + lineOffset;

    private object? BindObject(Type type, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(path, LineOf(node), $"expected a mapping of keys here (such as '{ExampleKey(type)}'), not a single value");
            return null;
        }

        var dto = (YamlDto)Activator.CreateInstance(type)!;
        dto.Line = LineOf(node);
        var properties = PropertiesOf(type);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyLine = LineOf(keyNode);
            if (!seen.Add(key))
            {
                diagnostics.Error(path, keyLine, $"'{key}' is written twice in this block; keep one of them");
                continue;
            }

            if (!properties.TryGetValue(key, out var property))
            {
                diagnostics.Error(path, keyLine, $"unknown key '{key}'{Suggest.DidYouMean(key, properties.Keys)}; the keys allowed here are {Suggest.OneOf(properties.Keys.Order(StringComparer.Ordinal))}");
                continue;
            }

            dto.SetLine(property.Name, keyLine);
            if (IsNull(valueNode))
            {
                if (property.GetCustomAttribute<RequiredKeyAttribute>() is { } needed)
                {
                    diagnostics.Error(path, keyLine, $"'{key}' has no value; write it as '{key}: {needed.Example}'");
                }

                continue;
            }

            var value = BindValue(property.PropertyType, valueNode, key);
            if (value is not null)
            {
                property.SetValue(dto, value);
            }
        }

        foreach (var (key, property) in properties)
        {
            if (property.GetCustomAttribute<RequiredKeyAttribute>() is { } required && property.GetValue(dto) is null && !dto.Has(property.Name))
            {
                diagnostics.Error(path, dto.Line, $"missing required key '{key}'; add a line such as '{key}: {required.Example}'");
            }
        }

        return dto;
    }

    private object? BindValue(Type type, YamlNode node, string key)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Opaque))
        {
            return new Opaque();
        }

        if (typeof(YamlDto).IsAssignableFrom(underlying))
        {
            return BindObject(underlying, node);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            return BindList(underlying, node, key);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(YamlMap<>))
        {
            return BindMap(underlying, node, key);
        }

        if (node is not YamlScalarNode scalar)
        {
            diagnostics.Error(path, LineOf(node), $"'{key}' takes a single value here, not a list or mapping");
            return null;
        }

        return ConvertScalar(underlying, scalar, key);
    }

    private object? BindList(Type listType, YamlNode node, string key)
    {
        var itemType = listType.GetGenericArguments()[0];
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        if (node is YamlScalarNode single && itemType == typeof(string))
        {
            // A single value where a list is expected is read as a list of one: `incidents: x`.
            list.Add(single.Value ?? "");
            return list;
        }

        if (node is not YamlSequenceNode sequence)
        {
            diagnostics.Error(path, LineOf(node), $"'{key}' takes a list here: write '{key}: [a, b]' or one '- item' per line");
            return null;
        }

        foreach (var item in sequence.Children)
        {
            if (!IsNull(item) && BindValue(itemType, item, key) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private object? BindMap(Type mapType, YamlNode node, string key)
    {
        var valueType = mapType.GetGenericArguments()[0];
        var valuesOptional = Nullable.GetUnderlyingType(valueType) is not null;
        var map = Activator.CreateInstance(mapType)!;
        var entries = (System.Collections.IList)mapType.GetProperty(nameof(YamlMap<object>.Entries))!.GetValue(map)!;
        var entryType = typeof(YamlEntry<>).MakeGenericType(valueType);
        if (valuesOptional && node is YamlSequenceNode keysOnly)
        {
            // `components: [api, dashboard]`: keys whose values take their default.
            foreach (var item in keysOnly.Children.OfType<YamlScalarNode>())
            {
                entries.Add(Activator.CreateInstance(entryType, item.Value ?? "", null, LineOf(item)));
            }

            return map;
        }

        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(path, LineOf(node), $"'{key}' takes 'name: value' pairs here, one per line, indented under '{key}:'");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var entryKey = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!seen.Add(entryKey))
            {
                diagnostics.Error(path, LineOf(keyNode), $"'{entryKey}' is written twice under '{key}'; keep one of them");
                continue;
            }

            if (IsNull(valueNode))
            {
                if (valuesOptional)
                {
                    entries.Add(Activator.CreateInstance(entryType, entryKey, null, LineOf(keyNode)));
                }
                else
                {
                    diagnostics.Error(path, LineOf(keyNode), $"'{entryKey}' under '{key}' has no value; write '{entryKey}: <value>'");
                }

                continue;
            }

            if (BindValue(valueType, valueNode, entryKey) is { } value)
            {
                entries.Add(Activator.CreateInstance(entryType, entryKey, value, LineOf(keyNode)));
            }
        }

        return map;
    }

    private object? ConvertScalar(Type type, YamlScalarNode scalar, string key)
    {
        var text = scalar.Value ?? "";
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
            diagnostics.Error(path, line, $"'{key}' takes true or false, not '{text}'");
            return null;
        }

        if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            diagnostics.Error(path, line, $"'{key}' takes a whole number, such as 90, not '{text}'");
            return null;
        }

        if (type == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            diagnostics.Error(path, line, $"'{key}' takes a number, such as 0.3, not '{text}'");
            return null;
        }

        if (type == typeof(TimeSpan))
        {
            if (Durations.TryParse(text, out var span))
            {
                return span;
            }

            diagnostics.Error(path, line, $"'{key}' takes a duration such as 30m, 2h or 3d, not '{text}'");
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
            diagnostics.Error(path, line, $"'{key}': unknown value '{text}'{Suggest.DidYouMean(text, names)}; write one of {Suggest.OneOf(names)}");
            return null;
        }

        throw new NotSupportedException($"YAML binding has no conversion to {type}.");
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static string ExampleKey(Type type) =>
        PropertiesOf(type).Keys.Order(StringComparer.Ordinal).FirstOrDefault() + ": …";

    private static Dictionary<string, PropertyInfo> PropertiesOf(Type type)
    {
        lock (CacheLock)
        {
            if (!PropertyCache.TryGetValue(type, out var properties))
            {
                properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanWrite && p.DeclaringType != typeof(YamlDto))
                    .ToDictionary(p => SnakeCase(p.Name), StringComparer.Ordinal);
                PropertyCache[type] = properties;
            }

            return properties;
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}

/// <summary>The content's names for enum members: the snake_case of the member name (SEV1, partial_outage).</summary>
internal static class EnumNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => YamlBinder.SnakeCase(value.ToString());

    public static IReadOnlyList<string> All(Type type) =>
        [.. Enum.GetNames(type).Select(YamlBinder.SnakeCase)];

    public static bool TryParse(Type type, string text, out object? value)
    {
        var normalized = text.Trim().Replace(' ', '_').Replace('-', '_');
        foreach (var name in Enum.GetNames(type))
        {
            if (string.Equals(YamlBinder.SnakeCase(name), normalized, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse(type, name);
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>Durations in the content: <c>30m</c>, <c>2h</c>, <c>3d</c>, <c>90s</c>.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        value = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }
}
