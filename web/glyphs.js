// Glyphs the embedded UI font does not have (Thai, CJK, emoji, any other script), drawn with the
// browser's own fonts through Canvas2D for the app's font atlas (src/app/glyphs.cpp). A whole
// cluster (a letter with its marks, an emoji sequence) is drawn in one fillText, so the
// browser's shaping puts each mark where the font wants it.
mergeInto(LibraryManager.library, {
  $srGlyphs: {
    canvas: null,
    ctx: null,
    tofu: {},  // font -> how that font stack draws a code point no font has
    // Font stacks by script: the Noto families Debian and Android ship, then each platform's own.
    stacks: {
      emoji: '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Twemoji Mozilla", sans-serif',
      thai: '"Noto Sans Thai", "Noto Sans Thai UI", "Leelawadee UI", Thonburi, Tahoma, sans-serif',
      cjk: '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
           '"Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif',
      other: '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans Symbols 2", sans-serif',
    },
    stackFor: function(text) {
      if (/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u20E3]/u.test(text)) return 'emoji';
      if (/[\u0E00-\u0E7F]/.test(text)) return 'thai';
      if (/[\u1100-\u11FF\u2E80-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u.test(text)) return 'cjk';
      return 'other';
    },
    context: function(w, h) {
      var G = srGlyphs;
      if (!G.canvas) {
        G.canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
      }
      if (G.canvas.width < w || G.canvas.height < h) {
        G.canvas.width = Math.max(G.canvas.width, w);
        G.canvas.height = Math.max(G.canvas.height, h);
        G.ctx = null;  // resizing resets the context's state
      }
      if (!G.ctx) G.ctx = G.canvas.getContext('2d', { willReadFrequently: true });
      return G.ctx;
    },
    // Draws text with its left end on the pen at (ox, baseline by); returns the ink's box in the
    // canvas and its pixels.
    draw: function(text, font, em) {
      var G = srGlyphs;
      var c = G.context(8, 8);
      c.font = font;
      var advance = c.measureText(text).width;
      var ox = Math.ceil(em * 1.5), by = Math.ceil(em * 2);
      var w = Math.ceil(advance + em * 3), h = Math.ceil(em * 3);
      c = G.context(w, h);
      c.clearRect(0, 0, w, h);
      c.font = font;
      c.textBaseline = 'alphabetic';
      c.textAlign = 'left';
      c.fillStyle = '#fff';
      c.fillText(text, ox, by);
      var px = c.getImageData(0, 0, w, h).data;
      var x0 = w, y0 = h, x1 = -1, y1 = -1;
      for (var y = 0; y < h; y++) {
        for (var x = 0; x < w; x++) {
          if (px[(y * w + x) * 4 + 3]) {
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
          }
        }
      }
      var g = { advance: advance, w: 0, h: 0, left: 0, top: 0, pixels: null, coloured: false, sig: '' };
      if (x1 < 0) return g;
      g.w = x1 - x0 + 1;
      g.h = y1 - y0 + 1;
      g.left = x0 - ox;
      g.top = y0 - by;
      g.pixels = new Uint8Array(g.w * g.h * 4);
      var sum = 0;
      for (var yy = 0; yy < g.h; yy++) {
        for (var xx = 0; xx < g.w; xx++) {
          var s = ((y0 + yy) * w + x0 + xx) * 4, d = (yy * g.w + xx) * 4;
          var a = px[s + 3];
          // Drawn in white: a pixel of another colour comes from a colour font (emoji).
          if (a > 64 && Math.min(px[s], px[s + 1], px[s + 2]) < 200) g.coloured = true;
          g.pixels[d] = px[s]; g.pixels[d + 1] = px[s + 1]; g.pixels[d + 2] = px[s + 2]; g.pixels[d + 3] = a;
          sum = (sum * 31 + a + xx * 7 + yy * 13) | 0;
        }
      }
      if (!g.coloured) for (var i = 0; i < g.pixels.length; i += 4) g.pixels[i] = g.pixels[i + 1] = g.pixels[i + 2] = 255;
      g.sig = [Math.round(advance * 8), g.w, g.h, g.left, g.top, sum].join(',');
      return g;
    },
  },

  // Draws one code point or one cluster (UTF-8 at textPtr) at emPx pixels to the em with the
  // browser's fonts. Returns a buffer from malloc (the caller frees it): six int32 [width,
  // height, left, top, advance in 1/64 px, flags], then width x height RGBA pixels (white with
  // coverage in alpha, or the colours of a colour glyph). left/top: the ink's top-left corner
  // from the pen on the baseline. flags: 1 coloured (not to be tinted), 2 no font has it.
  sr_glyph_raster__deps: ['$srGlyphs', 'malloc'],
  sr_glyph_raster: function(textPtr, emPx) {
    var G = srGlyphs;
    var text = UTF8ToString(textPtr);
    var font = emPx + 'px ' + G.stacks[G.stackFor(text)];
    if (!(font in G.tofu)) G.tofu[font] = G.draw('\u0378', font, emPx).sig;  // U+0378 is unassigned
    var g = G.draw(text, font, emPx);
    var missing = g.w > 0 && g.sig === G.tofu[font];
    var size = g.w * g.h * 4;
    var p = _malloc(24 + size);
    if (!p) return 0;
    HEAP32[p >> 2] = missing ? 0 : g.w;
    HEAP32[(p >> 2) + 1] = missing ? 0 : g.h;
    HEAP32[(p >> 2) + 2] = g.left;
    HEAP32[(p >> 2) + 3] = g.top;
    HEAP32[(p >> 2) + 4] = Math.round(g.advance * 64);
    HEAP32[(p >> 2) + 5] = (g.coloured ? 1 : 0) | (missing ? 2 : 0);
    if (size && !missing) HEAPU8.set(g.pixels, p + 24);
    return p;
  },
});
