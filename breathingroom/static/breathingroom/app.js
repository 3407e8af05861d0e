// Small progressive enhancements; every page works without this file.

function fillBrowserTimeZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (const select of document.querySelectorAll("select[data-browser-time-zone]")) {
    // Only fill a field still on its default; never overwrite a choice the person made.
    if (select.value !== "UTC" || select.dataset.touched) continue;
    if ([...select.options].some((option) => option.value === zone)) select.value = zone;
  }
}

async function copyFrom(button) {
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.value || source.textContent);
  } catch {
    source.select?.();
    return;
  }
  const label = button.textContent;
  button.textContent = button.dataset.copiedText || label;
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (button) copyFrom(button);
});

// When htmx replaces the part of the page a person was using, keep their place: move focus to
// what the new part marks as its starting point, so keyboard and screen-reader users are not lost.
document.addEventListener("htmx:afterSettle", (event) => {
  const target = event.detail.elt;
  const start = target.matches?.("[data-focus-after-swap]")
    ? target
    : target.querySelector?.("[data-focus-after-swap]");
  start?.focus();
});

document.addEventListener("change", (event) => {
  if (event.target.matches?.("select[data-browser-time-zone]")) event.target.dataset.touched = "1";
});

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", fillBrowserTimeZone);
} else {
  fillBrowserTimeZone();
}
