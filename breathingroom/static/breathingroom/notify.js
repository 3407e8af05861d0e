// Notifications on this device, turned on only when the person presses the button: the browser's
// permission prompt never opens by itself. The page says plainly what happened when it cannot work.
//
// <div data-push data-worker data-vapid-key data-subscribe-url data-done-url data-…messages> holds
// the addresses and the (translated) messages; [data-push-subscribe] is the button, in
// [data-push-controls], hidden until this script knows the browser can do it; [data-push-status]
// is where the page speaks.

const root = document.querySelector("[data-push]");
if (root) setUp(root);

function setUp(root) {
  const button = root.querySelector("[data-push-subscribe]");
  const status = root.querySelector("[data-push-status]");
  const say = (text, isProblem = false) => {
    status.textContent = text;
    status.hidden = false;
    status.classList.toggle("message-error", isProblem);
  };

  if (!supported()) {
    say(root.dataset.unsupported, true);
    return;
  }
  if (Notification.permission === "denied") say(root.dataset.denied, true);
  root.querySelector("[data-push-controls]").hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const problem = await turnOn(root);
      if (problem) say(root.dataset[problem], problem !== "dismissed");
    } finally {
      button.disabled = false;
    }
  });
}

function supported() {
  return window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

// Answers the name of the message to show, or nothing once the page moves on.
async function turnOn(root) {
  const permission = await Notification.requestPermission();
  if (permission === "denied") return "denied";
  if (permission !== "granted") return "dismissed";

  const key = fromBase64Url(root.dataset.vapidKey);
  let subscription;
  try {
    const registration = await navigator.serviceWorker.register(root.dataset.worker, { scope: "/" });
    await navigator.serviceWorker.ready;
    // Always a fresh address: the one this browser had may be someone else's device on the server
    // (another account that used this browser), and ending it stops their notices showing here.
    const previous = await registration.pushManager.getSubscription();
    if (previous) await previous.unsubscribe();
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch {
    return "unreachable";
  }

  const { endpoint, keys } = subscription.toJSON();
  let response;
  try {
    response = await fetch(root.dataset.subscribeUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }),
    });
  } catch {
    return "failed";
  }
  if (!response.ok) return "failed";
  location.assign(root.dataset.doneUrl);
  return null;
}

function csrfToken() {
  return document.querySelector("input[name=csrfmiddlewaretoken]")?.value ?? "";
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
