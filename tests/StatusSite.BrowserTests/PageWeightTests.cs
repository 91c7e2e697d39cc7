using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;

namespace StatusSite.BrowserTests;

/// <summary>What a reader's browser actually fetches: the site's own files and nothing else, no fonts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(SampleSite site)
{
    [Fact]
    public async Task Pages_request_nothing_but_the_sites_own_files_and_no_web_fonts()
    {
        await using var context = await site.NewContextAsync();
        var requests = new List<(string Url, string Type)>();
        context.Request += (_, request) => requests.Add((request.Url, request.ResourceType));
        foreach (var (_, path) in site.PageKinds)
        {
            var page = await SampleSite.OpenAsync(context, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.CloseAsync();
        }

        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.StartsWith(site.Origin.ToString(), r.Url, StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Type == "font");
        Assert.Contains(requests, r => r.Url.EndsWith("/assets/site.css", StringComparison.Ordinal));
    }
}
