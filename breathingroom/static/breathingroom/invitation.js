// An invitation link is /couple/join/#7KQ2-M9XD: the code is in the fragment, which browsers never
// send, so it reaches no server or proxy log. This script carries it from there into a form post.
//
// Someone signed out is sent to sign in first, and the fragment comes along to that page; it is
// kept in this tab's sessionStorage until they reach the join page again, then used and forgotten.
// Without this script the join page simply asks for the code.

const KEY = "br:invitation";
// Loose on purpose: the server reads codes forgivingly and says what is wrong with one.
const CODE = /^[0-9A-Za-z-]{8,12}$/;

function fromFragment() {
  let code = "";
  try {
    code = decodeURIComponent(location.hash.slice(1)).trim();
  } catch {
    return "";
  }
  if (!CODE.test(code)) return "";
  // Out of the address bar and this entry of the history, so it is not shared or seen by accident.
  history.replaceState(history.state, "", location.pathname + location.search);
  return code;
}

function keep(code) {
  try {
    sessionStorage.setItem(KEY, code);
  } catch {
    // Storage refused: after signing in, the page asks for the code instead.
  }
}

function takeKept() {
  try {
    const code = sessionStorage.getItem(KEY) ?? "";
    sessionStorage.removeItem(KEY);
    return code;
  } catch {
    return "";
  }
}

const form = document.querySelector("form[data-invitation-form]");
const code = fromFragment();
if (form) {
  const found = code || takeKept();
  const field = form.querySelector("[name=code]");
  if (found && field) {
    field.value = found;
    form.action = form.dataset.previewUrl;
    form.requestSubmit();
  }
} else if (code) {
  keep(code);
}
