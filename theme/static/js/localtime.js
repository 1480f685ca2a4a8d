/* The reader's own local time next to a meeting's time (plugins/events).
   Each span.event-local carries the exact start and end (UTC, ISO 8601) of a meeting; this fills
   it with "Your time: ..." in the browser's time zone and shows it. Without JavaScript the span
   stays hidden and the page shows the organiser's time and UTC. */
(function () {
  "use strict";
  var spans = document.querySelectorAll("span.event-local[data-event-start]");
  if (!spans.length || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  var dayFormat = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "long", year: "numeric"
  });
  var timeFormat = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
  });

  function clock(date) {
    var hour = "", minute = "", name = "";
    timeFormat.formatToParts(date).forEach(function (part) {
      if (part.type === "hour") { hour = part.value; }
      if (part.type === "minute") { minute = part.value; }
      if (part.type === "timeZoneName") { name = part.value; }
    });
    return { text: hour + ":" + minute, zone: name };
  }

  spans.forEach(function (span) {
    var start = new Date(span.getAttribute("data-event-start"));
    var end = new Date(span.getAttribute("data-event-end"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) {
      return;
    }
    var startDay = dayFormat.format(start);
    var endDay = dayFormat.format(end);
    var from = clock(start);
    var to = clock(end);
    var text = "Your time: " + startDay + ", " + from.text + "–" +
      (endDay === startDay ? "" : endDay + ", ") + to.text + " " + to.zone;
    if (zone && zone !== to.zone) {
      text += " (" + zone + ")";
    }
    span.textContent = text;
    span.hidden = false;
  });
}());
