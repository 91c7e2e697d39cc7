namespace StatusSite.Model;

/// <summary>A linked ticket's state as its tracker said it when the build read it: <c>open</c>/<c>closed</c> (GitHub), or Jira's status category <c>new</c>/<c>indeterminate</c>/<c>done</c>.</summary>
public sealed record TicketState(string State, DateTimeOffset ReadAt);

/// <summary>
/// The states the build read from the trackers, by ticket; empty when it read none (no credentials, offline,
/// <c>--no-ticket-state</c>), and the pages then show the status written in the postmortem and say so.
/// </summary>
public sealed class TicketStates(IReadOnlyDictionary<string, TicketState> states)
{
    public static readonly TicketStates None = new(new Dictionary<string, TicketState>());

    public int Count => states.Count;

    /// <summary>The ticket an action item links, as a key of this table: "github#42" or "jira:OPS-123"; null for none or any other tracker.</summary>
    public static string? RefOf(ActionItem item) =>
        item.IssueNumber is { } number ? "github#" + number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : item.IssueKey is { } key ? "jira:" + key
        : null;

    public TicketState? Of(ActionItem item) => RefOf(item) is { } key ? states.GetValueOrDefault(key) : null;
}
