using System.Security.Cryptography;
using System.Text;
using RazorLight.Caching;
using RazorLight.Razor;

namespace StatusSite.Rendering;

/// <summary>
/// The theme folder with the site's overrides: a file under input/theme/ replaces the file at
/// the same relative path under theme/.
/// </summary>
public sealed class Theme
{
    private readonly string[] _roots;

    /// <param name="themeDir">The default theme.</param>
    /// <param name="overrideDir">input/theme/; it need not exist.</param>
    public Theme(string themeDir, string? overrideDir)
    {
        ThemeDir = Path.GetFullPath(themeDir);
        _roots = overrideDir is not null && Directory.Exists(overrideDir)
            ? [Path.GetFullPath(overrideDir), ThemeDir]
            : [ThemeDir];
    }

    public string ThemeDir { get; }

    /// <summary>The folders templates are read from, overrides first: which theme this is, whatever its state.</summary>
    internal string Folders => string.Join('\n', _roots);

    /// <summary>The file that serves <paramref name="relativePath"/>, or null.</summary>
    public string? Resolve(string relativePath)
    {
        relativePath = relativePath.TrimStart('/', '\\');
        foreach (var root in _roots)
        {
            var candidate = Path.Combine(root, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public string? ReadText(string relativePath) => Resolve(relativePath) is { } path ? File.ReadAllText(path) : null;

    /// <summary>The layouts and partials, overrides included: every template a page can render or include.</summary>
    public IEnumerable<string> Templates =>
        FilesUnder("layouts").Concat(FilesUnder("partials")).Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal));

    /// <summary>Every file under <paramref name="folder"/> (relative paths with '/'), overrides included, ordinal order.</summary>
    public IReadOnlyList<string> FilesUnder(string folder) =>
        [.. _roots
            .Select(root => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar))!, f).Replace('\\', '/')))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}

/// <summary>RazorLight's view of the theme: templates resolved through the overrides.</summary>
internal sealed class ThemeProject(Theme theme) : RazorLightProject
{
    public const string ImportsFile = "_ViewImports.cshtml";

    public override Task<RazorLightProjectItem> GetItemAsync(string templateKey)
    {
        var path = theme.Resolve(templateKey) ?? Path.Combine(theme.ThemeDir, templateKey.TrimStart('/'));
        return Task.FromResult<RazorLightProjectItem>(new FileSystemRazorProjectItem(templateKey, new FileInfo(path)));
    }

    public override Task<IEnumerable<RazorLightProjectItem>> GetImportsAsync(string templateKey)
    {
        IEnumerable<RazorLightProjectItem> imports = theme.Resolve(ImportsFile) is { } path
            ? [new FileSystemRazorProjectItem(ImportsFile, new FileInfo(path))]
            : [];
        return Task.FromResult(imports);
    }
}

/// <summary>
/// Names each compiled template in the cache by a hash of its source, the imports and the
/// tool's build, so an edited template, an override or a new tool version never runs a stale assembly.
/// A template the cache folder lacks is looked for in the tool's own <c>theme-cache</c> folder,
/// where publishing the tool compiles the default theme: a first build on a new machine then
/// compiles only the templates a site overrides.
/// </summary>
internal sealed class ThemeCachingStrategy(Theme theme) : IFileSystemCachingStrategy
{
    private static readonly string ToolBuild = typeof(ThemeCachingStrategy).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>The default theme as publishing compiled it, next to the tool; absent in a development build.</summary>
    private static readonly string ShippedCache = Path.Combine(AppContext.BaseDirectory, "theme-cache");

    public string Name => "statussite-content-hash";

    /// <summary>Whether a compiled template is one the tool ships: those are compiled ahead of time too, so they are loaded from their file.</summary>
    public static bool IsShipped(string assemblyPath) => Path.GetDirectoryName(assemblyPath) == ShippedCache;

    public CachedFileInfo GetCachedFileInfo(string key, string templateFilePath, string cacheDir)
    {
        var source = theme.ReadText(key) ?? "";
        var imports = theme.ReadText(ThemeProject.ImportsFile) ?? "";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ToolBuild}\n{key}\n{imports}\n{source}")))[..32];
        var assembly = Path.Combine(cacheDir, hash + ".dll");
        var shipped = Path.Combine(ShippedCache, hash + ".dll");
        return !File.Exists(assembly) && File.Exists(shipped)
            ? new CachedFileInfo(true, shipped, Path.ChangeExtension(shipped, ".pdb"))
            : new CachedFileInfo(File.Exists(assembly), assembly, Path.Combine(cacheDir, hash + ".pdb"));
    }
}
