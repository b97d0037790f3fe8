// The rubric panels of the grading view: a level picked on every criterion puts their sum in
// nbgrader's score box, and nbgrader's own page saves it. Ungraded written answers say so.
(function ($) {
  "use strict";
  var page = JSON.parse(document.getElementById("academy-formgrade").textContent);

  function total(panel) {
    var criteria = panel.find(".academy-criterion");
    var picked = criteria.find("input:checked");
    var sum = 0;
    picked.each(function () { sum += parseFloat(this.value); });
    return {complete: picked.length === criteria.length, sum: Math.round(sum * 100) / 100, any: picked.length > 0};
  }

  $(document).on("change", ".academy-rubric input[type=radio]", function () {
    var panel = $(this).closest(".academy-rubric");
    var result = total(panel);
    panel.find(".academy-total").text(result.any ? result.sum : "–");
    if (result.complete) {
      var score = $(document.getElementById(panel.data("grade-id")));
      score.val(result.sum).trigger("change");  // nbgrader's view saves on change
    }
  });

  function markAwaiting() {
    $("input.score").each(function () {
      var box = $(this);
      if (box.hasClass("needs_manual_grade") && box.val() === "") {
        box.attr("placeholder", page.labels.awaiting).addClass("academy-awaiting");
      } else {
        box.removeClass("academy-awaiting");
      }
    });
  }

  // The employee's name, shown when the trainer reveals it, whole rather than as nbgrader's "last, first".
  $(function () { if (page.name) $("a.name-shown").text(page.name); });

  // nbgrader's own words on the page, in the course language (its English stays where no words are given).
  function translate() {
    var words = page.labels.page || {};
    $(".nbgrader-label, .scoring-buttons button").each(function () {
      var text = $(this).text().trim();
      if (words[text]) $(this).text(words[text]);
    });
    $("input.extra-credit").each(function () {
      var after = this.parentNode.lastChild;
      if (after && after.nodeType === 3 && words[after.textContent.trim()]) after.textContent = " " + words[after.textContent.trim()];
    });
    if (words.comment) $("textarea.comment").each(function () {  // nbgrader's own prompt, not an automatic comment
      if (/^Type any comments here/.test(this.getAttribute("placeholder") || "")) this.setAttribute("placeholder", words.comment);
    });
  }

  $(document).ajaxStop(translate);
  $(translate);

  // nbgrader fills the score boxes from its API after the page loads, and again after each save.
  $(document).ajaxStop(markAwaiting);
  $(document).on("change", "input.score", function () { setTimeout(markAwaiting, 0); });
  $(markAwaiting);
})(jQuery);
