using System.Xml.Linq;
using Microsoft.Playwright;
using StatusSite.Model;

namespace StatusSite.BrowserTests.Support;

/// <summary>
/// The tests' sample site fixture (tests/StatusSite.Tests/Fixtures/sample-site, written for a fixed clock), built once in-process at a fixed clock into a temporary folder,
/// served on loopback and opened in Debian's Chromium. Shared by every browser test, with the other sites some tests need
/// (each <see cref="HomeState"/>, thirty components), built when first asked for.
/// </summary>
public sealed class SampleSite : IAsyncLifetime
{
    /// <summary>The clock the fixture is written for.</summary>
    public static readonly DateTimeOffset BuiltAt = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly Dictionary<string, Task<ServedSite>> _others = [];
    private ServedSite? _sample;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The sample site itself.</summary>
    public ServedSite Sample => _sample!;

    public string Output => _sample!.Output;

    public SiteModel Model => _sample!.Model;

    public Uri Origin => _sample!.Origin;

    public IBrowser Browser => _browser!;

    /// <summary>
    /// One page of each kind the site publishes, found in its sitemap (so kinds added later are
    /// covered without touching the tests), plus the 404 page: kind → site-relative path.
    /// </summary>
    public IReadOnlyList<(string Kind, string Path)> PageKinds { get; private set; } = [];

    /// <summary>
    /// Where screenshots are kept for review: the folder STATUSSITE_SCREENSHOTS_DIR names (relative to the
    /// repository), else TestResults/screenshots/ under the test output folder.
    /// </summary>
    public static string ScreenshotDir => FolderFromEnvironment("STATUSSITE_SCREENSHOTS_DIR", "screenshots");

    public async Task InitializeAsync()
    {
        _sample = await ServedSite.BuildAsync(ServedSite.Fixture("sample-site"), BuiltAt);
        PageKinds = DiscoverPageKinds();

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

    /// <summary>The sample site in a <see cref="HomeState"/>, built at <see cref="BuiltAt"/> on first use.</summary>
    public Task<ServedSite> HomeStateAsync(HomeState state) => Other("home-" + state, () =>
        ServedSite.BuildAsync(ServedSite.Fixture("sample-site"), BuiltAt, input => HomeStates.Apply(input, state, Model)));

    /// <summary>The fixture with 30 components in five groups, built at <see cref="BuiltAt"/> on first use.</summary>
    public Task<ServedSite> ThirtyComponentsAsync() => Other("thirty-components", () =>
        ServedSite.BuildAsync(ServedSite.Fixture("thirty-components"), BuiltAt));

    /// <summary>A fresh browser context on another served site.</summary>
    public Task<IBrowserContext> NewContextAsync(ServedSite other, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = other.Origin.ToString();
        return NewContextAsync(options);
    }

    /// <summary>A fresh browser context (its own storage, scheme, viewport, zone) on the served site.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= Origin.ToString();
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
        foreach (var other in _others.Values.Where(t => t.IsCompletedSuccessfully))
        {
            await other.Result.DisposeAsync();
        }

        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
    }

    /// <summary>
    /// The folder an environment variable names (relative to the repository), else TestResults/<paramref name="fallback"/>/
    /// under the test output folder; created.
    /// </summary>
    public static string FolderFromEnvironment(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured
            ? Directory.CreateDirectory(Path.GetFullPath(configured, ServedSite.RepoRoot)).FullName
            : ResultsFolder(fallback);

    /// <summary>TestResults/<paramref name="name"/>/ under the test output folder, created.</summary>
    public static string ResultsFolder(string name) =>
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", name)).FullName;

    private Task<ServedSite> Other(string name, Func<Task<ServedSite>> build)
    {
        lock (_others)
        {
            if (!_others.TryGetValue(name, out var site) || site.IsFaulted)
            {
                _others[name] = site = build();
            }

            return site;
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
}

/// <summary>Every browser test shares one built site and one browser, and they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SampleSite>
{
    public const string Name = "browser";
}
