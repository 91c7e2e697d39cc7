using StatusSite.Model;

namespace StatusSite.Rendering;

/// <summary>A month of history with its neighbours, for the month page's navigation.</summary>
public sealed record MonthPage(HistoryMonth Month, HistoryMonth? Newer, HistoryMonth? Older);
