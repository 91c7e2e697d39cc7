using System.Globalization;
using StatusSite.Core;
using StatusSite.Presentation;
using StatusSite.Reading;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class LanguageTests
{
    public static TheoryData<string> ShippedLanguages => ["en", "de", "fr", "es", "pt", "ja"];

    [Theory]
    [MemberData(nameof(ShippedLanguages))]
    public async Task Sample_site_builds_in_every_shipped_language_with_its_own_words_and_dates(string language)
    {
        using var site = TestSite.FromSample();
        var siteYml = File.ReadAllText(Path.Combine(site.Input, "site.yml"));
        site.Write("site.yml", siteYml.Replace("language: en", "language: " + language, StringComparison.Ordinal));
        var result = await site.BuildOkAsync();

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is "i18n-missing" or "i18n-unknown");
        var strings = Translations.Load(language, lang => File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", lang + ".yml")));
        var home = site.Page();
        Assert.Equal(language, home.DocumentElement.GetAttribute("lang"));
        Assert.Equal(strings["nav.history"], home.QuerySelector("nav a[href='./history/']")!.TextContent);
        var built = TestSite.Parse(TestSite.DefaultNow).UtcDateTime.ToString(strings["format.date_time"], CultureInfo.GetCultureInfo(language));
        Assert.Contains(built + " UTC", home.QuerySelector(".site-footer")!.TextContent, StringComparison.Ordinal);
        foreach (var page in new[] { "", "history/", "maintenance/", "components/api/", "404.html" })
        {
            // An unknown key renders as "[key]": no page may show one.
            Assert.DoesNotMatch(@"\[[a-z_]+\.[a-z_.]+\]", site.Page(page).Body!.TextContent);
        }
    }

    [Theory]
    [MemberData(nameof(ShippedLanguages))]
    public void Language_files_are_read_without_YamlDotNet_to_the_same_strings(string language)
    {
        var yaml = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", language + ".yml"));

        Assert.NotNull(SimpleYaml.TryRead(yaml));
        Assert.Equal(Translations.FlattenWithYamlDotNet(yaml), Translations.Flatten(yaml));
    }

    [Theory]
    [InlineData("a:\n  b: one\n  c: 'two'\nd: \"three: {0}\"\n")]
    [InlineData("a: [x, y]\nb: ~\nc:\n")]
    [InlineData("a: |\n  block\nb: x\n")]
    [InlineData("a: x\na: y\n")]
    public void Any_language_file_reads_as_YamlDotNet_reads_it(string yaml)
    {
        Dictionary<string, string>? expected = null;
        try
        {
            expected = Translations.FlattenWithYamlDotNet(yaml);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => Translations.Flatten(yaml));
            return;
        }

        Assert.Equal(expected, Translations.Flatten(yaml));
    }

    [Fact]
    public void Every_shipped_translation_has_every_English_key()
    {
        var warnings = TranslationChecker.CheckAll(new Rendering.Theme(TestSite.ThemeDir, null));

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Missing_translation_falls_back_to_English_and_the_build_warns()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: de", StringComparison.Ordinal));
        var german = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", "de.yml"));
        site.Write("theme/i18n/de.yml", german.Replace("  home: Status\n", "", StringComparison.Ordinal).Replace("  history: Verlauf\n", "  histroy: Verlauf\n", StringComparison.Ordinal));
        var result = await site.BuildOkAsync();

        var warnings = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Warning && d.Path.EndsWith("input/theme/i18n/de.yml", StringComparison.Ordinal)).Select(d => d.Message).ToList();
        Assert.Equal(
            [
                "key 'nav.histroy' is not used: English has no such key; fix its name or remove it",
                "missing key 'nav.history'; add it (English: \"History\")",
                "missing key 'nav.home'; add it (English: \"Status\")",
            ],
            warnings.Order(StringComparer.Ordinal));
        var nav = site.Page().QuerySelectorAll("nav a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Status", "History", "Wartung", "Postmortems"], nav);
    }

    [Theory]
    [InlineData("pt-BR")]
    [InlineData("pt-br")]
    public async Task A_region_code_reads_its_languages_strings_and_formats_dates_in_the_regions_culture(string language)
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: " + language, StringComparison.Ordinal));
        var result = await site.BuildOkAsync();

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is "i18n-missing" or "i18n-unknown");
        var portuguese = Translations.Load("pt", lang => File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", lang + ".yml")));
        var home = site.Page();
        Assert.Equal("pt-BR", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal(portuguese["nav.history"], home.QuerySelector("nav a[href='./history/']")!.TextContent);
        var built = TestSite.Parse(TestSite.DefaultNow).UtcDateTime.ToString(portuguese["format.date_time"], CultureInfo.GetCultureInfo("pt-BR"));
        Assert.Contains(built + " UTC", home.QuerySelector(".site-footer")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_file_needs_only_the_keys_it_writes_differently()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: pt-BR", StringComparison.Ordinal));
        site.Write("theme/i18n/pt-BR.yml", "nav:\n  history: Histórico do Brasil\n");
        var result = await site.BuildOkAsync();

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is "i18n-missing" or "i18n-unknown");
        var nav = site.Page().QuerySelectorAll("nav a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Estado", "Histórico do Brasil", "Manutenção", "Postmortems"], nav);
    }

    [Theory]
    [InlineData("xx-YY", "input/site.yml:4: language 'xx-YY' is not a language code; write one such as 'en', 'de' or 'pt-BR'")]
    [InlineData("../en", "input/site.yml:4: language '../en' is not a language code; write one such as 'en', 'de' or 'pt-BR'")]
    [InlineData("it-CH", "input/site.yml: language 'it-CH' has no translation (theme/i18n/it-CH.yml or theme/i18n/it.yml); use one the theme ships, such as 'en', or add the file in input/theme/i18n/")]
    public async Task A_language_that_is_unknown_or_untranslated_is_refused(string language, string error)
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: " + language, StringComparison.Ordinal));

        var result = await site.BuildAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(error, result.Diagnostics.Select(d => d.ToString()));
    }
}
