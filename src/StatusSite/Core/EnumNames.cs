using System.Collections.Concurrent;
using System.Text;

namespace StatusSite.Core;

/// <summary>The content's names for enum members: the snake_case of the member name (SEV1, partial_outage).</summary>
internal static class EnumNames
{
    /// <summary>A .NET member name as the content writes it: <c>PartialOutage</c> → <c>partial_outage</c>, <c>Sev1</c> → <c>sev1</c>.</summary>
    public static string SnakeCase(string name)
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

    public static string Of<T>(T value)
        where T : struct, Enum => SnakeCase(value.ToString());

    public static IReadOnlyList<string> All(Type type) => TableOf(type).Names;

    public static bool TryParse(Type type, string text, out object? value)
    {
        var normalized = text.Trim().Replace(' ', '_').Replace('-', '_');
        return TableOf(type).Values.TryGetValue(normalized, out value);
    }

    private static readonly ConcurrentDictionary<Type, EnumTable> Tables = new();

    private static EnumTable TableOf(Type type) => Tables.GetOrAdd(type, static t => new EnumTable(t));

    /// <summary>An enum's content names and values, worked out once: every status and severity in every file is looked up here.</summary>
    private sealed class EnumTable
    {
        public EnumTable(Type type)
        {
            var names = Enum.GetNames(type);
            Names = [.. names.Select(SnakeCase)];
            for (var i = 0; i < names.Length; i++)
            {
                // Names that differ only in case match the same text: the first in enum order wins.
                Values.TryAdd(Names[i], Enum.Parse(type, names[i]));
            }
        }

        public string[] Names { get; }

        public Dictionary<string, object> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
