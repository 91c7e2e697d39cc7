// Progressive enhancement only: the page is complete without this script.
(function () {
  "use strict";
  var stale = document.querySelector(".stale");
  if (stale) {
    var built = Number(stale.getAttribute("data-built")) * 1000;
    var after = Number(stale.getAttribute("data-stale-after")) * 1000;
    if (Date.now() - built > after) stale.hidden = false;
  }
  // Local times follow the page's own pattern (format.date_time) and month names; Intl gives only the zone's name.
  var script = document.currentScript, pattern = script.getAttribute("data-time-format");
  var months = (script.getAttribute("data-months") || "").split("|");
  var zone;
  try {
    zone = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeZoneName: "short" });
  } catch (e) { return; }
  // A reader whose zone is UTC already sees their time.
  if (!pattern || /^(Etc\/)?(UTC|GMT)$/.test(zone.resolvedOptions().timeZone)) return;
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function format(w) {
    var f = { yyyy: w.getFullYear(), MMM: months[w.getMonth()], M: w.getMonth() + 1, dd: two(w.getDate()), d: w.getDate(), HH: two(w.getHours()), mm: two(w.getMinutes()) };
    var name = zone.formatToParts(w).filter(function (p) { return p.type === "timeZoneName"; })[0];
    return pattern.replace(/'([^']*)'|yyyy|MMM|M|dd|d|HH|mm/g, function (t, literal) { return literal === undefined ? f[t] : literal; }) + (name ? " " + name.value : "");
  }
  var times = document.querySelectorAll("time[data-local]");
  for (var i = 0; i < times.length; i++) {
    var when = new Date(times[i].getAttribute("datetime"));
    if (isNaN(when)) continue;
    var local = document.createElement("span");
    local.className = "local";
    local.textContent = " (" + format(when) + ")";
    times[i].after(local);
  }
})();
