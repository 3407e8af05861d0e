// Breathing Room's service worker: keeps the calming tools for when there is no connection, shows
// what the server pushes while no page is open, and opens the right page when a notification is
// tapped. Served from /sw.js so that it may act for the whole site.
//
// The server writes OFFLINE above this script (see webapp/offline.py): the cache's name, which
// carries the version of everything kept; the pages, each by the address people use and the address
// of its copy made for no one; the files the manifest names; the page shown for anything not kept;
// and where static files live.

const ICON = "/static/breathingroom/mark.svg";
// Where a kept page names its files: its <link href>s and <script src>s.
const NAMED = /(?:href|src)="([^"?#]+)"/g;
const ANY_VARY = { ignoreVary: true };

self.addEventListener("install", (event) => event.waitUntil(keep().then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(forgetOlder().then(() => self.clients.claim())));

// Everything is kept or nothing: a half-filled cache is dropped and the worker before this one
// (or, on a first visit, none) goes on until the next page load tries again.
async function keep() {
  const cache = await caches.open(OFFLINE.cache);
  try {
    const files = await keepPages(cache);
    await cache.addAll([...new Set([...OFFLINE.files, ...files])]);
  } catch (error) {
    await caches.delete(OFFLINE.cache);
    throw error;
  }
}

// Each page's copy, under the address people use; answers the static files the copies name.
async function keepPages(cache) {
  const named = await Promise.all(
    Object.entries(OFFLINE.pages).map(async ([address, copy]) => {
      const response = await fetch(copy, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(`${copy} answered ${response.status}`);
      const html = await response.clone().text();
      await cache.put(address, response);
      return [...html.matchAll(NAMED)].map((found) => found[1]).filter((url) => url.startsWith(OFFLINE.staticUrl));
    }),
  );
  return named.flat();
}

async function forgetOlder() {
  const names = await caches.keys();
  const older = names.filter((name) => name.startsWith(OFFLINE.cachePrefix) && name !== OFFLINE.cache);
  await Promise.all(older.map((name) => caches.delete(name)));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The network first, always: online, nobody is shown a kept copy in place of their break as it is now.
    event.respondWith(fetch(request).catch(() => keptPage(url)));
  } else if (url.pathname.startsWith(OFFLINE.staticUrl)) {
    event.respondWith(kept(request).then((found) => found || fetch(request)));
  }
});

async function kept(request) {
  const cache = await caches.open(OFFLINE.cache);
  return cache.match(request, ANY_VARY);
}

async function keptPage(url) {
  const cache = await caches.open(OFFLINE.cache);
  const page = (await cache.match(url.pathname + url.search, ANY_VARY)) || (await cache.match(OFFLINE.fallback, ANY_VARY));
  return page || Response.error();
}

// A page says which language it is in; copies kept in another (the person chose a new one, or the
// phone's changed) are fetched again, in the page's.
self.addEventListener("message", (event) => {
  const language = event.data?.language;
  if (typeof language === "string") event.waitUntil(keepInLanguage(language));
});

async function keepInLanguage(language) {
  const page = await kept(new Request(OFFLINE.fallback));
  if (!page) return;
  const keptIn = /<html lang="([^"]*)"/.exec(await page.text())?.[1];
  if (keptIn && keptIn !== language) await keepPages(await caches.open(OFFLINE.cache));
}

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
