namespace StatusSite.Authoring;

/// <summary>Finds the content files of one type (incidents, maintenance) by id, for the writing commands.</summary>
public static class ContentFiles
{
    /// <summary>Every '&lt;id&gt;.md' under input/&lt;folder&gt;, id → full path; the first path (ordinal) wins for a duplicate id.</summary>
    public static IReadOnlyDictionary<string, string> Find(string inputDir, string folder)
    {
        var root = Path.Combine(inputDir, folder);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return result;
        }

        // Links are not followed, so a folder link that loops cannot make the search endless.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(root, "*.md", options).Order(StringComparer.Ordinal))
        {
            result.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return result;
    }
}
