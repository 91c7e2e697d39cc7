using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Reading;

namespace StatusSite.Authoring;

/// <summary>What the writing commands need from input/: the component catalogue and the files by id.</summary>
public sealed class AuthoringInput
{
    private AuthoringInput(string inputDir, string displayRoot, SiteSettings settings)
    {
        InputDir = inputDir;
        DisplayRoot = displayRoot;
        Settings = settings;
        Catalogue = settings.Components.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    }

    public string InputDir { get; }

    public string DisplayRoot { get; }

    public SiteSettings Settings { get; }

    public IReadOnlySet<string> Catalogue { get; }

    /// <summary>Reads site.yml; null with its diagnostics when it cannot be used.</summary>
    public static (AuthoringInput? Input, IReadOnlyList<Diagnostic> Diagnostics) Open(string inputDir, string? displayRoot = null)
    {
        displayRoot = (displayRoot ?? Path.GetRelativePath(Environment.CurrentDirectory, inputDir)).Replace('\\', '/').TrimEnd('/');
        var diagnostics = new DiagnosticBag();
        if (!Directory.Exists(inputDir))
        {
            diagnostics.Error(displayRoot, 0, "the input folder does not exist; create it with a site.yml, or pass --input <folder>");
            return (null, diagnostics.Sorted());
        }

        var settings = new SiteSettingsReader(diagnostics).Read(Path.Combine(inputDir, "site.yml"), Display(displayRoot, "site.yml"));
        return (settings is null ? null : new AuthoringInput(inputDir, displayRoot, settings), diagnostics.Sorted());
    }

    /// <summary>How messages name a file under input/.</summary>
    public string Display(string fullPath) => Display(DisplayRoot, Path.GetRelativePath(InputDir, fullPath));

    private static string Display(string root, string relative) =>
        root.Length == 0 || root == "." ? relative.Replace('\\', '/') : root + "/" + relative.Replace('\\', '/');

    /// <summary>The file of an incident (or maintenance) id; otherwise the reason, with "did you mean".</summary>
    public string? FindFile(string folder, string id, out string error)
    {
        var files = ContentFiles.Find(InputDir, folder);
        if (files.TryGetValue(id.EndsWith(".md", StringComparison.Ordinal) ? id[..^3] : id, out var path))
        {
            error = "";
            return path;
        }

        error = files.Count == 0
            ? $"there is no {folder} file with the id '{id}' (input/{folder}/ holds none); declare one with 'statussite new incident'"
            : $"there is no {folder} file with the id '{id}'{MessageText.DidYouMean(id, files.Keys)}; the id is the file name without '.md'";
        return null;
    }

    /// <summary>True when an id is already used by a file anywhere under input/&lt;folder&gt;.</summary>
    public bool IdExists(string folder, string id) => ContentFiles.Find(InputDir, folder).ContainsKey(id);

    /// <summary>
    /// Parses '--component api=partial_outage' values; a bare id takes <paramref name="defaultStatus"/>, or is refused when it is null.
    /// </summary>
    public IReadOnlyList<ComponentChange>? ParseComponents(IEnumerable<string> values, ComponentStatus? defaultStatus, out string error)
    {
        var changes = new List<ComponentChange>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var pair = value.Split('=', 2, StringSplitOptions.TrimEntries);
            var id = pair[0];
            if (!Catalogue.Contains(id))
            {
                error = $"--component: unknown component '{id}'{MessageText.DidYouMean(id, Catalogue)}; use an id from site.yml: {MessageText.OneOf(Catalogue.Order(StringComparer.Ordinal))}";
                return null;
            }

            ComponentStatus status;
            if (pair.Length == 2)
            {
                if (!EnumNames.TryParse(typeof(ComponentStatus), pair[1], out var parsed))
                {
                    var names = EnumNames.All(typeof(ComponentStatus));
                    error = $"--component: unknown status '{pair[1]}'{MessageText.DidYouMean(pair[1], names)}; write {id}=<status> with one of {MessageText.OneOf(names)}";
                    return null;
                }

                status = (ComponentStatus)parsed!;
            }
            else if (defaultStatus is { } fallback)
            {
                status = fallback;
            }
            else
            {
                error = $"--component: '{id}' needs a status; write it as '{id}=partial_outage' (one of {MessageText.OneOf(EnumNames.All(typeof(ComponentStatus)))})";
                return null;
            }

            if (changes.Any(c => c.ComponentId == id))
            {
                error = $"--component: '{id}' is given twice; give each component once";
                return null;
            }

            changes.Add(new ComponentChange(id, status));
        }

        error = "";
        return changes;
    }

    /// <summary>Parses an enum value as written on the command line ('SEV2', 'identified'), with "did you mean".</summary>
    /// <param name="offered">The values the messages list, when the command takes fewer than all (the caller refuses the others itself).</param>
    public static T? ParseEnum<T>(string option, string? text, out string error, IEnumerable<T>? offered = null)
        where T : struct, Enum
    {
        var names = (offered ?? Enum.GetValues<T>()).Select(v => typeof(T) == typeof(Severity) ? v.ToString().ToUpperInvariant() : EnumNames.SnakeCase(v.ToString())).ToList();
        if (text is not null && EnumNames.TryParse(typeof(T), text, out var value))
        {
            error = "";
            return (T)value!;
        }

        error = text is null
            ? $"{option} is required; write one of {MessageText.OneOf(names)}"
            : $"{option}: unknown value '{text}'{MessageText.DidYouMean(text, names)}; write one of {MessageText.OneOf(names)}";
        return null;
    }
}
