/* The reader's own time next to a meeting's time (plugins/kinds/events), only where it differs.
   Each span.event-local carries the exact start and end (UTC, ISO 8601) of a meeting and sits
   after the organiser's times: the first two <time> of its parent, written in the organiser's
   offset. When the reader's zone gives the same wall-clock times, the span stays hidden (the
   organiser's time is the reader's); otherwise it shows "Your time: ..." and a UTC line of the
   same parent (.event-utc) is hidden: two times are enough. Either way the span gets
   data-local-time="same" or "shown". Without JavaScript the span stays hidden. */
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

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // "2027-01-06T18:00": the reader's wall-clock date and time of an instant.
  function wall(date) {
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()) +
      "T" + two(date.getHours()) + ":" + two(date.getMinutes());
  }

  // True when the organiser's <time>s (before the span) read as the reader's wall clock.
  function sameWallTime(span, start, end) {
    var times = span.parentNode.querySelectorAll("time[datetime]");
    if (times.length < 2) {
      return false;
    }
    return times[0].getAttribute("datetime").slice(0, 16) === wall(start) &&
      times[1].getAttribute("datetime").slice(0, 16) === wall(end);
  }

  spans.forEach(function (span) {
    var start = new Date(span.getAttribute("data-event-start"));
    var end = new Date(span.getAttribute("data-event-end"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) {
      return;
    }
    if (sameWallTime(span, start, end)) {
      span.setAttribute("data-local-time", "same");
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
    span.setAttribute("data-local-time", "shown");
    span.parentNode.querySelectorAll(".event-utc").forEach(function (utc) {
      utc.hidden = true;
    });
  });
}());
