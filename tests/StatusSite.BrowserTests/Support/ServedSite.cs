using StatusSite.Model;

namespace StatusSite.BrowserTests.Support;

/// <summary>
/// A content folder built in-process at a fixed clock into a temporary folder of its own and served on loopback
/// (<see cref="StaticSiteServer"/>). With a change, the content is first copied and the change applied to the copy.
/// </summary>
public sealed class ServedSite : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "statussite-browser-" + Guid.NewGuid().ToString("N")[..12]);
    private StaticSiteServer? _server;

    private ServedSite()
    {
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A content folder of the fast suite's fixtures, such as "sample-site".</summary>
    public static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "StatusSite.Tests", "Fixtures", name);

    public string Output => Path.Combine(_root, "_site");

    public SiteModel Model { get; private set; } = null!;

    public Uri Origin => _server!.Origin;

    /// <param name="input">The content folder.</param>
    /// <param name="now">The build clock.</param>
    /// <param name="change">Given the copied content folder, changes it before the build.</param>
    public static async Task<ServedSite> BuildAsync(string input, DateTimeOffset now, Action<string>? change = null)
    {
        var site = new ServedSite();
        try
        {
            if (change is not null)
            {
                var copy = Path.Combine(site._root, "input");
                CopyFolder(input, copy);
                change(copy);
                input = copy;
            }

            var result = await SiteBuilder.BuildAsync(new BuildOptions(
                input, site.Output, Path.Combine(RepoRoot, "theme"),
                Path.Combine(Path.GetTempPath(), "statussite-browser-tests-cache"), now, DisplayRoot: "input"));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{input} does not build:\n" + string.Join("\n", result.Diagnostics));
            }

            site.Model = result.Model!;
            site._server = await StaticSiteServer.StartAsync(site.Output);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyFolder(string from, string to)
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
