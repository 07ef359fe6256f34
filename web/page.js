// Browser services for the app: canvas size and pixel ratio, theme preference, clipboard,
// and the page API's hooks (see web/api.js).
mergeInto(LibraryManager.library, {
  // Called once the stored data has loaded (or the sample program was put in its place).
  sr_page_ready: function() {
    if (Module['srOnReady']) Module['srOnReady']();
  },

  // Called at the end of main(): the app is set up and takes the page's calls (web/api.js).
  sr_page_live: function() {
    Module['srLive']();
  },

  sr_prefers_dark: function() {
    try {
      return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
    } catch (e) {
      return 0;
    }
  },

  sr_clipboard_write: function(textPtr) {
    var text = UTF8ToString(textPtr);
    Module['srClipboard'] = text;
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) Module['srAsync'](navigator.clipboard.writeText(text)).catch(function() {});
    } catch (e) {}
  },

  // The last text the page received from a paste event (the browser only hands clipboard
  // contents to a page on paste), or what the app itself copied last.
  sr_clipboard_read__deps: ['malloc'],
  sr_clipboard_read: function() {
    var text = Module['srClipboard'] || '';
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },

  sr_hash_get__deps: ['malloc'],
  sr_hash_get: function() {
    var text = window.location.hash || '';
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },

  sr_hash_set: function(hashPtr, push) {
    var h = UTF8ToString(hashPtr);
    if (window.location.hash === h) return;
    try {
      if (push) history.pushState(null, '', h);
      else history.replaceState(null, '', h);
    } catch (e) {
      window.location.hash = h;
    }
  },

  // Saves bytes from the heap as a file through a temporary link (the browser's downloads).
  sr_download: function(namePtr, mimePtr, dataPtr, size) {
    var name = UTF8ToString(namePtr), mime = UTF8ToString(mimePtr);
    var bytes = HEAPU8.slice(dataPtr, dataPtr + size);
    var url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
  },

  sr_set_cursor: function(namePtr) {
    var c = Module['canvas'];
    if (c) c.style.cursor = UTF8ToString(namePtr);
  },
});
