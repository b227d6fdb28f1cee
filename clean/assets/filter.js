// Filters the plan's actions table in place, and keeps the choices in the page's address
// (?status=overdue&lead=…) so that a filtered view can be shared. Without this script every action is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("actions-table");
  var count = document.getElementById("filter-count");
  if (!form || !table || !count) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));

  // A row's data-status lists words separated by spaces (its status, and "overdue" when it is);
  // the other filters compare the whole value.
  function matches(row, control) {
    var value = control.value;
    var have = row.getAttribute("data-" + control.getAttribute("data-filter")) || "";
    if (value === "") { return true; }
    return control.hasAttribute("data-words") ? have.split(" ").indexOf(value) !== -1 : have === value;
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = controls.every(function (control) { return matches(row, control); });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " actions";
  }

  // Choose what the address asks for; a value the list does not offer is left unchosen.
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var wanted = params.get(control.name);
      var offered = Array.prototype.some.call(control.options, function (o) { return o.value === wanted; });
      control.value = wanted !== null && offered ? wanted : "";
    });
  }

  function writeAddress() {
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      if (control.value) { params.set(control.name, control.value); } else { params.delete(control.name); }
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", address);
  }

  form.hidden = false;
  readAddress();
  form.addEventListener("change", function () { apply(); writeAddress(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); writeAddress(); });
  window.addEventListener("popstate", function () { readAddress(); apply(); });
  apply();
})();
