// Corrections to nbgrader's formgrader tables, applied each time nbgrader has filled them from its API:
// - a due date nbgrader does not have ("None") is the module's rule, each employee's own date counted from assignment;
// - a name is shown whole, without the ", " nbgrader puts between a last and an empty first name;
// - a written score still awaiting a trainer says so, rather than reading as a zero;
// - a student's overall score, which nbgrader counts over every module, assigned or not, is withheld;
// - submission times, which nbgrader shows in UTC to the second, are in the course time zone, to the minute.
(function ($) {
  "use strict";
  var page = JSON.parse(document.getElementById("academy-formgrader").textContent);

  function dueDates() {
    $("td.duedate").each(function () {
      var cell = $(this);
      if ($.trim(cell.text()) !== "None") return;
      var assignment = $.trim(cell.closest("tr").children("td").first().text());
      var module = assignment.split(".")[0];
      cell.text(page.due[module] || page.labels.due_unknown).attr("title", page.labels.due_note);
    });
  }

  function names() {
    $("td.name a, td.student-name, td.student-name a, a.name-shown").each(function () {
      var node = $(this);
      if (node.children().length) return;
      var text = node.text();
      var whole = text.replace(/,\s*(None)?\s*$/, "").replace(/^\s*None,\s*/, "");
      if (whole !== text) node.text(whole);
    });
  }

  function awaiting() {
    $("td.needs-manual-grade[data-order=1]").each(function () {
      var written = $(this).closest("tr").find("td.written-score");
      if (written.length && written.text() !== page.labels.awaiting) {
        written.attr("title", written.text()).text(page.labels.awaiting);
      }
    });
  }

  function overall() {
    if (!/\/formgrader\/manage_students\/?$/.test(window.location.pathname)) return;
    $("td.score").each(function () {
      var cell = $(this);
      if (cell.text() !== "–") cell.text("–").attr("title", page.labels.overall_note);
    });
    if (!$("#academy-overall-note").length) {
      $("table.table").first().before($("<p/>").attr("id", "academy-overall-note").addClass("text-muted").text(page.labels.overall_note));
    }
  }

  var localTime = new Intl.DateTimeFormat("sv-SE", {timeZone: page.timezone, year: "numeric", month: "2-digit", day: "2-digit",
                                                    hour: "2-digit", minute: "2-digit", hour12: false});

  function times() {
    $("td.timestamp").each(function () {
      var cell = $(this);
      var utc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? UTC$/.exec($.trim(cell.text()));
      if (!utc) return;
      cell.text(localTime.format(new Date(utc[1] + "T" + utc[2] + "Z"))).attr("title", page.labels.time_note);
    });
  }

  function correct() {
    times();
    dueDates();
    names();
    awaiting();
    overall();
  }

  $(document).ajaxStop(correct);
  $(correct);
})(jQuery);
