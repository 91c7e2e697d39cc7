using System.Text;
using StatusSite.Core;
using StatusSite.Reading;

namespace StatusSite.Authoring;

/// <summary>
/// The site.yml that <c>statussite init</c> writes: the title, address and components given, or
/// placeholders that the build accepts and flags with a warning until they are replaced.
/// </summary>
public static class SiteScaffold
{
    public const string PlaceholderTitle = "Example Status";

    public const string PlaceholderBaseUrl = "https://status.example.com/";

    /// <summary>The rule id of the warning about a placeholder left in site.yml.</summary>
    public const string PlaceholderRule = "placeholder";

    private static readonly string[] PlaceholderComponents = ["website=Website"];

    /// <param name="components">Each 'id=name', in the order the page lists them; none writes one placeholder component.</param>
    /// <param name="error">What is wrong with an argument, naming its option; null when the text was written.</param>
    /// <returns>The text of site.yml, or null with <paramref name="error"/>.</returns>
    public static string? SiteYml(string? title, string? baseUrl, IReadOnlyList<string> components, out string? error)
    {
        error = null;
        if (title is not null && string.IsNullOrWhiteSpace(title))
        {
            error = "--title: give the page's title, such as \"Acme Status\"";
            return null;
        }

        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            error = $"--base-url: '{baseUrl}' is not an absolute web address; write the address the site is published at, such as https://status.acme.example/";
            return null;
        }

        var text = new StringBuilder()
            .Append("# The status page's settings. Every key is described in the StatusSite README (\"Content format reference\").\n")
            .Append("title: ").Append(ContentAuthoring.Quote((title ?? PlaceholderTitle).Trim())).Append('\n')
            .Append("base_url: ").Append(ContentAuthoring.Quote(baseUrl ?? PlaceholderBaseUrl)).Append('\n')
            .Append("language: en\n")
            .Append("time_zone: UTC\n")
            .Append("components:\n");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in components.Count == 0 ? PlaceholderComponents : components)
        {
            var (id, name) = component.IndexOf('=', StringComparison.Ordinal) is var at and > 0
                ? (component[..at].Trim(), component[(at + 1)..].Trim())
                : ("", "");
            if (id.Length == 0 || name.Length == 0)
            {
                error = $"--component: '{component}' is not id=name; write it such as api=\"Public API\"";
                return null;
            }

            if (!ContentReader.IdPattern().IsMatch(id))
            {
                error = $"--component: the id '{id}' is not usable in an address; use lower-case letters, digits and '-', such as 'public-api'";
                return null;
            }

            if (!ids.Add(id))
            {
                error = $"--component: the id '{id}' is given twice; give each component its own id";
                return null;
            }

            text.Append("  - id: ").Append(id).Append('\n')
                .Append("    name: ").Append(ContentAuthoring.Quote(name)).Append('\n');
        }

        return text.ToString();
    }
}
