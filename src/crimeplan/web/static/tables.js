// "Show more columns": on a narrow screen a measures table shows its key columns (measure,
// value, RAG, direction of travel, signal) and folds the others away (CSS, app.css); this
// button brings them back. Without JavaScript every column shows, in a region that scrolls.
(function () {
  "use strict";
  document.querySelectorAll(".cp-collapsible").forEach(function (region, i) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary cp-more-toggle";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", region.id || (region.id = "cp-table-" + i));
    button.textContent = "Show more columns";
    var label = document.createElement("span");
    label.className = "govuk-visually-hidden";
    label.textContent = " of " + region.getAttribute("aria-label");
    button.appendChild(label);
    button.addEventListener("click", function () {
      var open = region.classList.toggle("cp-show-more");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.firstChild.textContent = open ? "Show fewer columns" : "Show more columns";
    });
    region.parentNode.insertBefore(button, region);
  });
})();
