// The breath two partners take together after a high check-in. The server stores when it starts;
// each phone counts from there on the server's clock (the socket's hello tells how far this device's
// clock is from it, or the time the page was rendered does until then), so both breathe in step.
// Someone who asked for less motion gets the words and a countdown alone.

const BREATHE_IN = 4000;
const BREATHE_OUT = 6000;
const ROUND = BREATHE_IN + BREATHE_OUT;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const body = document.body;
const skewFromRender = new WeakMap();

function skewFor(el) {
  const fromHello = Number.parseFloat(body.dataset.serverSkew ?? "");
  if (Number.isFinite(fromHello)) return fromHello;
  if (!skewFromRender.has(el)) skewFromRender.set(el, Date.parse(el.dataset.serverNow) - Date.now());
  return skewFromRender.get(el) || 0;
}

// Where the shared breath is now: before it (negative), in a round, or over.
function where(el) {
  const serverNow = Date.now() + skewFor(el);
  const elapsed = serverNow - Date.parse(el.dataset.breathAt);
  const total = Date.parse(el.dataset.breathEndsAt) - Date.parse(el.dataset.breathAt);
  const intoRound = ((elapsed % ROUND) + ROUND) % ROUND;
  const phase = elapsed < 0 ? "soon" : elapsed >= total ? "done" : intoRound < BREATHE_IN ? "in" : "out";
  return { elapsed, intoRound, phase };
}

function show(el) {
  const { elapsed, intoRound, phase } = where(el);
  const cue = el.querySelector("[data-cue]");
  const count = el.querySelector("[data-count]");
  const circle = el.querySelector("[data-circle]");
  let left;
  if (phase === "soon") left = Math.ceil(-elapsed / 1000);
  else if (phase === "in") left = Math.ceil((BREATHE_IN - intoRound) / 1000);
  else if (phase === "out") left = Math.ceil((ROUND - intoRound) / 1000);
  const words = { soon: el.dataset.textSoon, in: el.dataset.textIn, out: el.dataset.textOut, done: el.dataset.textDone };
  // The cue is a live region: it changes once a phase, so a screen reader says each cue once.
  if (el.dataset.phase !== phase) {
    el.dataset.phase = phase;
    cue.textContent = words[phase];
  }
  count.textContent = left === undefined ? "" : String(left);
  if (circle && reducedMotion.matches) {
    // Still, at the size the stylesheet gives it: only the words and the count move.
    circle.style.transform = "";
  } else if (circle) {
    // 0.6 breathed out, 1 breathed in: eased up over the in-breath, down over the out-breath.
    let size = 0.6;
    if (phase === "in") size = 0.6 + 0.4 * Math.sin((intoRound / BREATHE_IN) * (Math.PI / 2));
    if (phase === "out") size = 1 - 0.4 * Math.sin(((intoRound - BREATHE_IN) / BREATHE_OUT) * (Math.PI / 2));
    circle.style.transform = `scale(${size.toFixed(3)})`;
  }
}

// Followed by a light timer rather than once: the ritual's part is swapped in and out live.
setInterval(() => {
  for (const el of document.querySelectorAll("[data-together]")) show(el);
}, 50);

// For anyone checking that two phones are in step: this page's place in the round, and the moment it was taken.
window.brTogether = () => {
  const el = document.querySelector("[data-together]");
  if (!el) return null;
  const { intoRound, phase } = where(el);
  return { intoRound, phase, at: performance.timeOrigin + performance.now() };
};
