// window.sparkRoster: a small page API for automation and tests (documented in README).
(function() {
  var resolveReady, isReady = false;
  var ready = new Promise(function(resolve) { resolveReady = resolve; });
  Module['srOnReady'] = function() { isReady = true; resolveReady(true); };

  // ---- calls into the module
  // This script runs as soon as the page has it, while the .wasm may still be downloading and
  // compiling: the module's exports exist as stubs that throw until it is instantiated, and the
  // app exists only once main() has set it up. So every call from the page's own listeners goes
  // through srCall: before main() has run (sr_page_live), calls are queued and delivered in
  // order once it has; nothing that arrives early is lost or throws. (Callbacks of work the
  // module itself started, such as a save or a file read, can only come after that.)
  var live = false, queue = [];
  function deliver(c) {
    var f = typeof c[0] === 'function' ? c[0] : Module['_' + c[0]];
    f.apply(null, c[1]);
  }
  Module['srCall'] = function(fn, args) {
    var c = [fn, args || []];
    if (live && !queue.length) return deliver(c);
    var last = queue[queue.length - 1];
    if (fn === 'sr_wake' && last && last[0] === 'sr_wake') return;  // one wake is as good as two
    queue.push(c);
  };
  Module['srLive'] = function() {
    setTimeout(function() {
      live = true;
      while (queue.length) deliver(queue.shift());
      deliver(['sr_wake', []]);
    }, 0);
  };
  // Asynchronous work of the page that the app waits for (a file piece being read, a link being
  // compressed, a clipboard write): counted, so idle() knows whether anything is still on its way.
  var pending = 0;
  Module['srAsync'] = function(promise) {
    pending++;
    var done = function() { pending--; Module['srCall']('sr_wake'); };
    return Promise.resolve(promise).then(function(v) { done(); return v; }, function(e) { done(); throw e; });
  };

  function call(name, ret, types, args) { return Module.ccall(name, ret, types || [], args || []); }
  function parse(text) { try { return JSON.parse(text); } catch (e) { return { ok: false, error: String(e) }; } }
  function notLive(what) { return new Error('Spark Roster has not started yet: ' + what + ' is not available before sparkRoster.ready'); }

  // What the app has still to do for the inputs and changes so far, and whether it is idle
  // (main.cpp, sr_api_idle), with the page's own part: calls queued, asynchronous work pending.
  // With {save: false} a save still waiting or running does not count (a test holding one open).
  function idleState(opts) {
    if (!live) return { idle: false, starting: true, queued: queue.length, pending: pending };
    var s = parse(call('sr_api_idle', 'string'));
    var saving = s.save === 'pending' || s.save === 'saving' || s.save === 'loading';
    s.queued = queue.length;
    s.pending = pending;
    s.ready = isReady;
    s.idle = isReady && s.frames === 0 && s.input === 0 && !s.busy && !s.touch && !queue.length && !pending &&
             (!saving || (opts && opts.save === false));
    return s;
  }

  // Resolves once the save that covers the current revision has finished, well or not.
  function settled() {
    return new Promise(function(resolve) {
      (function poll() {
        var s = parse(call('sr_api_save_state', 'string'));
        if (s.state !== 'saving' && s.state !== 'pending') return resolve(s);
        setTimeout(poll, 20);
      })();
    });
  }

  window.sparkRoster = {
    ready: ready,
    exportJson: function() {
      if (!live) throw notLive('exportJson');
      return call('sr_api_export', 'string');
    },
    importJson: function(text) {
      return ready.then(function() {
        // On the heap, not the stack: ccall's 'string' arguments live on the (small) stack.
        var str = String(text);
        var n = Module.lengthBytesUTF8(str) + 1;
        // A file over the backup size limit is refused before it is copied into the heap.
        var big = parse(call('sr_api_backup_size_problem', 'string', ['number'], [n - 1]));
        if (big) return { ok: false, error: big };
        // Text with a lone UTF-16 surrogate has no UTF-8 form (the copy below would mangle it
        // silently): refused whole, at the broken character.
        var lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])([\uDC00-\uDFFF])/.exec(str);
        if (lone) {
          var at = lone.index + (lone[1] ? lone[0].length - 1 : 0);
          var before = str.slice(0, at), line = before.split('\n').length;
          var code = str.charCodeAt(at).toString(16).toUpperCase();
          return { ok: false, error: '$: not valid text at line ' + line + ', column ' + (at - before.lastIndexOf('\n')) +
                   ': a broken character (lone surrogate U+' + code + '); the file is not valid UTF-8' };
        }
        var ptr = Module._malloc(n);
        if (!ptr) return { ok: false, error: 'not enough memory to read a file of ' + n + ' bytes' };
        Module.stringToUTF8(str, ptr, n);
        var r;
        try {
          r = parse(call('sr_api_import', 'string', ['number'], [ptr]));
        } finally {
          Module._free(ptr);
        }
        if (!r.ok) return r;
        return settled().then(function(s) {
          return s.state === 'saved' ? { ok: true, error: null } : { ok: true, error: 'imported but not saved: ' + s.text };
        });
      });
    },
    // Imports a TikTok Shop export given as CSV text the way the Data screen does, whichever it
    // is by its header row (affiliate orders, video performance, creator list, paid report):
    // through the heap a few megabytes at a time, with `mappingJson` ({"order_id": "Order No.",
    // ...}: orders columns) or the mapping remembered from the last import. Applies the result
    // as one undoable step and resolves with its summary once saved: {ok, refused, error,
    // family, found, summary, tried, rows, refused_rows, ...}; an orders file adds imported,
    // orders, duplicates, samples, unmatched: [{row, order_id, creator, content_id, amount,
    // reason}], ...; the others their own counts (README, the page API).
    importCsv: function(text, mappingJson) {
      return ready.then(function() {
        var str = String(text);
        var mapping = mappingJson === undefined || mappingJson === null ? null
          : typeof mappingJson === 'string' ? mappingJson : JSON.stringify(mappingJson);
        var begun = parse(call('sr_api_csv_begin', 'string', ['string'], [mapping]));
        if (!begun.ok) return { ok: false, refused: null, error: begun.error };
        // The text is encoded to UTF-8 a piece at a time straight into the heap: a large file
        // never exists as one more copy.
        var chars = 1 << 20;          // UTF-16 code units per piece ...
        var room = 3 * chars + 4;     // ... take at most this many UTF-8 bytes
        var ptr = Module._malloc(room);
        if (!ptr) {
          call('sr_api_csv_finish', 'string');
          return { ok: false, refused: null, error: 'not enough memory to read the file' };
        }
        var encoder = new TextEncoder();
        var pos = 0;
        // One piece per task, so the page keeps drawing while a large file is read.
        function step() {
          if (pos < str.length) {
            var end = Math.min(str.length, pos + chars);
            var last = str.charCodeAt(end - 1);
            if (end < str.length && last >= 0xD800 && last <= 0xDBFF) end++;  // keep a surrogate pair whole
            var r = encoder.encodeInto(str.slice(pos, end), HEAPU8.subarray(ptr, ptr + room));
            pos = end;
            if (call('sr_api_csv_feed', 'number', ['number', 'number'], [ptr, r.written])) {
              return new Promise(function(resolve) { setTimeout(resolve, 0); }).then(step);
            }
          }
          Module._free(ptr);
          var done = parse(call('sr_api_csv_finish', 'string'));
          if (!done.ok) return done;
          return settled().then(function(s) {
            if (s.state !== 'saved') done.error = 'imported but not saved: ' + s.text;
            return done;
          });
        }
        return step();
      });
    },
    // The CSS-pixel rectangle of the widget whose label (the text before any "##") was drawn
    // in the last frame, or null.
    widgetRect: function(label) {
      if (!live) return null;
      var r = parse(call('sr_api_widget_rect', 'string', ['string'], [String(label)]));
      if (!r) return null;
      var canvas = Module['canvas'];
      var box = canvas.getBoundingClientRect();
      var sx = box.width / canvas.width, sy = box.height / canvas.height;
      return { x: box.left + r.x * sx, y: box.top + r.y * sy, width: r.w * sx, height: r.h * sy };
    },
    // The text a labelled widget or message shows (field errors are "error:<field>"), or null.
    widgetText: function(label) {
      if (!live) return null;
      var r = parse(call('sr_api_widget_rect', 'string', ['string'], [String(label)]));
      return r ? r.text : null;
    },
    // What the saves of this tab wrote to storage: {saves, docs, bytes, last: {docs, put, deleted,
    // bytes, ids (the first 50)}}; bytes are the documents' JSON.
    storageStats: function() { return Module['srStorageStats'] ? Module['srStorageStats']() : null; },
    // Where sync with the team's server stands (web/sync.js): {configured, url, username, slot,
    // state: off, checking, join, joining, syncing, synced, offline or failed, text, read_only,
    // waiting, last, conflicts: [{id, versions: [{rev, text, deleted, winner}]}]}, or null before
    // it has started. The password is not in it.
    syncState: function() {
      var s = Module['srSyncState'];
      return s ? JSON.parse(JSON.stringify(s)) : null;
    },
    saveState: function() {
      if (!live) return { state: 'loading', text: 'Loading…', revision: 0 };
      return parse(call('sr_api_save_state', 'string'));
    },
    // The code points the last frame drew without a glyph of their own (no font has them: drawn
    // as a box), as numbers. [] when every character on screen was drawn.
    missingGlyphs: function() { return live ? parse(call('sr_api_missing_glyphs', 'string')) : []; },
    cutTexts: function() { return live ? parse(call('sr_api_cut_texts', 'string')) : []; },
    // For each code point of `text`: {codepoint, hex, glyph, drawn}, glyph "font" (the embedded UI
    // font), "browser" (the browser's fonts, through Canvas2D), "none" (no font has it: a box) or
    // "pending" (not drawn yet); drawn: whether the last frame drew it (null for ASCII).
    glyphInfo: function(text) {
      if (!live) return null;
      var str = String(text), n = Module.lengthBytesUTF8(str) + 1, ptr = Module._malloc(n);
      Module.stringToUTF8(str, ptr, n);
      try {
        return parse(call('sr_api_glyph_info', 'string', ['number'], [ptr]));
      } finally {
        Module._free(ptr);
      }
    },
    // The scrolling of what a finger or the wheel at page point (x, y) would move, in CSS pixels:
    // {window, x, max_x, y, max_y, momentum} (momentum: a flick's momentum is moving it), or null
    // where nothing scrolls.
    scrollAt: function(x, y) {
      if (!live) return null;
      var box = Module['canvas'].getBoundingClientRect();
      return parse(call('sr_api_scroll_at', 'string', ['number', 'number'], [x - box.left, y - box.top]));
    },
    frameCount: function() { return live ? call('sr_api_frame_count', 'number') : 0; },
    // CPU milliseconds of the last frame drawn and the longest since the previous call.
    frameTime: function() { return live ? parse(call('sr_api_frame_time', 'string')) : { last: 0, max: 0 }; },
    // Resolves, with the app's state, once the app has done everything the inputs and changes so
    // far call for: the stored program is in, the screen has settled (two frames in a row drew
    // the same), no input is queued, no save is waiting or running, no file is being read and no
    // work of the page is pending (`opts` {save: false}: a save may still be running). Rejects
    // after `timeoutMs` (default 10 s) naming what was still to do. A test waits on this after
    // each input instead of sleeping.
    idle: function(timeoutMs, opts) {
      var limit = timeoutMs === undefined || timeoutMs === null ? 10000 : timeoutMs;
      var start = Date.now();
      return new Promise(function(resolve, reject) {
        (function poll() {
          var s = idleState(opts);
          if (s.idle) return resolve(s);
          if (Date.now() - start > limit) {
            return reject(new Error('the app was not idle after ' + limit + ' ms: ' + JSON.stringify(s)));
          }
          setTimeout(poll, 4);
        })();
      });
    },
    idleState: idleState,
  };

  // Wake the render loop on any input; an idle tab draws nothing.
  var wake = function() { Module['srCall']('sr_wake'); };
  ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'keypress', 'touchstart',
   'touchmove', 'touchend', 'resize', 'focus', 'blur', 'paste', 'hashchange', 'popstate'].forEach(function(type) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  });
  // The app's own shortcuts win over the browser's (Ctrl/Cmd+F is the roster filter, not find).
  window.addEventListener('keydown', function(e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'f' || e.key === 'F')) e.preventDefault();
  }, true);
  // A file dropped anywhere on the page, even while the app is still loading (the browser would
  // otherwise leave the page to show the file): handed to the app once it runs (web/files.js).
  window.addEventListener('dragover', function(e) {
    if (!e.dataTransfer) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', function(e) {
    if (!e.dataTransfer) return;
    e.preventDefault();
    var files = e.dataTransfer.files;
    var f = files && files.length ? files[0] : null;
    // Once the stored program is in: what the file would change is measured against it.
    if (f) Module['srAsync'](ready).then(function() { Module['srCall'](function() { Module['srOpenFile'](f); }); });
  });
  window.addEventListener('paste', function(e) {
    var t = e.clipboardData && e.clipboardData.getData('text/plain');
    if (typeof t === 'string') Module['srClipboard'] = t;
  }, true);
  document.addEventListener('visibilitychange', function() {
    if (document.visibilityState === 'hidden') Module['srCall']('sr_flush');
  });
  window.addEventListener('beforeunload', function(e) {
    if (!live) return;
    var s = parse(call('sr_api_save_state', 'string'));
    if (s.state === 'saving' || s.state === 'pending' || s.state === 'failed') {
      e.preventDefault();
      e.returnValue = '';
    }
  });
})();
