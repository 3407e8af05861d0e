// "Leave quickly": swap this page for an everyday one at once, by the button or by pressing Escape
// three times. Without this file the button is still a plain link to the same place.

const PRESSES = 3;
const WITHIN_MS = 2000;

let leaving = false;

function leave(url) {
  if (leaving) return;
  leaving = true;
  // Hide what is on screen before anything else: the next page may take a moment to arrive.
  document.documentElement.hidden = true;
  document.title = "";
  try {
    sessionStorage.clear();
  } catch {
    // Storage can be switched off; there is then nothing of ours in it.
  }
  try {
    // The entry for this page is overwritten with a bare address first, so even a navigation that
    // never finishes leaves no trace of which page was open.
    history.replaceState(null, "", "/");
  } catch {
    // Some browsers limit how often this may be called; replacing the location below still works.
  }
  // replace(), not assign(): this page is not kept in the tab's history, so Back cannot return to it.
  location.replace(url);
}

const link = document.querySelector("a[data-quick-exit]");

if (link) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    leave(link.href);
  });

  // Only the presses count, never the key being held down. Nothing here stops Escape from doing
  // its usual work (closing a dialog, clearing a search), so one press still does just that; and
  // listening before anything else on the page means no widget that keeps Escape to itself can
  // swallow the way out.
  let presses = [];
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Escape" || event.repeat || event.isComposing) return;
      const now = performance.now();
      presses = [...presses.filter((at) => now - at < WITHIN_MS), now];
      if (presses.length >= PRESSES) leave(link.href);
    },
    { capture: true },
  );
}
