// IndexedDB persistence for the app: one object store, one record holding the program's
// backup JSON. A save reports success only when its transaction has completed (durability
// "strict"), so "Saved" on screen means the data is on disk. Every call reports back to C++,
// success or failure; nothing is left waiting.
mergeInto(LibraryManager.library, {
  $SRStorage: {
    dbName: 'spark-roster',
    storeName: 'kv',
    key: 'program',
    db: null,
    // Strings handed to C++ are malloc'd here and freed by C++.
    toC: function(s) {
      if (s === null || s === undefined) return 0;
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    describe: function(e) {
      if (!e) return 'unknown error';
      var name = e.name || '';
      if (name === 'QuotaExceededError') return 'storage is full (QuotaExceededError)';
      if (name === 'InvalidStateError' || name === 'SecurityError') return 'storage is unavailable in this browser mode (' + name + ')';
      return (name ? name + ': ' : '') + (e.message || String(e));
    },
    open: function() {
      return new Promise(function(resolve, reject) {
        if (SRStorage.db) return resolve(SRStorage.db);
        var req;
        try {
          if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
          req = indexedDB.open(SRStorage.dbName, 1);
        } catch (e) {
          return reject(e);
        }
        req.onupgradeneeded = function() {
          var db = req.result;
          if (!db.objectStoreNames.contains(SRStorage.storeName)) db.createObjectStore(SRStorage.storeName);
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
  },

  // Reads the stored program. Calls back sr_storage_loaded(text or 0, ok, error or 0).
  sr_storage_load__deps: ['$SRStorage', 'malloc'],
  sr_storage_load: function() {
    SRStorage.open().then(function(db) {
      return new Promise(function(resolve, reject) {
        var tx = db.transaction(SRStorage.storeName, 'readonly');
        var req = tx.objectStore(SRStorage.storeName).get(SRStorage.key);
        tx.oncomplete = function() { resolve(req.result); };
        tx.onerror = function() { reject(tx.error || req.error); };
        tx.onabort = function() { reject(tx.error || new Error('read aborted')); };
      });
    }).then(function(record) {
      var text = record && typeof record.text === 'string' ? record.text : null;
      Module['_sr_storage_loaded'](SRStorage.toC(text), 1, 0);
    }, function(err) {
      Module['_sr_storage_loaded'](0, 0, SRStorage.toC(SRStorage.describe(err)));
    });
  },

  // Writes the program. Calls back sr_storage_saved(seq, ok, error or 0) once the
  // transaction has completed or failed.
  sr_storage_save__deps: ['$SRStorage', 'malloc'],
  sr_storage_save: function(textPtr, seq) {
    var text = UTF8ToString(textPtr);
    var fail = function(err) { Module['_sr_storage_saved'](seq, 0, SRStorage.toC(SRStorage.describe(err))); };
    SRStorage.open().then(function(db) {
      var tx;
      try {
        tx = db.transaction(SRStorage.storeName, 'readwrite', { durability: 'strict' });
        tx.objectStore(SRStorage.storeName).put({ text: text, savedAt: new Date().toISOString(), seq: seq }, SRStorage.key);
      } catch (e) {
        return fail(e);
      }
      var done = false;
      tx.oncomplete = function() { if (!done) { done = true; Module['_sr_storage_saved'](seq, 1, 0); } };
      tx.onerror = function(ev) { if (!done) { done = true; if (ev && ev.preventDefault) ev.preventDefault(); fail(tx.error); } };
      tx.onabort = function() { if (!done) { done = true; fail(tx.error || new Error('save aborted')); } };
    }, fail);
  },
});
