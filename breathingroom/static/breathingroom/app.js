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
  // A refresh the page made by itself (an event from the partner, a poll) must not move focus.
  if (isLiveRefresh(event)) return;
  const target = event.detail.elt;
  const start = target.matches?.("[data-focus-after-swap]")
    ? target
    : target.querySelector?.("[data-focus-after-swap]");
  start?.focus();
});

function isLiveRefresh(event) {
  const trigger = event.detail.requestConfig?.triggeringEvent ?? event.detail.triggeringEvent;
  return Boolean(trigger?.type?.startsWith("br:"));
}

// Never pull a form out from under someone filling it in: a live refresh waits until they leave
// the field, then catches up.
document.addEventListener("htmx:confirm", (event) => {
  if (!isLiveRefresh(event)) return;
  const active = document.activeElement;
  if (!active?.matches?.("input, textarea, select") || !event.detail.elt.contains(active)) return;
  event.preventDefault();
  active.addEventListener("focusout", () => document.body.dispatchEvent(new CustomEvent("br:poll")), { once: true });
});

// "in 12 minutes" next to a time, kept true as the minutes pass.
function updateCountdowns() {
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
  for (const element of document.querySelectorAll("time[data-countdown]")) {
    const minutes = Math.round((Date.parse(element.getAttribute("datetime")) - Date.now()) / 60000);
    if (Number.isNaN(minutes)) continue;
    element.textContent =
      Math.abs(minutes) >= 120 ? format.format(Math.round(minutes / 60), "hour") : format.format(minutes, "minute");
  }
}
setInterval(updateCountdowns, 20000);
document.addEventListener("htmx:afterSettle", updateCountdowns);

document.addEventListener("change", (event) => {
  if (event.target.matches?.("select[data-browser-time-zone]")) event.target.dataset.touched = "1";
});

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", fillBrowserTimeZone);
} else {
  fillBrowserTimeZone();
}
updateCountdowns();
