using System.Collections.Concurrent;
using StatusSite.Model;

namespace StatusSite.Integrations.Tickets;

/// <summary>What <c>tickets sync</c> did for one action item: the <c>issue:</c> value, and whether it filed the ticket now.</summary>
public sealed record SyncedTicket(ActionItemTicket Ticket, string Issue, bool Created);

/// <summary>The items synced, in order, and why the sync stopped early if it did.</summary>
public sealed record SyncResult(IReadOnlyList<SyncedTicket> Synced, string? Failure);

/// <summary>Files a ticket for each action item that has none, once: a rerun finds the earlier ones by their marker.</summary>
public static class TicketSync
{
    public static async Task<SyncResult> SyncAsync(ITicketTracker tracker, IReadOnlyList<ActionItemTicket> pending, CancellationToken cancellationToken)
    {
        var synced = new List<SyncedTicket>();
        if (pending.Count == 0)
        {
            return new SyncResult(synced, null);
        }

        try
        {
            var found = await tracker.FindAsync(pending, cancellationToken).ConfigureAwait(false);
            foreach (var ticket in pending)
            {
                // One at a time: trackers limit how fast content is created, and an order that follows the page reads best.
                synced.Add(found.TryGetValue(ticket.Key, out var issue)
                    ? new SyncedTicket(ticket, issue, Created: false)
                    : new SyncedTicket(ticket, await tracker.CreateAsync(ticket, cancellationToken).ConfigureAwait(false), Created: true));
            }

            return new SyncResult(synced, null);
        }
        catch (TrackerException e)
        {
            return new SyncResult(synced, e.Message);
        }
    }
}

/// <summary>How the build reads ticket states: all within <see cref="Budget"/>, at most <see cref="Concurrency"/> at once.</summary>
public sealed record TicketReadOptions(TimeSpan Budget, int Concurrency)
{
    public static readonly TicketReadOptions Default = new(TimeSpan.FromSeconds(5), 4);
}

/// <summary>
/// Reads the state of every ticket the published postmortems link, for the build: never fails and never waits beyond the
/// budget. A rate limit stops all reading at once; what was not read is shown from the front matter.
/// </summary>
/// <param name="trackers">The trackers with credentials, for the site's settings (GitHub issues are in its repository); each is disposed after the reading.</param>
public sealed class TicketStateReader(Func<SiteSettings, IReadOnlyList<ITicketTracker>> trackers, TicketReadOptions options, TimeProvider? time = null)
{
    /// <summary>Why tickets were left unread (rate limit, no answer), for the build to print; set by <see cref="ReadAsync"/>.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public async Task<TicketStates> ReadAsync(SiteSettings settings, IEnumerable<Postmortem> postmortems)
    {
        var clients = trackers(settings);
        var clock = time ?? TimeProvider.System;
        var items = postmortems.Where(p => !p.IsDraft).SelectMany(p => p.ActionItems)
            .Where(a => TicketStates.RefOf(a) is not null)
            .DistinctBy(a => TicketStates.RefOf(a))
            .ToList();
        var states = new ConcurrentDictionary<string, TicketState>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource(options.Budget, clock);
        var limited = false;
        try
        {
            // Octokit's calls take no cancellation token: the wait itself is bounded too, and a call still running
            // after it is left to its handler's own timeout; the build goes on without its answer.
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = stop.Token }, async (item, token) =>
            {
                foreach (var tracker in clients)
                {
                    try
                    {
                        if (await tracker.StateAsync(item, token).ConfigureAwait(false) is { } state)
                        {
                            states[TicketStates.RefOf(item)!] = new TicketState(state, clock.GetUtcNow());
                        }
                    }
                    catch (TrackerException e)
                    {
                        Problems.Enqueue(e.Message);
                        if (e.RateLimited)
                        {
                            limited = true;
                            await stop.CancelAsync().ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (e is OperationCanceledException or TaskCanceledException)
                    {
                        // The budget is spent or the rate limit reached: this ticket is shown from the front matter.
                    }
                }
            }).WaitAsync(options.Budget, clock).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !limited)
        {
            Problems.Enqueue($"not every ticket was read within {options.Budget.TotalSeconds:0.#} s");
        }

        catch (OperationCanceledException)
        {
            // The rate limit stopped the reading; its message is queued.
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        return new TicketStates(new Dictionary<string, TicketState>(states, StringComparer.Ordinal));
    }
}
