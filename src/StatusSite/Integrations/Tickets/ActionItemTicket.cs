using System.Security.Cryptography;
using System.Text;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;

namespace StatusSite.Integrations.Tickets;

/// <summary>
/// An action item of a published postmortem that names no ticket yet, as <c>tickets sync</c> files it.
/// <see cref="Key"/> finds the ticket again: the postmortem's id and a hash of the item's title, so reordering the
/// items never points one at another's ticket (editing a title before the ticket is written back files a new one).
/// </summary>
public sealed record ActionItemTicket(PostmortemModel Postmortem, ActionItem Item, Uri Page)
{
    public string Key { get; } = Postmortem.Id + "#" + Hash(string.Join(' ', Item.Title.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), 10);

    /// <summary>The hidden line of a GitHub issue's body that names the item: an HTML comment, not shown on GitHub.</summary>
    public string Marker => $"<!-- statussite:action-item {Key} -->";

    /// <summary>The Jira label that names the item: labels hold no spaces, and a label search is exact where text search is not.</summary>
    public string JiraLabel => "statussite-" + Hash(Key, 16);

    public static readonly string[] Labels = ["postmortem", "action-item"];

    /// <summary>The item's facts the ticket quotes: type, priority, owner and due date when written.</summary>
    public IReadOnlyList<(string Name, string Value)> Facts =>
    [
        ("Type", EnumNames.Of(Item.Type)),
        ("Priority", SiteView.Name(Item.Priority)),
        ("Owner", Item.Owner),
        .. Item.Due is { } due ? [("Due", SiteView.Iso(due))] : Array.Empty<(string, string)>(),
    ];

    /// <summary>Every action item of the site's published postmortems that names no ticket, in page order.</summary>
    public static IReadOnlyList<ActionItemTicket> Pending(SiteModel site) =>
        [.. site.Postmortems.SelectMany(p => p.Source.ActionItems.Where(a => !a.HasIssue)
            .Select(a => new ActionItemTicket(p, a, Routes.UriOf(site.Settings.BaseUrl, Routes.Of(p)))))];

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}

/// <summary>A tracker refused or did not answer; the message names no secret and no part of one.</summary>
/// <param name="RateLimited">The tracker's rate limit was reached: asking again for other tickets would meet the same answer.</param>
public sealed class TrackerException(string message, bool rateLimited = false) : Exception(message)
{
    public bool RateLimited { get; } = rateLimited;
}

/// <summary>A place action items become tickets: GitHub Issues or Jira.</summary>
public interface ITicketTracker : IDisposable
{
    /// <summary>"GitHub" or "Jira", for messages.</summary>
    string Name { get; }

    /// <summary>The tickets filed earlier for <paramref name="tickets"/>, found by their marker: item key → <c>issue:</c> value.</summary>
    Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyList<ActionItemTicket> tickets, CancellationToken cancellationToken);

    /// <summary>Files the ticket; its <c>issue:</c> value.</summary>
    Task<string> CreateAsync(ActionItemTicket ticket, CancellationToken cancellationToken);

    /// <summary>The state of a linked ticket (<see cref="TicketStates.RefOf"/>), or null when this tracker does not hold it.</summary>
    Task<string?> StateAsync(ActionItem item, CancellationToken cancellationToken);
}
