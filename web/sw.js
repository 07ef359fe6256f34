// The service worker of a published Spark Roster (tools/dist writes dist/sw.js as
// `const BUILD = {version, files}` followed by this file). It keeps one complete version of the
// app in a cache named after that version's content hash, so the app opens offline after the
// first visit and every page load runs files of one single version.
//
// - install: fetches every file of this version, revalidating what the HTTP cache holds (the
//   files the page has just loaded cost a 304, not a second download), checks each against its
//   SHA-256 from the build (a host still serving a mix of old and new files fails the install,
//   and the running version stays), and only then stores them.
// - The new version waits until the page asks for it ("Reload to update": message
//   {type: 'activate'}) or until every tab of the old version has closed.
// - activate: deletes this deployment's caches of other versions (caches of other deployments
//   on the same origin, under other paths, are left alone).
// - fetch: this version's files from its cache (navigations to the folder itself get
//   index.html); everything else goes to the network as usual.
/* global BUILD */
'use strict';

const scope = self.registration.scope;                 // the folder sw.js was published in
const prefix = 'spark-roster ' + scope + ' ';
const cacheName = prefix + BUILD.version;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchChecked(path) {
  const url = new URL(path, scope).href;
  const response = await fetch(new Request(url, { cache: 'no-cache', credentials: 'same-origin' }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const digest = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
  if (digest !== BUILD.files[path]) throw new Error(`${path}: not the file of version ${BUILD.version}`);
  return [url, response];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const fetched = await Promise.all(Object.keys(BUILD.files).map(fetchChecked));
    const cache = await caches.open(cacheName);
    await Promise.all(fetched.map(([url, response]) => cache.put(url, response)));
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'activate') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix) && name !== cacheName) await caches.delete(name);
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  let path = new URL(request.url).pathname.slice(new URL(scope).pathname.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    return;  // not a name of ours
  }
  if (path === '' && request.mode === 'navigate') path = 'index.html';
  if (!Object.prototype.hasOwnProperty.call(BUILD.files, path)) return;
  const key = new URL(path, scope).href;
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    // The browser may have evicted the cache under storage pressure: then the network.
    return (await cache.match(key)) || fetch(request);
  })());
});
