/* A code or output block (or a formula) wider than the page scrolls sideways. A keyboard user can only
 * scroll what can take focus, so each block that overflows becomes a focusable region
 * labelled in the page's language (the labels come from the page, data-scroll-labels);
 * one that fits is left out of the tab order. Each label is numbered ("Code 3"), so that
 * no two regions of a page share a name. Checked again when the window's width changes.
 */
(function () {
  "use strict";
  function labels() {
    var holder = document.querySelector("[data-scroll-labels]");
    return {
      code: holder ? holder.getAttribute("data-code") : "Code",
      output: holder ? holder.getAttribute("data-output") : "Output",
      formula: holder ? holder.getAttribute("data-formula") : "Formula",
    };
  }
  function update() {
    var text = labels();
    var counted = { code: 0, output: 0, formula: 0 };
    document.querySelectorAll("div.highlight > pre, div.math-wrapper").forEach(function (pre) {
      var kind = pre.classList.contains("math-wrapper") ? "formula"
        : pre.closest(".sphx-glr-script-out, .cell_output, .output") ? "output" : "code";
      counted[kind] += 1;  // "Code 3": the third code block of the page (labels are unique)
      if (pre.scrollWidth > pre.clientWidth + 1) {
        pre.setAttribute("tabindex", "0");
        pre.setAttribute("role", "region");
        pre.setAttribute("aria-label", text[kind] + " " + counted[kind]);
      } else if (pre.getAttribute("role") === "region") {
        pre.removeAttribute("tabindex");
        pre.removeAttribute("role");
        pre.removeAttribute("aria-label");
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("load", update);  // after the fonts: widths may change
  window.addEventListener("resize", later);
})();
