// Starts the page before the WebAssembly app loads (spark-roster.js reads `Module`), and, where
// the page was published with tools/dist (<html data-sw="sw.js">), registers the service worker
// that keeps the app usable offline and offers "Reload to update" when a new version is deployed.
// The page talks to its own origin and, when a team's server is set (Settings, Sync: kept in
// this browser's localStorage by web/sync.js), to that server's origin, and to nothing else.
// index.html's own policy leaves connections open to any http(s) origin; this second policy,
// in force from here on alongside it, narrows them (docs/rules.md, "Teams").
(function() {
  var allowed = "'self'";
  try {
    var c = JSON.parse(window.localStorage.getItem('spark-roster-sync') || 'null');
    if (c && typeof c.url === 'string') {
      var u = new URL(c.url);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && /^[A-Za-z0-9.:\[\]-]+$/.test(u.host)) allowed += ' ' + u.origin;
    }
  } catch (e) { /* no storage, or not a URL: the page's own origin only */ }
  var meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = 'connect-src ' + allowed;
  document.head.appendChild(meta);
})();

var Module = {
  canvas: document.getElementById('canvas'),
  print: function(t) { console.log(t); },
  printErr: function(t) { console.warn(t); },
  onRuntimeInitialized: function() {
    var boot = document.getElementById('boot');
    if (boot) boot.remove();
  },
  onAbort: function(what) {
    var b = document.getElementById('boot') || document.body.appendChild(document.createElement('div'));
    b.id = 'boot';
    b.className = 'error';
    b.textContent = 'Spark Roster stopped: ' + what + '. Your saved data is untouched; reload the page.';
  },
};

Module.canvas.addEventListener('contextmenu', function(e) { e.preventDefault(); });

if (typeof WebGL2RenderingContext === 'undefined') {
  document.getElementById('boot').className = 'error';
  document.getElementById('boot').textContent = 'Spark Roster needs a browser with WebGL 2.';
}

(function() {
  var script = document.documentElement.getAttribute('data-sw');
  if (!script || !('serviceWorker' in navigator)) return;
  var sw = navigator.serviceWorker;
  var updating = false;

  // Reloading is safe once every change is stored: the app saves each change as it is made.
  // States: loading, saved, pending, saving, failed, blocked, read_only (README, Page API).
  function whenSaved() {
    return new Promise(function(resolve) {
      var tries = 0;
      (function poll() {
        var api = window.sparkRoster;
        var s = api && api.saveState ? api.saveState() : { state: 'loading', text: '' };
        if (s.state === 'pending' || s.state === 'saving') {
          if (++tries < 200) return setTimeout(poll, 50);
        }
        resolve(s);
      })();
    });
  }

  function offer(reg) {
    var bar = document.getElementById('update');
    if (!bar) {
      bar = document.createElement('div');
      bar.id = 'update';
      bar.setAttribute('role', 'status');
      var msg = document.createElement('span');
      msg.textContent = 'A new version of Spark Roster is ready.';
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Reload to update';
      button.addEventListener('click', function() { apply(reg, bar, msg, button); });
      // The new version then starts once every tab of this one is closed.
      var later = document.createElement('button');
      later.type = 'button';
      later.className = 'later';
      later.textContent = 'Later';
      later.addEventListener('click', function() { bar.hidden = true; });
      bar.appendChild(msg);
      bar.appendChild(button);
      bar.appendChild(later);
      document.body.appendChild(bar);
    }
    bar.hidden = false;
  }

  function apply(reg, bar, msg, button) {
    button.disabled = true;
    button.textContent = 'Updating…';
    whenSaved().then(function(s) {
      if (s.state !== 'saved' && s.state !== 'read_only' && s.state !== 'loading') {
        // Unsaved changes would be lost by a reload: keep this version running.
        msg.textContent = 'Not updated: your last change is not saved yet (' +
                          String(s.text).replace(/^Not saved:\s*/, '') + '). ' +
                          'Export a backup, or try again once it is saved.';
        button.disabled = false;
        button.textContent = 'Reload to update';
        return;
      }
      updating = true;
      if (reg.waiting) reg.waiting.postMessage({ type: 'activate' });
      else window.location.reload();
    });
  }

  // The waiting version took over (this tab asked for it): load it.
  sw.addEventListener('controllerchange', function() {
    if (updating) window.location.reload();
  });

  window.addEventListener('load', function() {
    sw.register(script).then(function(reg) {
      // A version installed earlier and still waiting for this version's tabs to close.
      if (reg.waiting && sw.controller) offer(reg);
      reg.addEventListener('updatefound', function() {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function() {
          // On a first visit there is no controller: nothing to update from.
          if (worker.state === 'installed' && sw.controller) offer(reg);
        });
      });
      // Look for a new deployment whenever the tab comes back into view.
      document.addEventListener('visibilitychange', function() {
        if (document.visibilityState === 'visible') reg.update().catch(function() {});
      });
    }).catch(function(e) {
      console.warn('Spark Roster works online only: the offline copy could not be set up (' + e.message + ').');
    });
  });
})();
