// The soft-start coach beside a text box: as the person types, what the coach says about their words
// appears under the box, and "Use this" puts the gentler shape in the box, still theirs to change.
//
// Wiring (see breathingroom/softstart/coach.py): a textarea marked data-soft-start, and after it
// {% include "softstart/_coach.html" with for="<the textarea's id>" %}. Each coach region
// ([data-soft-start-for]) asks its URL about the box's words a moment after the typing stops, and
// shows the answer. Only a short summary is said aloud (politely, and only when it changes), so a
// screen reader is not talked over while its user types. Nothing is kept: the words are read by the
// server and forgotten. Without this file the coach's own page still works with its buttons.

const PAUSE = 600; // milliseconds without typing before the coach reads

function coach(region) {
  const box = document.getElementById(region.dataset.softStartFor);
  if (!box || region.dataset.softStartReady) return;
  region.dataset.softStartReady = "true";
  const advice = region.querySelector("[data-soft-start-advice]");
  const status = region.querySelector("[data-soft-start-status]");
  let timer = null;
  let read = null; // the words the advice shown is about
  let said = ""; // the summary last said aloud
  let asking = null;
  let used = ""; // said with the next summary, once the box holds the gentler shape

  function announce(words) {
    if (!words || (words === said && !used)) return;
    said = words;
    status.textContent = used ? `${used} ${words}` : words;
    used = "";
  }

  async function ask() {
    clearTimeout(timer);
    const text = box.value;
    if (text === read) return;
    asking?.abort();
    asking = new AbortController();
    let response;
    try {
      response = await fetch(region.dataset.softStartUrl, {
        method: "POST",
        body: new URLSearchParams({ text }),
        headers: { "X-CSRFToken": region.dataset.csrf },
        credentials: "same-origin",
        signal: asking.signal,
      });
    } catch {
      return; // offline, or a newer question replaced this one: the last advice stays
    }
    // 400 says why the words cannot be read (too long); anything else is not advice.
    if (!response.ok && response.status !== 400) return;
    const html = await response.text();
    if (box.value !== text) return;
    read = text;
    const answer = document.createElement("template");
    answer.innerHTML = html;
    advice.replaceChildren(answer.content);
    announce(advice.querySelector("[data-soft-start-summary]")?.textContent.trim());
  }

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, PAUSE);
  });

  region.addEventListener("click", (event) => {
    const use = event.target.closest("[data-soft-start-use]");
    if (!use) return;
    event.preventDefault();
    box.value = use.value;
    box.focus();
    // The first blank is selected, ready to be typed over.
    const blank = box.value.indexOf("…");
    if (blank >= 0) box.setSelectionRange(blank, blank + 1);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    used = region.dataset.usedText;
    ask();
  });

  if (box.value && !advice.querySelector("[data-soft-start-summary]")) ask();
}

function wire(root) {
  for (const region of root.querySelectorAll("[data-soft-start-for]")) coach(region);
  for (const button of root.querySelectorAll("[data-soft-start-copy]")) button.hidden = false;
}

wire(document);
// A live page (the ritual) may bring the coach in later, in a part htmx swaps in.
document.addEventListener("htmx:load", (event) => wire(event.detail.elt.parentElement ?? document));
