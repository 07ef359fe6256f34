// Files handed to the app: a hidden <input type=file> opened from the app's button, and files
// dropped anywhere on the page. Files are read in pieces (File.slice().arrayBuffer()) straight
// into the WebAssembly heap, so a large file is never one JavaScript string. Also small values
// kept in localStorage (the remembered column mapping of orders files).
mergeInto(LibraryManager.library, {
  $SRFiles: {
    files: {},   // id -> File
    next: 1,
    input: null,
    // Hands a File to the app: src/platform/web/files.cpp, sr_files_on_opened.
    open: function(file) {
      if (!file) return;
      var id = SRFiles.next++;
      SRFiles.files[id] = file;
      var name = String(file.name || 'file');
      var n = lengthBytesUTF8(name) + 1;
      var p = _malloc(n);
      stringToUTF8(name, p, n);
      try {
        Module['_sr_files_on_opened'](id, p, file.size);
      } finally {
        _free(p);
      }
      Module['srCall']('sr_wake');
    },
  },

  sr_files_init__deps: ['$SRFiles', 'malloc', 'free'],
  sr_files_init: function() {
    if (SRFiles.input) return;
    var input = document.createElement('input');
    input.type = 'file';
    input.id = 'sr-file-input';
    input.accept = '.json,.csv,.tsv,.txt,.xlsx,application/json,text/csv,text/tab-separated-values,' +
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.addEventListener('change', function() {
      var f = input.files && input.files[0];
      input.value = '';  // choosing the same file again is a new choice
      if (f) SRFiles.open(f);
    });
    document.body.appendChild(input);
    SRFiles.input = input;
    // Files dropped on the page come here too (web/api.js listens from the page's first moment).
    Module['srOpenFile'] = SRFiles.open;
  },

  // Called while the app handles a click or key press: the browser shows its picker only
  // within that user activation.
  sr_files_pick__deps: ['$SRFiles'],
  sr_files_pick: function() {
    if (SRFiles.input) SRFiles.input.click();
  },

  sr_files_read__deps: ['$SRFiles', 'malloc', 'free'],
  sr_files_read: function(id, offset, length) {
    var answer = function(ptr, size, error) {
      var e = 0;
      if (error) {
        var n = lengthBytesUTF8(error) + 1;
        e = _malloc(n);
        stringToUTF8(error, e, n);
      }
      try {
        Module['_sr_files_on_chunk'](id, offset, ptr, size, e);
      } finally {
        if (e) _free(e);
        Module['srCall']('sr_wake');
      }
    };
    var file = SRFiles.files[id];
    if (!file) {
      setTimeout(function() { answer(0, 0, 'the file is no longer open'); }, 0);
      return;
    }
    Module['srAsync'](file.slice(offset, offset + length).arrayBuffer()).then(function(buf) {
      if (!SRFiles.files[id]) return;  // closed meanwhile
      var size = buf.byteLength;
      var ptr = _malloc(Math.max(1, size));
      if (!ptr) return answer(0, 0, 'not enough memory to read ' + size + ' bytes');
      HEAPU8.set(new Uint8Array(buf), ptr);
      try {
        answer(ptr, size, '');
      } finally {
        _free(ptr);
      }
    }, function(err) {
      if (!SRFiles.files[id]) return;
      answer(0, 0, 'the browser could not read the file (' + (err && err.message ? err.message : String(err)) + ')');
    });
  },

  sr_files_close__deps: ['$SRFiles'],
  sr_files_close: function(id) {
    delete SRFiles.files[id];
  },

  sr_local_get__deps: ['malloc'],
  sr_local_get: function(keyPtr) {
    var v = null;
    try {
      v = window.localStorage.getItem(UTF8ToString(keyPtr));
    } catch (e) {}
    if (v === null) return 0;
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  },

  sr_local_set: function(keyPtr, valuePtr) {
    try {
      window.localStorage.setItem(UTF8ToString(keyPtr), UTF8ToString(valuePtr));
    } catch (e) {}
  },
});
