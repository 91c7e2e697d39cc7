namespace StatusSite.Tests.Support;

/// <summary>Builders for small, readable content files in tests.</summary>
internal static class Incidents
{
    /// <summary>An incident file: front matter lines, then update sections.</summary>
    public static string File(string frontMatter, params string[] updates) =>
        "---\n" + frontMatter.Trim() + "\n---\n\n" + string.Join("\n\n", updates.Select(u => u.Trim())) + "\n";

    public static string Update(string time, string status, string message, string? components = null, string? nextUpdate = null)
    {
        var text = $"## {time} — {status}\n";
        if (components is not null)
        {
            text += $"Components: {components}\n";
        }

        if (nextUpdate is not null)
        {
            text += $"Next update: {nextUpdate}\n";
        }

        return text + "\n" + message + "\n";
    }
}
