// Live updates for signed-in pages. A WebSocket carries this person's events and the page hears them
// as DOM events on <body>: "br:event" for every event, and "br:<type>" (break.started becomes
// br:break-started) for each kind. Pages never depend on the socket: while it is down they get a
// "br:poll" every few seconds instead, and one more when it comes back, so a page that re-fetches its
// live region on br:event or br:poll is never more than a few seconds behind.
//
// <body data-live="/ws/events" data-live-after="<id>"> turns this on; body.dataset.liveState says
// "open", "offline" or "signed-out". Every event has an id, one more than the last: the page
// remembers the last it heard and, on reconnecting, asks for everything after it, so nothing is
// missed and none comes twice.

const PING_EVERY = 25_000;
const POLL_EVERY = 5_000;
const FIRST_RETRY = 1_000;
const LONGEST_RETRY = 30_000;
const HANDSHAKE_WITHIN = 10_000;
// A page asked to refresh exactly at a moment could reach the server a hair before it; a quarter
// of a second later, the server is sure to see the moment as come.
const AFTER_MOMENT = 250;
const FURTHEST_MOMENT = 2 * 24 * 60 * 60 * 1000;
// A moment that passed just before the page got to it (rendered a breath before, or a clock a
// little behind) still counts; anything older the page already shows.
const RECENT_MOMENT = 60_000;
// The server closes a socket with 4401 when the sign-in it was opened under is over: signed out here
// or everywhere else, a new password, the account deleted. Trying again would only be refused, so the
// page loads once more instead: the sign-in page if this browser is signed out, the same page if it is
// still signed in (a new password chosen in this browser carries on under a new session). 4000 means
// the couple changed: the socket simply opens again, as after any drop.
const SIGNED_OUT = 4401;
// A page that loaded again for this a moment ago does not do it again: it goes quiet instead.
const RELOAD_AT_MOST_EVERY = 60_000;
// When this page's own form ended the sign-in (signing out, deleting the account), the answer to that
// form is already on its way: loading the page again would race it and show the wrong page.
const OWN_FORM_WITHIN = 15_000;
let submittedAt = -Infinity;
document.addEventListener("submit", () => (submittedAt = Date.now()), true);

const body = document.body;

function emit(name, detail) {
  body.dispatchEvent(new CustomEvent(name, { detail }));
}

function poll() {
  emit("br:poll");
}

// --- The socket ---------------------------------------------------------------------------------

let socket = null;
let retries = 0;
let retryTimer = 0;
let pollTimer = 0;
let pingTimer = 0;
// The server's clock minus this device's, from the hello: moments on the page are the server's.
let skew = 0;
// The id of the last event this page heard (or that the page was rendered after).
let after = Number.parseInt(body.dataset.liveAfter ?? "", 10);

