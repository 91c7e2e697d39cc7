namespace StatusSite.Core;

/// <summary>"Did you mean" suggestions by edit distance.</summary>
public static class MessageText
{
    /// <summary>Returns " (did you mean 'x'?)" for the closest candidate within a small distance, or "".</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var allowed = Math.Max(2, given.Length / 3);
        return best is not null && bestDistance <= allowed ? $" (did you mean '{best}'?)" : "";
    }

    /// <summary>Lists the allowed values for a message: 'a', 'b' or 'c'.</summary>
    public static string OneOf(IEnumerable<string> values)
    {
        var list = values.Select(v => $"'{v}'").ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list[..^1]) + " or " + list[^1];
    }

    /// <summary>
    /// Text from the content as a message quotes it: whole when short, else its start and its length, so that a
    /// hostile or mangled file still gets a message of normal length.
    /// </summary>
    public static string Excerpt(string text) =>
        text.Length <= MaxExcerpt ? text : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text.AsSpan(0, MaxExcerpt - 20)}… ({text.Length} characters)");

    private const int MaxExcerpt = 80;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
