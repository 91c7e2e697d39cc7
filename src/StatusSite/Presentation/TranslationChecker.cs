using StatusSite.Core;
using StatusSite.Rendering;

namespace StatusSite.Presentation;

/// <summary>
/// Finds what a theme's translations lack compared with English. A missing key still renders (in
/// English), so these are warnings: the site works, but part of it speaks the wrong language.
/// </summary>
public static class TranslationChecker
{
    /// <summary>Warnings for one language file, such as <c>theme/i18n/de.yml: missing key 'nav.home'; add it (English: "Status")</c>.</summary>
    /// <exception cref="FileNotFoundException">The theme has no file for the language.</exception>
    public static IReadOnlyList<Diagnostic> Check(Theme theme, string language)
    {
        var strings = Translations.Load(language, lang => theme.ReadText($"i18n/{lang}.yml"));
        return Warnings(theme, strings);
    }

    /// <summary>Warnings for every language the theme ships (and the site's overrides add): what <c>check</c> reports.</summary>
    public static IReadOnlyList<Diagnostic> CheckAll(Theme theme) =>
        [.. theme.FilesUnder("i18n")
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(lang => lang != "en")
            .SelectMany(lang => Check(theme, lang))];

    internal static IReadOnlyList<Diagnostic> Warnings(Theme theme, Translations strings)
    {
        var file = theme.Resolve($"i18n/{strings.Source}.yml");
        var display = file is null ? $"theme/i18n/{strings.Source}.yml" : Path.GetRelativePath(Environment.CurrentDirectory, file).Replace('\\', '/');
        var warnings = strings.Missing
            .Select(key => new Diagnostic(DiagnosticLevel.Warning, display, 0, $"missing key '{key}'; add it (English: \"{strings.English(key)}\")", "i18n-missing"))
            .Concat(strings.Unknown.Select(key => new Diagnostic(DiagnosticLevel.Warning, display, 0, $"key '{key}' is not used: English has no such key; fix its name or remove it", "i18n-unknown")));
        return [.. warnings];
    }
}
