// The search page's result summaries quote a page without its folded answers
// (docs/_ext/exercises.py): a match in an exercise shows the prompt, never the answer.
document.addEventListener("DOMContentLoaded", () => {
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("details.exercise-answer").forEach((answer) => answer.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
});
