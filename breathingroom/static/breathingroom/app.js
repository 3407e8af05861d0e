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
  return Boolean(event.detail.requestConfig?.headers?.["X-Live-Refresh"]);
}

// Live parts of a page ([data-live-url]) fetch themselves again when an event arrives or the
// clock reaches a break's time (live.js turns both into br:event / br:poll). One fetch at a time
// per part; anything heard meanwhile earns exactly one more, so the last answer is never stale.
const fetching = new Map();

function refresh(id) {
  const region = document.getElementById(id);
  if (!region?.dataset.liveUrl) return;
  const state = fetching.get(id) ?? { busy: false, again: false };
  fetching.set(id, state);
  if (state.busy) {
    state.again = true;
    return;
  }
  if (beingFilledIn(region)) {
    waitForForm(region, id);
    return;
  }
  state.busy = true;
  const done = () => {
    state.busy = false;
    if (state.again) {
      state.again = false;
      refresh(id);
    }
  };
  // The part is the request's source as well as its target. Without a source htmx sends every
  // part's fetch from <body>, queues all but one behind it and sends those later with a promise no
  // one holds: a failed one (a server gone away) becomes an uncaught error, and its part's "done"
  // runs before its answer has come.
  htmx
    .ajax("GET", region.dataset.liveUrl, {
      source: region,
      target: region,
      swap: "outerHTML",
      headers: { "X-Live-Refresh": "1" },
    })
    .then(done, done);
}

// Someone is typing or choosing in this part, or has and not yet sent it.
function beingFilledIn(region) {
  const active = document.activeElement;
  if (active?.matches?.("input, textarea, select") && region.contains(active)) return true;
  return [...region.querySelectorAll("input, textarea, select")].some((field) => {
    if (field.type === "hidden") return false;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") return [...field.options].some((o) => o.selected !== o.defaultSelected);
    return field.value !== field.defaultValue;
  });
}

// Never pull a form out from under someone filling it in: try again once they leave it, or after
// a while, and in the meantime leave the page as it is.
function waitForForm(region, id) {
  if (region.dataset.waitingForForm) return;
  region.dataset.waitingForForm = "1";
  const again = () => {
    delete region.dataset.waitingForForm;
    refresh(id);
  };
  region.addEventListener("focusout", () => setTimeout(again, 300), { once: true });
}

function refreshAll() {
  for (const region of document.querySelectorAll("[data-live-url][id]")) refresh(region.id);
}

document.body.addEventListener("br:event", refreshAll);
document.body.addEventListener("br:poll", refreshAll);

// After a person's own step in a live part, fetch it once more: the partner may have acted while
// that step was on its way.
document.addEventListener("htmx:afterSettle", (event) => {
  if (isLiveRefresh(event)) return;
  const id = event.detail.target?.id;
  if (id && document.getElementById(id)?.dataset.liveUrl) refresh(id);
});

// A person's own step in a live part is on its way (a tap, a form sent). A refresh landing
// meanwhile would put a new part in its place, and the step's answer, meant for the part it was
// sent from, would then land in one no longer on the page: the answer lost, as if nothing happened.
// So a refresh waits for the step; the step's own answer fetches the part again once it is in.
document.addEventListener("htmx:beforeRequest", (event) => {
  if (isLiveRefresh(event)) return;
  const region = event.detail.target;
  if (region?.dataset?.liveUrl) region.dataset.stepping = "1";
});
document.addEventListener("htmx:afterRequest", (event) => {
  if (isLiveRefresh(event)) return;
  const region = event.detail.target;
  if (region?.dataset) delete region.dataset.stepping;
});

// The answer may arrive after the person started filling in the form it would replace.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (!isLiveRefresh(event)) return;
  const region = event.detail.target;
  if (region?.dataset?.stepping) {
    event.detail.shouldSwap = false;
    return;
  }
  if (region && beingFilledIn(region)) {
    event.detail.shouldSwap = false;
    waitForForm(region, region.id);
  }
});

// A refresh that brings exactly what the part already shows leaves it alone. Replacing it anyway
// would take the button a finger or the Space key is halfway through pressing (a person's own step
// comes back as an event, and the part fetches itself again), and the press would be lost. Each
// answer carries a freshly masked CSRF token, so the token is left out of the comparison.
const lastShown = new Map();

function sameness(html) {
  return html.replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "").replace(/\s+/g, " ");
}

document.addEventListener("htmx:beforeSwap", (event) => {
  const region = event.detail.target;
  if (!region?.id || !region.dataset?.liveUrl || !event.detail.shouldSwap) return;
  const html = sameness(event.detail.serverResponse ?? "");
  if (isLiveRefresh(event) && lastShown.get(region.id) === html) {
    event.detail.shouldSwap = false;
    return;
  }
  lastShown.set(region.id, html);
});

