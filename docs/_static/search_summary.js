/* Search result summaries quote the page's prose: Sphinx quotes the whole main
   block, so a gallery page's summary would start with its "go to the end to
   download" note and quote code and printed output. Those are left out here;
   the index itself still holds every word. */
(() => {
  const left_out = [
    ".sphx-glr-download-link-note",
    "div.highlight",
    ".sphx-glr-script-out",
    ".cell_output",
    ".sphx-glr-footer",
    ".sphx-glr-timing",
    ".sphx-glr-signature",
  ].join(", ");
  const quoteAll = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(left_out).forEach((element) => element.remove());
    return quoteAll(page.documentElement.outerHTML, anchor);
  };
})();
