using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using StatusSite.Core;
using StatusSite.Presentation;

namespace StatusSite.Tests.Support;

/// <summary>
/// A small site in a temporary folder: write input files, build it with the real theme, and
/// read the output back. Messages name the content folder 'input', as a user in the repository sees it.
/// </summary>
internal sealed class TestSite : IDisposable
{
    public const string DefaultNow = "2026-11-27T00:00:00Z";

    public const string DefaultSiteYml = """
        title: Acme Status
        base_url: https://status.acme.example/
        description: Live status for Acme.
        language: en
        time_zone: Europe/Berlin
        support_url: https://acme.example/support
        repository: acme/status
        components:
          - id: api
            name: Public API
            group: Core platform
            description: REST and GraphQL endpoints
          - id: dashboard
            name: Dashboard
            group: Core platform
          - id: webhooks
            name: Webhooks
        """;

    private static readonly HtmlParser Parser = new();

    private TestSite(string root) => Root = root;

    public string Root { get; }

    public string Input => Path.Combine(Root, "input");

    public string Output => Path.Combine(Root, "_site");

    /// <summary>Compiled templates shared by every test in the run: the theme compiles once.</summary>
    public static string CacheDir { get; } = Path.Combine(Path.GetTempPath(), "statussite-tests-cache");

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ThemeDir => Path.Combine(RepoRoot, "theme");

    /// <summary>
    /// The tests' copy of the sample site, written for <see cref="DefaultNow"/>: the suite never reads the
    /// repository's input/, so a fork that replaces it with its own content keeps a passing suite.
    /// </summary>
    public static string SampleInput => Path.Combine(RepoRoot, "tests", "StatusSite.Tests", "Fixtures", "sample-site");

    /// <summary>The repository's own content folder: only the test that it builds cleanly reads it.</summary>
    public static string RepositoryInput => Path.Combine(RepoRoot, "input");

    public static TestSite Create(string? siteYml = DefaultSiteYml)
    {
        var root = Path.Combine(Path.GetTempPath(), "statussite-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "input"));
        var site = new TestSite(root);
        if (siteYml is not null)
        {
            site.Write("site.yml", siteYml);
        }

        return site;
    }

    /// <summary>A copy of the tests' sample site fixture.</summary>
    public static TestSite FromSample() => FromFolder(SampleInput);

    /// <summary>A copy of a content folder.</summary>
    public static TestSite FromFolder(string input)
    {
        var site = Create(siteYml: null);
        CopyFolder(input, site.Input);
        return site;
    }

    /// <summary>Writes a file under input/ (e.g. "incidents/x.md").</summary>
    public TestSite Write(string relativePath, string content)
    {
        var path = Path.Combine(Input, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return this;
    }

    public TestSite WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Input, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public BuildOptions Options(string now = DefaultNow, string? output = null, int parallelism = 0) =>
        new(Input, output ?? Output, ThemeDir, CacheDir, Parse(now), DisplayRoot: "input", MaxParallelism: parallelism);

    public Task<BuildResult> BuildAsync(string now = DefaultNow, string? output = null) => SiteBuilder.BuildAsync(Options(now, output));

    /// <summary>Builds and fails the test with every diagnostic when the build does not succeed.</summary>
    public async Task<BuildResult> BuildOkAsync(string now = DefaultNow)
    {
        var result = await BuildAsync(now);
        Assert.True(result.Succeeded, "build failed:\n" + string.Join("\n", result.Diagnostics));
        return result;
    }

    public string ReadOutput(string relativePath) => File.ReadAllText(Path.Combine(Output, relativePath));

    /// <summary>Parses an output page; "incidents/x/" reads "incidents/x/index.html".</summary>
    public IHtmlDocument Page(string path = "") =>
        Parser.ParseDocument(ReadOutput(Routes.FileOf(path)));

    public static DateTimeOffset Parse(string timestamp) =>
        Timestamp.TryParse(timestamp, out var value, out var error) ? value : throw new ArgumentException(error);

    /// <summary>Every output file, relative path → bytes.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StatusSite.sln not found above the test binaries.");
    }
}
