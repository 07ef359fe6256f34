// IndexedDB persistence for the app.
//
// - One record ("program" in store "kv") holds the program's backup JSON, as UTF-8 bytes in a
//   Blob: `{bytes: Blob, size, savedAt, seq}`. The bytes are copied out of the heap once and
//   into the heap once when read, never decoded into a JavaScript string, so storing a large
//   program (40 MB and more) adds no long task to the page. Earlier versions stored
//   `{text: "<json>", savedAt, seq}` (database version 2); both forms are read
//   (SRStorage.bytesOf).
// - A save reports success only when its transaction has completed (durability "strict"), so
//   "Saved" on screen means the data is on disk; a tab killed mid-save leaves the previous or
//   the new record, whole.
// - Recovery points: the same transaction keeps the last few saved versions (store "versions",
//   `{bytes: Blob, size, at, savedAt}`, or `{text, at, savedAt}` from earlier versions), at most
//   one per ten minutes, so a bad import or a slip can be rolled back from settings.
// - One writer: the tab holding the Web Lock "spark-roster-writer" saves; any other tab is
//   read-only and follows the writer's saves (BroadcastChannel); when the writer closes, the next
//   tab takes the lock over.
// Every call reports back to C++, success or failure; nothing is left waiting.
mergeInto(LibraryManager.library, {
  $SRStorage: {
    dbName: 'spark-roster',
    dbVersion: 3,
    key: 'program',
    keepVersions: 5,
    versionSpacingMs: 10 * 60 * 1000,
    db: null,
    channel: null,
    // Strings handed to C++ are malloc'd here and freed by C++.
    toC: function(s) {
      if (s === null || s === undefined) return 0;
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    // A stored program handed to C++: its UTF-8 bytes copied into a malloc'd buffer (with a NUL
    // after them; C++ is given the length too), freed by C++. 0 for none.
    bytesToC: function(bytes) {
      if (!bytes) return 0;
      var p = _malloc(bytes.length + 1);
      if (!p) throw new Error('not enough memory to read the stored program (' + bytes.length + ' bytes)');
      HEAPU8.set(bytes, p);
      HEAPU8[p + bytes.length] = 0;
      return p;
    },
    // Resolves to a stored record's program as UTF-8 bytes (a Uint8Array), or null: `bytes` (a
    // Blob; an ArrayBuffer or typed array is taken too) in records of this version, `text` (a
    // string) in records of earlier versions.
    bytesOf: function(r) {
      if (!r) return Promise.resolve(null);
      var b = r.bytes;
      if (typeof Blob !== 'undefined' && b instanceof Blob) {
        return b.arrayBuffer().then(function(buf) { return new Uint8Array(buf); });
      }
      if (b instanceof ArrayBuffer) return Promise.resolve(new Uint8Array(b));
      if (ArrayBuffer.isView(b)) return Promise.resolve(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      if (typeof r.text === 'string') return Promise.resolve(new TextEncoder().encode(r.text));
      return Promise.resolve(null);
    },
    // A stored record's size in bytes (the UTF-16 length for the text of earlier versions).
    sizeOf: function(r) {
      if (!r) return 0;
      if (typeof r.size === 'number') return r.size;
      var b = r.bytes;
      if (b && typeof b.size === 'number') return b.size;
      if (b && typeof b.byteLength === 'number') return b.byteLength;
      return typeof r.text === 'string' ? r.text.length : 0;
    },
    // Calls back C++ `fn(ptr, length)` with the bytes on the heap (0, 0 for none).
    giveBytes: function(fn, bytes) {
      var p = SRStorage.bytesToC(bytes);
      Module[fn](p, bytes ? bytes.length : 0);
    },
    // Draws a frame: an idle tab draws nothing until something changes.
    wake: function() { Module['srCall']('sr_wake'); },
    persistedIs: function(p) { Module['srPersisted'] = p; SRStorage.wake(); },
    describe: function(e) {
      if (!e) return 'unknown error';
      var name = e.name || '';
      if (name === 'QuotaExceededError') return 'storage is full (QuotaExceededError)';
      if (name === 'InvalidStateError' || name === 'SecurityError') return 'this browser mode does not allow storage (' + name + ')';
      return (name && name !== 'Error' ? name + ': ' : '') + (e.message || String(e));
    },
    open: function() {
      return new Promise(function(resolve, reject) {
        if (SRStorage.db) return resolve(SRStorage.db);
        var req;
        try {
          if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
          // Version 3: the stores are those of version 2, but records may hold bytes. Opening it
          // closes the connections of tabs still running an earlier version (onversionchange)
          // and they cannot open it again (VersionError): such a tab, which would read the
          // bytes as "nothing stored", then says "Not saved" rather than writing over them.
          req = indexedDB.open(SRStorage.dbName, SRStorage.dbVersion);
        } catch (e) {
          return reject(e);
        }
        req.onupgradeneeded = function() {
          var db = req.result;
          if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
          if (!db.objectStoreNames.contains('versions')) db.createObjectStore('versions', { autoIncrement: true });
        };
        req.onsuccess = function() {
          SRStorage.db = req.result;
          SRStorage.db.onversionchange = function() { SRStorage.db.close(); SRStorage.db = null; };
          resolve(SRStorage.db);
        };
        req.onerror = function() { reject(req.error); };
        req.onblocked = function() { reject(new Error('storage is blocked by another tab of an older version')); };
      });
    },
    // Resolves to the stored program as UTF-8 bytes (or null on a first visit).
    read: function() {
      return SRStorage.open().then(function(db) {
        return new Promise(function(resolve, reject) {
          var tx = db.transaction('kv', 'readonly');
          var req = tx.objectStore('kv').get(SRStorage.key);
          tx.oncomplete = function() { resolve(req.result); };
          tx.onerror = function() { reject(tx.error || req.error); };
          tx.onabort = function() { reject(tx.error || new Error('read aborted')); };
        });
      }).then(SRStorage.bytesOf);
    },
    // The writer lock. Resolves true when this tab may write. Without Web Locks (old browsers)
    // every tab writes, as before locks existed.
    becomeWriter: function(onLaterGrant) {
      if (!navigator.locks || !navigator.locks.request) return Promise.resolve(true);
      return new Promise(function(resolve) {
        navigator.locks.request('spark-roster-writer', { ifAvailable: true }, function(lock) {
          if (!lock) {
            resolve(false);
            // Wait in line; when the writer tab closes, this one takes over.
            navigator.locks.request('spark-roster-writer', function() {
              onLaterGrant();
              return new Promise(function() {});  // held until the tab closes
            });
            return null;
          }
          resolve(true);
          return new Promise(function() {});  // held until the tab closes
        });
      });
    },
  },

  // Takes the writer lock if free, reads the stored program, and reports
  // sr_storage_loaded(bytes or 0, length, ok, error or 0, writer). A read-only tab later gets
  // sr_storage_remote(bytes, length) after each save of the writer, and
  // sr_storage_promoted(bytes or 0, length) when it becomes the writer.
  sr_storage_load__deps: ['$SRStorage', 'malloc'],
  sr_storage_load: function() {
    var followWriter = function() {
      if (typeof BroadcastChannel === 'undefined') return;
      SRStorage.channel = new BroadcastChannel('spark-roster');
      SRStorage.channel.onmessage = function(ev) {
        if (!ev.data || ev.data.type !== 'saved') return;
        SRStorage.read().then(function(bytes) {
          if (bytes !== null) SRStorage.giveBytes('_sr_storage_remote', bytes);
        }).catch(function() {});
      };
    };
    var promoted = function() {
      SRStorage.read().catch(function() { return null; }).then(function(bytes) {
        var p = 0;
        try { p = SRStorage.bytesToC(bytes); } catch (e) { bytes = null; }
        Module['_sr_storage_promoted'](p, bytes ? bytes.length : 0);
      });
    };
    SRStorage.becomeWriter(promoted).then(function(writer) {
      if (!SRStorage.channel && typeof BroadcastChannel !== 'undefined') followWriter();
      return SRStorage.read().then(function(bytes) {
        var p = SRStorage.bytesToC(bytes);
        Module['_sr_storage_loaded'](p, bytes ? bytes.length : 0, 1, 0, writer ? 1 : 0);
      });
    }).catch(function(err) {
      Module['_sr_storage_loaded'](0, 0, 0, SRStorage.toC(SRStorage.describe(err)), 1);
    });
    if (navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then(SRStorage.persistedIs, function() {});
    }
  },

  // Writes the program, `length` bytes of UTF-8 at `textPtr` (and a recovery point). Calls back
  // sr_storage_saved(seq, ok, error or 0) once the transaction has completed or failed.
  sr_storage_save__deps: ['$SRStorage', 'malloc'],
  sr_storage_save: function(textPtr, length, seq) {
    var fail = function(err) { Module['_sr_storage_saved'](seq, 0, SRStorage.toC(SRStorage.describe(err))); };
    // The bytes are copied out of the heap now (C++ frees them when this returns), once, into a
    // Blob that both records below refer to: no decoding into a string, and putting a Blob
    // does not copy its bytes again on the page.
    var blob;
    try {
      blob = new Blob([HEAPU8.subarray(textPtr, textPtr + length)], { type: 'application/json' });
    } catch (e) {
      return fail(e);
    }
    SRStorage.open().then(function(db) {
      var tx;
      var now = Date.now();
      try {
        tx = db.transaction(['kv', 'versions'], 'readwrite', { durability: 'strict' });
        tx.objectStore('kv').put({ bytes: blob, size: length, savedAt: new Date(now).toISOString(), seq: seq }, SRStorage.key);
        var versions = tx.objectStore('versions');
        // The newest recovery point is replaced while it is recent; older ones are kept. (Reading
        // a record's value costs nothing much: its bytes stay in the Blob.)
        var cursorReq = versions.openCursor(null, 'prev');
        var first = true, seen = 0, limit = SRStorage.keepVersions;
        cursorReq.onsuccess = function() {
          var cur = cursorReq.result;
          if (first) {
            first = false;
            if (cur && now - cur.value.at < SRStorage.versionSpacingMs) {
              cur.update({ bytes: blob, size: length, at: cur.value.at, savedAt: now });
            } else {
              versions.add({ bytes: blob, size: length, at: now, savedAt: now });
              limit = SRStorage.keepVersions - 1;  // the one just added counts
            }
          }
          if (!cur) return;
          if (++seen > limit) cur.delete();
          cur.continue();
        };
      } catch (e) {
        return fail(e);
      }
      var done = false;
      tx.oncomplete = function() {
        if (done) return;
        done = true;
        Module['_sr_storage_saved'](seq, 1, 0);
        if (SRStorage.channel) SRStorage.channel.postMessage({ type: 'saved', seq: seq });
        if (!SRStorage.askedPersist && navigator.storage && navigator.storage.persist) {
          SRStorage.askedPersist = true;
          navigator.storage.persist().then(SRStorage.persistedIs, function() {});
        }
      };
      tx.onerror = function(ev) { if (!done) { done = true; if (ev && ev.preventDefault) ev.preventDefault(); fail(tx.error); } };
      tx.onabort = function() { if (!done) { done = true; fail(tx.error || new Error('save aborted')); } };
    }, fail);
  },

  // Lists the recovery points, newest first: sr_storage_versions_listed(json or 0, error or 0)
  // with json = [{"id": n, "saved_at": "ISO time", "bytes": n}].
  sr_storage_list_versions__deps: ['$SRStorage', 'malloc'],
  sr_storage_list_versions: function() {
    Module['srAsync'](SRStorage.open().then(function(db) {
      return new Promise(function(resolve, reject) {
        var out = [];
        var tx = db.transaction('versions', 'readonly');
        var req = tx.objectStore('versions').openCursor(null, 'prev');
        req.onsuccess = function() {
          var cur = req.result;
          if (!cur) return;
          out.push({ id: cur.primaryKey, saved_at: new Date(cur.value.savedAt).toISOString(), bytes: SRStorage.sizeOf(cur.value) });
          cur.continue();
        };
        tx.oncomplete = function() { resolve(out); };
        tx.onerror = function() { reject(tx.error); };
      });
    })).then(function(list) {
      Module['_sr_storage_versions_listed'](SRStorage.toC(JSON.stringify(list)), 0);
    }, function(err) {
      Module['_sr_storage_versions_listed'](0, SRStorage.toC(SRStorage.describe(err)));
    });
  },

  // Reads one recovery point: sr_storage_version_read(id, bytes or 0, length, error or 0).
  sr_storage_read_version__deps: ['$SRStorage', 'malloc'],
  sr_storage_read_version: function(id) {
    Module['srAsync'](SRStorage.open().then(function(db) {
      return new Promise(function(resolve, reject) {
        var tx = db.transaction('versions', 'readonly');
        var req = tx.objectStore('versions').get(id);
        tx.oncomplete = function() { resolve(req.result); };
        tx.onerror = function() { reject(tx.error); };
      });
    }).then(SRStorage.bytesOf)).then(function(bytes) {
      if (bytes === null) Module['_sr_storage_version_read'](id, 0, 0, SRStorage.toC('that recovery point no longer exists'));
      else Module['_sr_storage_version_read'](id, SRStorage.bytesToC(bytes), bytes.length, 0);
    }).catch(function(err) {
      Module['_sr_storage_version_read'](id, 0, 0, SRStorage.toC(SRStorage.describe(err)));
    });
  },

  sr_storage_persisted: function() {
    var p = Module['srPersisted'];
    return p === true ? 1 : p === false ? 0 : -1;
  },
});
