// window.sparkRoster: a small page API for automation and tests (documented in README).
(function() {
  var resolveReady;
  var ready = new Promise(function(resolve) { resolveReady = resolve; });
  Module['srOnReady'] = function() { resolveReady(true); };

  function call(name, ret, types, args) { return Module.ccall(name, ret, types || [], args || []); }
  function parse(text) { try { return JSON.parse(text); } catch (e) { return { ok: false, error: String(e) }; } }

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
    exportJson: function() { return call('sr_api_export', 'string'); },
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
    // Imports a TikTok Shop affiliate-orders CSV the way the Data screen does: through the
    // heap a few megabytes at a time, with `mappingJson` ({"order_id": "Order No.", ...}) or
    // the mapping remembered from the last import. Applies the result as one undoable step and
    // resolves with its summary once saved: {ok, refused, error, rows, imported, orders,
    // duplicates, samples, refused_rows: [{row, line, order_id, reason}], unmatched: [{row,
    // order_id, creator, content_id, amount, reason}], ...}.
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
      var r = parse(call('sr_api_widget_rect', 'string', ['string'], [String(label)]));
      if (!r) return null;
      var canvas = Module['canvas'];
      var box = canvas.getBoundingClientRect();
      var sx = box.width / canvas.width, sy = box.height / canvas.height;
      return { x: box.left + r.x * sx, y: box.top + r.y * sy, width: r.w * sx, height: r.h * sy };
    },
    // The text a labelled widget or message shows (field errors are "error:<field>"), or null.
    widgetText: function(label) {
      var r = parse(call('sr_api_widget_rect', 'string', ['string'], [String(label)]));
      return r ? r.text : null;
    },
    saveState: function() { return parse(call('sr_api_save_state', 'string')); },
    frameCount: function() { return call('sr_api_frame_count', 'number'); },
    // CPU milliseconds of the last frame drawn and the longest since the previous call.
    frameTime: function() { return parse(call('sr_api_frame_time', 'string')); },
  };

  // Wake the render loop on any input; an idle tab draws nothing.
  var wake = function() { if (Module['_sr_wake']) Module['_sr_wake'](); };
  ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'keypress', 'touchstart',
   'touchmove', 'touchend', 'resize', 'focus', 'blur', 'paste', 'hashchange', 'popstate'].forEach(function(type) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  });
  // The app's own shortcuts win over the browser's (Ctrl/Cmd+F is the roster filter, not find).
  window.addEventListener('keydown', function(e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'f' || e.key === 'F')) e.preventDefault();
  }, true);
  window.addEventListener('paste', function(e) {
    var t = e.clipboardData && e.clipboardData.getData('text/plain');
    if (typeof t === 'string') Module['srClipboard'] = t;
  }, true);
  document.addEventListener('visibilitychange', function() {
    if (document.visibilityState === 'hidden' && Module['_sr_flush']) Module['_sr_flush']();
  });
  window.addEventListener('beforeunload', function(e) {
    if (!Module['_sr_api_save_state']) return;
    var s = parse(call('sr_api_save_state', 'string'));
    if (s.state === 'saving' || s.state === 'pending' || s.state === 'failed') {
      e.preventDefault();
      e.returnValue = '';
    }
  });
})();
