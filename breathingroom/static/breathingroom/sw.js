// Breathing Room's service worker: shows what the server pushes while no page is open, and opens
// the right page when a notification is tapped. Served from /sw.js so that it may act for the whole
// site. Nothing is cached here; the calming tools offline are a later step.

const ICON = "/static/breathingroom/mark.svg";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch {
    notice = {};
  }
  const text = (value) => (typeof value === "string" ? value : "");
  const tag = text(notice.tag);
  event.waitUntil(
    self.registration.showNotification(text(notice.title) || "Breathing Room", {
      body: text(notice.body),
      icon: ICON,
      badge: ICON,
      // A newer notice about the same break replaces the older one, and still alerts.
      ...(tag ? { tag, renotify: true } : {}),
      data: { url: onThisSite(notice.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = onThisSite(event.notification.data?.url);
  event.waitUntil(openOrFocus(url));
});

// Only ever a page of this site, whatever a payload says.
function onThisSite(url) {
  try {
    const target = new URL(typeof url === "string" ? url : "/", self.location.origin);
    if (target.origin === self.location.origin) return target.href;
  } catch {
    // fall through to the home page
  }
  return new URL("/", self.location.origin).href;
}

async function openOrFocus(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!open) return self.clients.openWindow(url);
  const focused = await open.focus();
  if (focused.url !== url && "navigate" in focused) {
    try {
      await focused.navigate(url);
    } catch {
      // A page this worker does not control yet cannot be navigated; it is focused, which is enough.
    }
  }
  return focused;
}