// --- Live changes, read out -------------------------------------------------------------------------
// The page's main live parts (the break panel on Home, the ritual) say, in the page's own language,
// what they now show, in a <template data-announce> inside them (never shown, and never found as
// text on the page) or a data-announce attribute. When a refresh brings a different sentence, it is
// written into the page's live region (#announce) for screen readers. When such a part shows
// something else entirely (its heading changed: waiting became "Time to come back together", the
// ritual moved on a step), focus moves to the new heading, so reading starts there; but never away
// from a field the person is typing in, nor from anywhere outside the part. Smaller live parts
// (a kind word, an offer) change quietly.
const beforeRefresh = new Map();

function headingOf(region) {
  return region.querySelector("[data-focus-after-swap], h1, h2");
}

function saidBy(region) {
  const said = region.matches("[data-announce]") ? region : region.querySelector("[data-announce]");
  if (!said) return null;
  return (said.dataset.announce || (said.content ?? said).textContent).replace(/\s+/g, " ").trim();
}

function typingIn(element) {
  return Boolean(element?.matches?.("input:not([type=hidden]), textarea, select, [contenteditable]"));
}

// Sentences from parts refreshed together are read as one, rather than the last one alone.
let toSay = [];

function announce(text) {
  const live = document.getElementById("announce");
  if (!live) return;
  toSay.push(text);
  if (toSay.length > 1) return;
  // Emptied first, so the same sentence said twice (a second "thinking of you") is read again.
  live.textContent = "";
  setTimeout(() => {
    live.textContent = toSay.join(" ");
    toSay = [];
  }, 100);
}

document.addEventListener("htmx:beforeSwap", (event) => {
  if (!isLiveRefresh(event) || !event.detail.shouldSwap) return;
  const region = event.detail.target;
  if (!region?.id) return;
  const active = document.activeElement;
  beforeRefresh.set(region.id, {
    said: saidBy(region),
    heading: headingOf(region)?.textContent.trim() ?? "",
    focusWasHere: !active || active === document.body || region.contains(active),
    focused: active && region.contains(active) ? controlKey(active) : null,
  });
});

const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary";

// The same control in the part that replaces this one: the same kind, name, value and words.
function controlKey(element) {
  return [element.tagName, element.getAttribute("name"), element.value, element.textContent.trim()].join("|");
}

document.addEventListener("htmx:afterSettle", (event) => {
  if (!isLiveRefresh(event)) return;
  const id = event.detail.target?.id;
  const before = id && beforeRefresh.get(id);
  if (!before) return;
  beforeRefresh.delete(id);
  const region = document.getElementById(id);
  if (!region) return;
  const said = saidBy(region);
  if (said && said !== before.said) announce(said);
  const heading = headingOf(region);
  const switched = said !== null && heading && heading.textContent.trim() !== before.heading;
  const active = document.activeElement;
  const lost = !active || active === document.body;
  if (!switched) {
    // The same part, refreshed: whoever had Tabbed to a control in it is still on it.
    if (before.focused && lost) {
      [...region.querySelectorAll(CONTROLS)].find((c) => controlKey(c) === before.focused)?.focus({ preventScroll: true });
    }
    return;
  }
  if (typingIn(active) || !(before.focusWasHere || lost)) return;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus();
});

// A live refresh after the session ended would put the sign-in page inside the panel: go there instead.
document.addEventListener("htmx:beforeSwap", (event) => {
  const url = event.detail.xhr?.responseURL || "";
  if (new URL(url, location.href).pathname.startsWith("/accounts/login/")) {
    event.detail.shouldSwap = false;
    location.assign(url);
  }
});

// A length said as the server's durations.minutes_label says it: "45 minutes", "1 hour 30 minutes".
function minutesLabel(n) {
  const lang = document.documentElement.lang || undefined;
  const say = (unit, value) => new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: "long" }).format(value);
  const hours = Math.floor(n / 60);
  const rest = n % 60;
  if (!hours) return say("minute", rest);
  if (!rest) return say("hour", hours);
  return `${say("hour", hours)} ${say("minute", rest)}`;
}

// "in 1 hour 12 minutes" next to a time, kept true as the minutes pass. Only the length changes:
// the words around it are the page's own, in its own language.
function updateCountdowns() {
  for (const element of document.querySelectorAll("time[data-countdown][data-left]")) {
    const minutes = Math.max(Math.ceil((Date.parse(element.getAttribute("datetime")) - Date.now()) / 60000), 0);
    if (Number.isNaN(minutes)) continue;
    const left = minutesLabel(minutes);
    element.textContent = element.textContent.replace(element.dataset.left, left);
    element.dataset.left = left;
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
