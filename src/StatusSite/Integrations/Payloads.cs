using System.Text.Json.Nodes;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Presentation;

namespace StatusSite.Integrations;

/// <summary>The bodies each kind of target receives for one notice.</summary>
public static class Payloads
{
    /// <summary>Block Kit's limits for a message sent through an incoming webhook.</summary>
    public const int SlackHeaderMax = 150, SlackSectionMax = 3000, SlackFieldsMax = 10, SlackFieldMax = 2000;

    /// <summary>
    /// A Slack incoming-webhook message: the fallback <c>text</c> (always sent: mobile notifications show only it), a header,
    /// the status and body, the facts as fields and a context line with the link. Every text is cut to Block Kit's limit.
    /// </summary>
    public static JsonObject Slack(Notice notice)
    {
        var fields = new JsonArray([.. notice.Facts.Take(SlackFieldsMax).Select(f => Mrkdwn(Cut($"*{Escape(f.Label)}*\n{Escape(f.Value)}", SlackFieldMax)))]);
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Cut($"*{Escape(notice.Status)}*\n{Escape(notice.Body)}", SlackSectionMax)) };
        if (fields.Count > 0)
        {
            section["fields"] = fields;
        }

        return new JsonObject
        {
            ["text"] = Cut($"{notice.Title}: {notice.Status}. {notice.Url}", SlackSectionMax),
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(notice.Title, SlackHeaderMax), ["emoji"] = true } },
                section,
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(Cut($"{Escape(notice.UpdatedLabel)} · <{notice.Url}|{Escape(notice.Title)}>", SlackSectionMax))) }),
        };
    }

    /// <summary>A Teams Workflows message: one Adaptive Card 1.5 in the <c>message</c> + <c>attachments</c> envelope.</summary>
    public static JsonObject Teams(Notice notice)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = notice.Title, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = notice.Status, ["color"] = notice.Kind == NoticeKind.Resolution ? "Good" : "Warning", ["spacing"] = "None", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = notice.Body, ["wrap"] = true },
                new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray([.. notice.Facts.Select(f => new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]) },
                new JsonObject { ["type"] = "TextBlock", ["text"] = notice.UpdatedLabel, ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true }),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = notice.Title, ["url"] = notice.Url }),
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
    }

    /// <summary>
    /// The bodies Atlassian Statuspage posts to a webhook subscriber: one <c>incident</c> payload (its updates up to this one,
    /// newest first), then one <c>component_update</c> payload for each component the update changed. A maintenance window
    /// is an incident with Statuspage's maintenance statuses and its schedule, as Statuspage sends it; the update that starts
    /// it moves its components to their maintenance status, and the one that completes it moves them back to operational.
    /// </summary>
    public static IReadOnlyList<JsonObject> Statuspage(Notice notice, SiteView view, DateTimeOffset generatedAt)
    {
        var pageId = view.Settings.BaseUrl.Host;
        JsonObject Envelope() => new()
        {
            ["meta"] = new JsonObject
            {
                ["unsubscribe"] = Routes.Absolute(view.Settings.BaseUrl, Routes.Home),
                ["documentation"] = Routes.Absolute(view.Settings.BaseUrl, Routes.Home),
                ["generated_at"] = Timestamp.ToIso(generatedAt),
            },
            ["page"] = new JsonObject
            {
                ["id"] = pageId,
                ["status_indicator"] = EnumNames.Of(view.Site.Overall.Indicator),
                ["status_description"] = view.Banner.Words,
            },
        };

        JsonObject ComponentUpdate(ComponentTransition change)
        {
            var body = Envelope();
            body["component_update"] = new JsonObject
            {
                ["id"] = notice.Id + "-" + change.Component.Id,
                ["component_id"] = change.Component.Id,
                ["component_type"] = "Component",
                ["old_status"] = EnumNames.Of(change.Old),
                ["new_status"] = EnumNames.Of(change.New),
                ["created_at"] = Timestamp.ToIso(notice.At),
            };
            body["component"] = Component(change.Component, change.New, notice.At, pageId);
            return body;
        }

        if (notice is { Incident: { } incident, Update: { } update })
        {
            var body = Envelope();
            body["incident"] = Incident(incident, update, notice.Url, pageId);
            return [body, .. update.Transitions.Select(ComponentUpdate)];
        }

        var maintenance = notice.Maintenance!;
        var entry = notice.Entry!;
        var under = MaintenanceModel.IsRunning(entry.StatusAfter);
        var window = Envelope();
        window["incident"] = new JsonObject
        {
            ["id"] = maintenance.Id,
            ["page_id"] = pageId,
            ["name"] = maintenance.Title,
            ["status"] = EnumNames.Of(entry.StatusAfter),
            ["impact"] = EnumNames.Of(StatusScale.IndicatorOf(ComponentStatus.UnderMaintenance)),
            ["impact_override"] = null,
            ["created_at"] = Timestamp.ToIso(maintenance.CreatedAt),
            ["updated_at"] = Timestamp.ToIso(entry.At),
            ["monitoring_at"] = null,
            ["resolved_at"] = entry.StatusAfter == MaintenanceStatus.Completed ? Timestamp.ToIso(entry.At) : null,
            ["shortlink"] = notice.Url,
            ["backfilled"] = false,
            ["scheduled_for"] = Timestamp.ToIso(maintenance.Source.ScheduledFor),
            ["scheduled_until"] = Timestamp.ToIso(maintenance.Source.ScheduledUntil),
            ["postmortem_body"] = null,
            ["postmortem_published_at"] = null,
            ["incident_updates"] = new JsonArray([.. maintenance.Timeline.Where(e => e.At <= entry.At).Reverse().Select(e => Update(e.Id, maintenance.Id, EnumNames.Of(e.StatusAfter), e.Markdown, e.At, []))]),
            ["components"] = new JsonArray([.. Declared(maintenance).Select(c => Component(c.Component, under ? c.Status : ComponentStatus.Operational, entry.At, pageId))]),
        };
        var before = maintenance.Timeline.TakeWhile(e => e != entry).LastOrDefault()?.StatusAfter ?? MaintenanceStatus.Scheduled;
        return under == MaintenanceModel.IsRunning(before)
            ? [window]
            : [window, .. Declared(maintenance).Select(c => ComponentUpdate(under
                ? new ComponentTransition(c.Component, ComponentStatus.Operational, c.Status)
                : new ComponentTransition(c.Component, c.Status, ComponentStatus.Operational)))];
    }

    /// <summary>A window's components in the site's order, each with the status the window gives it while it runs.</summary>
    private static IEnumerable<(Component Component, ComponentStatus Status)> Declared(MaintenanceModel maintenance) =>
        maintenance.Components.Select(c => (c, maintenance.Source.Components.First(d => d.ComponentId == c.Id).Status));

    private static JsonObject Incident(IncidentModel incident, IncidentUpdateModel update, string url, string pageId)
    {
        var sofar = incident.Updates.TakeWhile(u => u.At <= update.At).ToList();
        return new JsonObject
        {
            ["id"] = incident.Id,
            ["page_id"] = pageId,
            ["name"] = incident.Title,
            ["status"] = EnumNames.Of(update.StatusAfter),
            ["impact"] = EnumNames.Of(incident.Impact),
            ["impact_override"] = null,
            ["created_at"] = Timestamp.ToIso(incident.Updates[0].At),
            ["updated_at"] = Timestamp.ToIso(update.At),
            ["monitoring_at"] = sofar.FirstOrDefault(u => u.StatusAfter == IncidentStatus.Monitoring) is { } m ? Timestamp.ToIso(m.At) : null,
            ["resolved_at"] = update.StatusAfter == IncidentStatus.Resolved ? Timestamp.ToIso(update.At) : null,
            ["shortlink"] = url,
            ["backfilled"] = false,
            ["scheduled_for"] = null,
            ["scheduled_until"] = null,
            ["postmortem_body"] = null,
            ["postmortem_published_at"] = null,
            ["incident_updates"] = new JsonArray([.. Enumerable.Reverse(sofar).Select(u => Update(u.StableId(incident.Id), incident.Id, EnumNames.Of(u.StatusAfter), u.Source.Markdown, u.At,
                [.. u.Transitions.Select(c => new JsonObject { ["code"] = c.Component.Id, ["name"] = c.Component.Name, ["old_status"] = EnumNames.Of(c.Old), ["new_status"] = EnumNames.Of(c.New) })]))]),
            ["components"] = new JsonArray([.. incident.Affected.Select(a => Component(a.Component, sofar.SelectMany(u => u.Transitions).LastOrDefault(c => c.Component.Id == a.Component.Id)?.New ?? a.Current, update.At, pageId))]),
        };
    }

    private static JsonObject Update(string id, string parentId, string status, string body, DateTimeOffset at, JsonArray affected) => new()
    {
        ["id"] = id,
        ["incident_id"] = parentId,
        ["status"] = status,
        ["body"] = body,
        ["created_at"] = Timestamp.ToIso(at),
        ["updated_at"] = Timestamp.ToIso(at),
        ["display_at"] = Timestamp.ToIso(at),
        ["affected_components"] = affected,
        ["deliver_notifications"] = true,
        ["custom_tweet"] = null,
        ["wants_twitter_update"] = false,
        ["twitter_updated_at"] = null,
    };

    private static JsonObject Component(Component component, ComponentStatus status, DateTimeOffset at, string pageId) => new()
    {
        ["id"] = component.Id,
        ["page_id"] = pageId,
        ["group_id"] = component.Group,
        ["name"] = component.Name,
        ["description"] = component.Description,
        ["status"] = EnumNames.Of(status),
        ["position"] = component.Position,
        ["showcase"] = true,
        // site.yml dates no component, and the earliest incident or window that names one is neither when it was added
        // nor stable (backfilling an older incident moves it): null says the time is unknown, as it is.
        ["created_at"] = null,
        ["updated_at"] = Timestamp.ToIso(at),
    };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Slack's three control characters in text, escaped as its formatting guide asks.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Text cut to a limit with an ellipsis, never inside a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
