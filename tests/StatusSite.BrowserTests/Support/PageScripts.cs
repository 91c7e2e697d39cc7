using System.Text.Json;
using Microsoft.Playwright;

namespace StatusSite.BrowserTests.Support;

internal static class PageScripts
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Runs a JavaScript function in the page and reads its result as JSON into <typeparamref name="T"/>:
    /// Playwright's own conversion handles neither records nor tuples.
    /// </summary>
    public static async Task<T> EvaluateJsonAsync<T>(this IPage page, string function)
    {
        var json = await page.EvaluateAsync<string>($"async () => JSON.stringify(await ({function})())");
        return JsonSerializer.Deserialize<T>(json, Json)!;
    }
}