function connect() {
  clearTimeout(retryTimer);
  const url = new URL(body.dataset.live, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (Number.isSafeInteger(after)) url.searchParams.set("after", String(after));
  let ws;
  try {
    ws = new WebSocket(url);
  } catch {
    // A URL the browser refuses outright (a policy that forbids it) is one more failed attempt.
    return down();
  }
  socket = ws;
  let answered = true;
  // A handshake the server never answers (a proxy or a process stuck on its way) is given up on,
  // so the page does not wait on it for ever while it could be trying again.
  const handshake = setTimeout(() => lost(ws), HANDSHAKE_WITHIN);
  ws.addEventListener("close", () => clearTimeout(handshake));

  ws.addEventListener("open", () => {
    pingTimer = setInterval(() => {
      // No answer to the last ping: the connection is gone even if the browser has not noticed
      // (a phone that slept, a proxy that dropped it quietly).
      if (!answered) return lost(ws);
      answered = false;
      ws.send(JSON.stringify({ type: "ping" }));
    }, PING_EVERY);
  });
  ws.addEventListener("message", (message) => {
    answered = true;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (typeof event?.type !== "string" || event.type === "pong") return;
    if (event.type === "hello") {
      clearTimeout(handshake);
      return opened(event);
    }
    if (Number.isSafeInteger(event.id)) {
      if (Number.isSafeInteger(after) && event.id <= after) return;
      after = event.id;
      body.dataset.liveAfter = String(after);
    }
    emit("br:event", event);
    emit(`br:${event.type.replace(/[._]/g, "-")}`, event);
  });
  // A refused or failed handshake ends here too, with no "open" before it.
  ws.addEventListener("close", (closing) => (closing.code === SIGNED_OUT ? signedOut(ws) : lost(ws)));
}

function signedOut(ws) {
  if (ws !== socket) return;
  socket = null;
  clearInterval(pingTimer);
  clearInterval(pollTimer);
  clearTimeout(retryTimer);
  pollTimer = 0;
  body.dataset.liveState = "signed-out";
  if (Date.now() - submittedAt < OWN_FORM_WITHIN) return;
  let reloadedAt = 0;
  try {
    reloadedAt = Number(sessionStorage.getItem("br:signed-out-reload")) || 0;
    sessionStorage.setItem("br:signed-out-reload", String(Date.now()));
  } catch {
    // Storage refused (a private window's rules): one reload is still safe, the page is signed out.
  }
  if (Date.now() - reloadedAt > RELOAD_AT_MOST_EVERY) location.reload();
}

function opened(hello) {
  retries = 0;
  clearInterval(pollTimer);
  pollTimer = 0;
  body.dataset.liveState = "open";
  // The server's count is the truth: a page from before a reset starts again from it.
  if (Number.isSafeInteger(hello.last) && !(hello.last > after)) {
    after = hello.last;
    body.dataset.liveAfter = String(after);
  }
  const serverNow = Date.parse(hello.at);
  if (!Number.isNaN(serverNow)) {
    skew = serverNow - Date.now();
    // Shared with anything on the page that must keep time with the other phone.
    body.dataset.serverSkew = String(skew);
    rescheduleMoments();
  }
  // Whatever happened before the socket joined (while it was down, or between the page being
  // rendered and this first hello) was not sent; the page asks once, and hears "no change" if so.
  poll();
}

function lost(ws) {
  if (ws !== socket) return;
  socket = null;
  clearInterval(pingTimer);
  ws.close();
  down();
}

function down() {
  body.dataset.liveState = "offline";
  if (!pollTimer) pollTimer = setInterval(poll, POLL_EVERY);
  // Doubling waits with jitter, so a restarted server is not met by every page at the same instant.
  const wait = Math.min(LONGEST_RETRY, FIRST_RETRY * 2 ** retries);
  retries += 1;
  retryTimer = setTimeout(connect, wait / 2 + (Math.random() * wait) / 2);
}

function reconnectNow() {
  if (socket || body.dataset.liveState === "signed-out") return;
  retries = 0;
  connect();
}

// --- Moments the page will change at --------------------------------------------------------------
// An element with data-refresh-at="<ISO 8601>" says the page will look different from then on (a
// break's time comes). One br:poll at that moment switches it even if no event is sent then.
// Keyed by the moment rather than the element: one poll refreshes every live region at once.

const moments = new Map();
const passed = new Set();

function scheduleMoments() {
  const present = new Set([...document.querySelectorAll("[data-refresh-at]")].map((el) => el.dataset.refreshAt));
  for (const [moment, timer] of moments) {
    if (!present.has(moment)) {
      clearTimeout(timer);
      moments.delete(moment);
    }
  }
  for (const moment of present) {
    // Each moment polls once: a page re-rendered with the same moment cannot set off a loop.
    if (moments.has(moment) || passed.has(moment)) continue;
    const wait = Date.parse(moment) - (Date.now() + skew) + AFTER_MOMENT;
    if (Number.isNaN(wait) || wait > FURTHEST_MOMENT || wait < -RECENT_MOMENT) continue;
    moments.set(
      moment,
      setTimeout(
        () => {
          moments.delete(moment);
          passed.add(moment);
          poll();
        },
        Math.max(0, wait),
      ),
    );
  }
}

function rescheduleMoments() {
  for (const timer of moments.values()) clearTimeout(timer);
  moments.clear();
  scheduleMoments();
}

// --- Start --------------------------------------------------------------------------------------

if (body.dataset.live) {
  connect();
  scheduleMoments();
  document.addEventListener("htmx:afterSettle", scheduleMoments);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    // Timers in a hidden tab may have been held back; catch up on whatever changed meanwhile.
    poll();
    reconnectNow();
  });
  window.addEventListener("online", reconnectNow);
}
