// Progressive enhancement only: the page is complete without this script.
(function () {
  "use strict";
  var stale = document.querySelector(".stale");
  if (stale) {
    var built = Number(stale.getAttribute("data-built")) * 1000;
    var after = Number(stale.getAttribute("data-stale-after")) * 1000;
    if (Date.now() - built > after) stale.hidden = false;
  }
  var format;
  try {
    // dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelt out.
    format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
  } catch (e) { return; }
  // A reader whose zone is UTC already sees their time.
  if (/^(Etc\/)?(UTC|GMT)$/.test(format.resolvedOptions().timeZone)) return;
  var times = document.querySelectorAll("time[data-local]");
  for (var i = 0; i < times.length; i++) {
    var when = new Date(times[i].getAttribute("datetime"));
    if (isNaN(when)) continue;
    var local = document.createElement("span");
    local.className = "local";
    local.textContent = " (" + format.format(when) + ")";
    times[i].after(local);
  }
})();
