// Keyboard navigation of the grade-by-question page: j / k move between answers, s jumps to
// the current answer's score box. Keys typed into a field are the field's.
(function () {
  "use strict";
  let current = -1;
  function rows() { return Array.from(document.querySelectorAll("[data-row]")); }
  function focusRow(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((row, i) => row.classList.toggle("current", i === current));
    all[current].scrollIntoView({block: "start"});
  }
  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") { focusRow(current + 1); event.preventDefault(); }
    else if (event.key === "k") { focusRow(current - 1); event.preventDefault(); }
    else if (event.key === "s") {
      if (current < 0) focusRow(0);
      const box = rows()[current] && rows()[current].querySelector("input.score");
      if (box) { box.focus(); box.select(); event.preventDefault(); }
    }
  });
  document.addEventListener("DOMContentLoaded", () => {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    const index = rows().findIndex((row) => row.id === hash);
    if (index >= 0) focusRow(index);
  });
})();
