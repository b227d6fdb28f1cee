// Filters the plan's actions table in place. Without this script every action is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("actions-table");
  var count = document.getElementById("filter-count");
  if (!form || !table || !count) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));

  function wanted(control) {
    if (control.type === "checkbox") { return control.checked ? control.value : ""; }
    return control.value;
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = controls.every(function (control) {
        var value = wanted(control);
        return value === "" || row.getAttribute("data-" + control.getAttribute("data-filter")) === value;
      });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " actions";
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
})();
