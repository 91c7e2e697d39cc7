using System.Xml.Linq;
using Microsoft.Playwright;
using StatusSite.Model;

namespace StatusSite.BrowserTests.Support;

/// <summary>
/// The tests' sample site fixture (tests/StatusSite.Tests/Fixtures/sample-site, written for a fixed clock), built once in-process at a fixed clock into a temporary folder,
/// served on loopback and opened in Debian's Chromium. Shared by every browser test.
/// </summary>
public sealed class SampleSite : IAsyncLifetime
{
    /// <summary>The clock the fixture is written for.</summary>
    public static readonly DateTimeOffset BuiltAt = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "statussite-browser-" + Guid.NewGuid().ToString("N")[..12]);
    private StaticSiteServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Output => Path.Combine(_root, "_site");

    public SiteModel Model { get; private set; } = null!;

    public Uri Origin => _server!.Origin;

    public IBrowser Browser => _browser!;

    /// <summary>
    /// One page of each kind the site publishes, found in its sitemap (so kinds added later are
    /// covered without touching the tests), plus the 404 page: kind → site-relative path.
    /// </summary>
    public IReadOnlyList<(string Kind, string Path)> PageKinds { get; private set; } = [];

    /// <summary>Where screenshots are kept for review: TestResults/screenshots/ under the test output folder.</summary>
    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var repo = RepoRoot();
        var result = await SiteBuilder.BuildAsync(new BuildOptions(
            Path.Combine(repo, "tests", "StatusSite.Tests", "Fixtures", "sample-site"), Output, Path.Combine(repo, "theme"),
            Path.Combine(Path.GetTempPath(), "statussite-browser-tests-cache"), BuiltAt, DisplayRoot: "input"));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The sample site does not build:\n" + string.Join("\n", result.Diagnostics));
        }

        Model = result.Model!;
        PageKinds = DiscoverPageKinds();
        _server = await StaticSiteServer.StartAsync(Output);

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium at {ChromiumPath}; tests/run-all.sh installs it (apt-get install chromium).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own storage, scheme, viewport, zone) on the served site.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = Origin.ToString();
        options.TimezoneId ??= "UTC";
        options.Locale ??= "en-GB";
        return Browser.NewContextAsync(options);
    }

    /// <summary>Opens a site-relative path and waits until the page and its scripts have run.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
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

    private List<(string Kind, string Path)> DiscoverPageKinds()
    {
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var baseUrl = Model.Settings.BaseUrl.AbsoluteUri;
        var kinds = XDocument.Load(Path.Combine(Output, "sitemap.xml"))
            .Descendants(ns + "loc")
            .Select(loc => loc.Value[baseUrl.Length..])
            .GroupBy(Kind)
            .Select(g => (Kind: g.Key, Path: g.Order(StringComparer.Ordinal).First()))
            .OrderBy(k => k.Kind, StringComparer.Ordinal)
            .ToList();
        kinds.Add(("404", "no-such-page/"));
        return kinds;
    }

    /// <summary>"incidents/x/" → "incidents/*"; "history/" → "history"; "" → "home".</summary>
    private static string Kind(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "home" : string.Join('/', segments.Select((s, i) => i == 0 ? s : "*"));
    }

    private static string RepoRoot()
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

/// <summary>Every browser test shares one built site and one browser, and they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SampleSite>
{
    public const string Name = "browser";
}
