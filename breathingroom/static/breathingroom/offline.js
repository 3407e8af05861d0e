// On every page: the service worker that keeps the calming tools for when there is no connection,
// and a need for space pressed with no connection, kept on this phone until it can be sent.
//
// <meta name="breathingroom-offline"> (webapp/_head.html) gives the worker's address, the API's
// address for "I need space", who is signed in (data-holder, a name that means nothing elsewhere;
// empty for no one; data-copy instead on a page kept for offline use) and the page's words for
// what happened. The take-space form is marked [data-offline-take]; elements marked
// [data-offline-take-waiting] are shown while one waits.
//
// Why the API and not the page's form: only the API honours an Idempotency-Key, and the key is what
// makes a take sent twice (two tabs coming back online at once, an answer lost on the way) start one
// break. The page's own login cookie signs the request in, with the CSRF token of the page's forms,
// as the API allows for browsers.

const meta = document.querySelector('meta[name="breathingroom-offline"]');
const STORE = "takes";
let database = null;
let sending = false;

if (meta) {
  register();
  looksAfterWaitingTakes();
}

function register() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register(meta.dataset.worker, { scope: "/" }).catch(() => {
    // Without a worker the site works as a website; nothing for the person to do.
  });
  navigator.serviceWorker.ready.then((registration) => {
    registration.active?.postMessage({ language: document.documentElement.lang });
  });
}

async function looksAfterWaitingTakes() {
  if (!("indexedDB" in window)) return;
  if ("copy" in meta.dataset) {
    // A page kept for offline use, made for no one: it can send nothing, but says that something waits.
    showWaiting((await settled(await store("readonly"), (takes) => takes.count())) > 0);
    return;
  }
  const holder = meta.dataset.holder;
  if (!holder) {
    // Signed out: nothing of anyone's waits on this phone for whoever signs in next.
    await settled(await store("readwrite"), (takes) => takes.clear());
    return;
  }
  const form = document.querySelector("form[data-offline-take]");
  if (form) form.addEventListener("submit", (event) => keepIfOffline(event, form, holder));
  showWaiting((await waitingFor(holder)).length > 0);
  window.addEventListener("online", () => send(holder));
  await send(holder);
}

// Pressed with no connection: kept here, with the key that makes it one break however often it is sent.
async function keepIfOffline(event, form, holder) {
  if (navigator.onLine) return;
  event.preventDefault();
  const length = event.submitter?.value ?? "";
  const morning = length === "morning";
  const take = {
    key: crypto.randomUUID(),
    holder,
    pressedAt: Date.now(),
    minutes: morning ? null : Number(length),
    body: {
      minutes: morning ? null : Number(length),
      until_morning: morning,
      reassurance: form.elements.reassurance?.value ?? null,
    },
  };
  await settled(await store("readwrite"), (takes) => takes.put(take));
  for (const button of form.querySelectorAll("button")) button.disabled = true;
  showWaiting(true);
}

async function send(holder) {
  if (sending || !navigator.onLine) return;
  sending = true;
  try {
    for (const take of await waitingFor(holder)) {
      const outcome = await sendOne(take);
      if (outcome === "later") return;
      await settled(await store("readwrite"), (takes) => takes.delete(take.key));
      if (outcome === "sent" && document.querySelector("form[data-offline-take]")) {
        // The take-space page moves on to the break, as it does when the form is sent online.
        location.assign(meta.dataset.home);
        return;
      }
      say(meta.dataset[outcome] ?? "", outcome === "sent" ? "" : take.detail);
    }
    showWaiting(false);
  } finally {
    sending = false;
  }
}

// "sent", "refused" (the answer's reason is kept in take.detail), "late", or "later" to try again.
async function sendOne(take) {
  // Past the time asked for, the break would already be over: starting it now would only alarm.
  if (take.minutes !== null && Date.now() > take.pressedAt + take.minutes * 60_000) return "late";
  let response;
  try {
    response = await fetch(meta.dataset.takeUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Idempotency-Key": take.key },
      body: JSON.stringify(take.body),
    });
  } catch {
    return "later";
  }
  if (response.ok) return "sent";
  // The domain said no (the couple ended, a length no longer agreed): it will say no again.
  if (response.status === 400 || response.status === 404) {
    take.detail = (await response.json().catch(() => ({}))).detail ?? "";
    return "refused";
  }
  // A form token that is no longer good, or the server busy: the next page tries again.
  return "later";
}

async function waitingFor(holder) {
  const takes = await settled(await store("readonly"), (all) => all.getAll());
  const theirs = takes.filter((take) => take.holder === holder);
  const others = takes.filter((take) => take.holder !== holder);
  if (others.length) {
    // Someone else's, left from before they signed out: never sent from this person's pages.
    const all = await store("readwrite");
    for (const take of others) all.delete(take.key);
  }
  return theirs;
}

function showWaiting(waiting) {
  for (const note of document.querySelectorAll("[data-offline-take-waiting]")) note.hidden = !waiting;
}

// Said at the top of the page, where the person looks, and read out.
function say(text, detail = "") {
  const main = document.getElementById("main");
  if (!main || !text) return;
  const message = document.createElement("p");
  message.className = detail ? "message message-error" : "message";
  message.setAttribute("role", "status");
  message.textContent = detail ? `${text} ${detail}` : text;
  main.prepend(message);
}

function csrfToken() {
  return document.querySelector("input[name=csrfmiddlewaretoken]")?.value ?? "";
}

async function store(mode) {
  database ??= new Promise((resolve, reject) => {
    const opening = indexedDB.open("breathingroom-offline", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "key" });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
  return (await database).transaction(STORE, mode).objectStore(STORE);
}

// Runs one request on the store and answers its result.
function settled(takes, ask) {
  const asked = ask(takes);
  return new Promise((resolve, reject) => {
    asked.onsuccess = () => resolve(asked.result);
    asked.onerror = () => reject(asked.error);
  });
}
