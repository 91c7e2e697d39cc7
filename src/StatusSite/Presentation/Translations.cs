using System.Globalization;
using StatusSite.Reading;
using YamlDotNet.RepresentationModel;

namespace StatusSite.Presentation;

/// <summary>
/// The theme's UI strings for one language, from theme/i18n/&lt;language&gt;.yml, with English
/// filling any key the language lacks. Keys are nested YAML flattened with dots.
/// </summary>
public sealed class Translations
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlyDictionary<string, string> _english;

    internal Translations(string language, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> missing, IReadOnlyDictionary<string, string>? english = null, IReadOnlyList<string>? unknown = null, string? source = null)
    {
        Language = language;
        Source = source ?? language;
        Culture = CultureInfo.GetCultureInfo(language);
        _values = values;
        _english = english ?? values;
        Missing = missing;
        Unknown = unknown ?? [];
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>The most specific language whose file was read: 'pt' for a 'pt-BR' site whose theme has only i18n/pt.yml.</summary>
    public string Source { get; }

    /// <summary>Keys the language file lacks that English has.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Keys the language file has that English lacks: misspelt or left over, never shown.</summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>The English text of a key, which a missing key shows instead.</summary>
    public string English(string key) => _english.TryGetValue(key, out var value) ? value : $"[{key}]";

    public string this[string key] => _values.TryGetValue(key, out var value) ? value : $"[{key}]";

    /// <summary>A string with {0}-style placeholders filled in the language's culture.</summary>
    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>
    /// Reads a language's files, most general first: for 'pt-BR' i18n/pt.yml, then i18n/pt-BR.yml over it,
    /// with English filling what both lack; a region needs only the keys it writes differently.
    /// YAML errors surface as <see cref="YamlDotNet.Core.YamlException"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The theme has no file for the language nor for its parents.</exception>
    internal static Translations Load(string language, Func<string, string?> readFile)
    {
        var english = Flatten(readFile("en") ?? throw new FileNotFoundException("The theme has no i18n/en.yml."));
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        string? source = null;
        foreach (var name in Chain(language).Reverse())
        {
            var values = name == "en" ? english : readFile(name) is { } text ? Flatten(text) : null;
            if (values is null)
            {
                continue;
            }

            source = name;
            foreach (var (key, value) in values)
            {
                own[key] = value;
            }
        }

        if (source is null)
        {
            throw new FileNotFoundException($"The theme has no {string.Join(" or ", Chain(language).Select(name => $"i18n/{name}.yml"))}.");
        }

        var merged = new Dictionary<string, string>(english, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }

        var missing = english.Keys.Where(k => !own.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var unknown = own.Keys.Where(k => !english.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new Translations(language, merged, missing, english, unknown, source);
    }

    /// <summary>The language files a language reads, most specific first: 'pt-BR', 'pt'.</summary>
    public static IEnumerable<string> Chain(string language)
    {
        for (var culture = CultureInfo.GetCultureInfo(language); culture.Name.Length > 0; culture = culture.Parent)
        {
            yield return culture.Name;
        }
    }

    /// <summary>
    /// Every string of a language file by its dotted key. Language files are plain YAML, which
    /// <see cref="SimpleYaml"/> reads; YamlDotNet, whose first use costs tens of milliseconds of
    /// start-up, reads only what it declines.
    /// </summary>
    internal static Dictionary<string, string> Flatten(string yaml)
    {
        if (SimpleYaml.TryRead(yaml) is not { } plain)
        {
            return FlattenWithYamlDotNet(yaml);
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(plain, "", result);
        return result;
    }

    private static void Flatten(YamlTree.Node node, string prefix, Dictionary<string, string> result)
    {
        switch (node)
        {
            case YamlTree.Mapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Flatten(entry.Value, prefix.Length == 0 ? entry.Key : prefix + "." + entry.Key, result);
                }

                break;
            case YamlTree.Scalar scalar:
                result[prefix] = scalar.Value;
                break;
        }
    }

    internal static Dictionary<string, string> FlattenWithYamlDotNet(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count > 0)
        {
            Flatten(stream.Documents[0].RootNode, "", result);
        }

        return result;
    }

    private static void Flatten(YamlNode node, string prefix, Dictionary<string, string> result)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    Flatten(value, prefix.Length == 0 ? name : prefix + "." + name, result);
                }

                break;
            case YamlScalarNode scalar:
                result[prefix] = scalar.Value ?? "";
                break;
        }
    }
}
