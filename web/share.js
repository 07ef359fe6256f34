// Share links in the browser: a brief's JSON is compressed (deflate-raw, the browser's own
// CompressionStream) and base64url-encoded for the URL fragment, and the reverse when a link is
// opened. Nothing leaves the page: no server sees the fragment.
//
// C side (the app declares these and defines sr_share_done):
//   extern "C" void sr_share_compress(const char* text, int request_id);
//   extern "C" void sr_share_decompress(const char* b64url, int request_id);
//   extern "C" EMSCRIPTEN_KEEPALIVE void sr_share_done(int request_id, int ok, char* result);
// Every call calls sr_share_done exactly once, later (never from inside the call): with ok = 1
// and the base64url text (compress) or the JSON text (decompress), or with ok = 0 and a message
// for people. `result` is malloc'd here; C++ frees it (it is never 0).
//
// The codec itself is $SRShare (plain functions returning Promises), so the same code runs in a
// test under Node 20 (tests/browser/share-codec.test.mjs loads this file with a stand-in for
// mergeInto) and in the page.
mergeInto(LibraryManager.library, {
  $SRShare: {
    maxBytes: 65536,        // decoded text at most (the core refuses more as well)
    maxLinkChars: 90000,    // base64url characters at most (64 KB compressed, with room)
    alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',

    // Bytes (Uint8Array) to base64url without padding.
    encode: function(bytes) {
      var a = SRShare.alphabet, out = '', i = 0, n = bytes.length, v;
      for (; i + 3 <= n; i += 3) {
        v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out += a[(v >> 18) & 63] + a[(v >> 12) & 63] + a[(v >> 6) & 63] + a[v & 63];
      }
      if (n - i === 1) {
        v = bytes[i] << 16;
        out += a[(v >> 18) & 63] + a[(v >> 12) & 63];
      } else if (n - i === 2) {
        v = (bytes[i] << 16) | (bytes[i + 1] << 8);
        out += a[(v >> 18) & 63] + a[(v >> 12) & 63] + a[(v >> 6) & 63];
      }
      return out;
    },

    // base64url (trailing '=' tolerated) to bytes; throws an Error naming the position of a
    // character outside the alphabet.
    decode: function(text) {
      var n = text.length, pad = 0;
      while (n > 0 && text.charCodeAt(n - 1) === 61 && pad < 2) { n--; pad++; }
      var out = new Uint8Array(Math.floor(n / 4) * 3 + (n % 4 ? n % 4 - 1 : 0));
      var acc = 0, bits = 0, o = 0;
      for (var i = 0; i < n; i++) {
        var c = text.charCodeAt(i), v;
        if (c >= 65 && c <= 90) v = c - 65;
        else if (c >= 97 && c <= 122) v = c - 71;
        else if (c >= 48 && c <= 57) v = c + 4;
        else if (c === 45) v = 62;
        else if (c === 95) v = 63;
        else {
          var shown = c >= 32 && c < 127 ? "'" + text[i] + "'" : 'character ' + c;
          throw new Error('The link holds ' + shown + ' at position ' + i +
                          ', which base64url does not use: the link may be damaged.');
        }
        acc = ((acc << 6) | v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[o++] = (acc >> bits) & 0xFF;
        }
      }
      if (n % 4 === 1) throw new Error('The link has an impossible length (' + n + ' characters): it may be cut off.');
      return out;
    },

    supported: function() {
      return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
    },

    // Runs bytes through a (de)compression stream and collects the output, stopping (and
    // failing) once it passes `limit` bytes.
    pipe: function(stream, bytes, limit, overMessage) {
      var writer = stream.writable.getWriter();
      writer.write(bytes).catch(function() {});
      writer.close().catch(function() {});
      var reader = stream.readable.getReader();
      var chunks = [], total = 0;
      function next() {
        return reader.read().then(function(step) {
          if (step.done) {
            var out = new Uint8Array(total), at = 0;
            for (var k = 0; k < chunks.length; k++) { out.set(chunks[k], at); at += chunks[k].length; }
            return out;
          }
          total += step.value.length;
          if (total > limit) {
            reader.cancel().catch(function() {});
            throw new Error(overMessage);
          }
          chunks.push(step.value);
          return next();
        });
      }
      return next();
    },

    // Text -> Promise of its deflate-raw compression, base64url-encoded.
    compress: function(text) {
      return Promise.resolve().then(function() {
        if (!SRShare.supported()) throw new Error('This browser cannot make share links (it has no CompressionStream).');
        var bytes = new TextEncoder().encode(String(text));
        if (bytes.length > SRShare.maxBytes)
          throw new Error('The brief is ' + Math.ceil(bytes.length / 1024) + ' KB; a share link holds at most 64 KB.');
        return SRShare.pipe(new CompressionStream('deflate-raw'), bytes, SRShare.maxBytes + 1024,
                            'The compressed brief is larger than 64 KB.');
      }).then(function(out) { return SRShare.encode(out); });
    },

    // base64url -> Promise of the decompressed text (UTF-8). Refuses a damaged link, output over
    // 64 KB (without inflating the rest) and text that is not UTF-8, each with a message.
    decompress: function(b64) {
      return Promise.resolve().then(function() {
        if (!SRShare.supported()) throw new Error('This browser cannot open share links (it has no DecompressionStream).');
        var text = String(b64).trim();
        if (!text) throw new Error('The link holds nothing after "#brief=": it may be cut off.');
        if (text.length > SRShare.maxLinkChars)
          throw new Error('The link is ' + text.length + ' characters long; a share link is at most ' +
                          SRShare.maxLinkChars + '.');
        var bytes = SRShare.decode(text);
        return SRShare.pipe(new DecompressionStream('deflate-raw'), bytes, SRShare.maxBytes,
                            'The link opens to more than 64 KB: it is not a brief Spark Roster made.')
          .catch(function(e) {
            if (e && /64 KB/.test(e.message)) throw e;
            throw new Error('The link is damaged or cut off: it could not be decompressed.');
          });
      }).then(function(out) {
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(out);
        } catch (e) {
          throw new Error('The link does not hold UTF-8 text: it is damaged.');
        }
      });
    },

    // Strings handed to C++ are malloc'd here and freed by C++.
    toC: function(s) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },

    message: function(e) {
      return (e && e.message) ? e.message : String(e || 'unknown error');
    },

    // Calls sr_share_done once, whatever happens.
    run: function(promise, requestId) {
      Module['srAsync'](promise).then(function(result) {
        Module['_sr_share_done'](requestId, 1, SRShare.toC(result));
      }, function(err) {
        Module['_sr_share_done'](requestId, 0, SRShare.toC(SRShare.message(err)));
      });
    },
  },

  sr_share_compress__deps: ['$SRShare', 'malloc'],
  sr_share_compress: function(textPtr, requestId) {
    var text = UTF8ToString(textPtr);
    SRShare.run(SRShare.compress(text), requestId);
  },

  // The page's address without its fragment, for links made here.
  sr_share_page_url__deps: ['$SRShare', 'malloc'],
  sr_share_page_url: function() {
    var href = String(window.location.href);
    var at = href.indexOf('#');
    return SRShare.toC(at < 0 ? href : href.slice(0, at));
  },

  // A creator's ticks on a shared brief stay on this device: localStorage, one entry per brief
  // share key ("sr-ticks:<key>") holding the ticked checklist item ids. Never in the program.
  sr_share_ticks_get__deps: ['$SRShare', 'malloc'],
  sr_share_ticks_get: function(keyPtr) {
    var out = '[]';
    try {
      var v = window.localStorage.getItem('sr-ticks:' + UTF8ToString(keyPtr));
      if (v) {
        var list = JSON.parse(v);
        if (Array.isArray(list)) out = JSON.stringify(list.filter(function(x) { return typeof x === 'string'; }));
      }
    } catch (e) {}
    return SRShare.toC(out);
  },

  sr_share_ticks_set: function(keyPtr, itemPtr, on) {
    try {
      var k = 'sr-ticks:' + UTF8ToString(keyPtr), item = UTF8ToString(itemPtr);
      var list = [];
      try { list = JSON.parse(window.localStorage.getItem(k) || '[]'); } catch (e) {}
      if (!Array.isArray(list)) list = [];
      list = list.filter(function(x) { return typeof x === 'string' && x !== item; });
      if (on) list.push(item);
      if (list.length) window.localStorage.setItem(k, JSON.stringify(list));
      else window.localStorage.removeItem(k);
      return 1;
    } catch (e) {
      return 0;
    }
  },

  sr_share_decompress__deps: ['$SRShare', 'malloc'],
  sr_share_decompress: function(b64Ptr, requestId) {
    var text = UTF8ToString(b64Ptr);
    SRShare.run(SRShare.decompress(text), requestId);
  },
});
