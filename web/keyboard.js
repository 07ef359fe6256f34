// Phones: touch and the on-screen keyboard; and the mouse wheel and trackpads.
//
// Touch: the canvas's touches go to the app (sr_touch), not to GLFW's library (which would turn
// them into mouse presses): the app tells a tap from a drag, scrolls with the finger and keeps
// a flick's momentum (from the events' times). Two fingers pinch-zoom the page, as the browser
// does it (docs/rules.md, "Touch scrolling and zoom").
//
// Typing: Dear ImGui draws its text fields on the canvas, and a canvas neither opens a phone's
// keyboard nor receives what an input method composes (Vietnamese Telex, Thai, Pinyin, dead
// keys): the browser gives those to an editable element only. So while a text field is active
// the app calls sr_keyboard_show: a hidden <textarea> over the field takes the focus (on a phone
// the keyboard opens) and forwards what is typed, composed, pasted or deleted to the app
// (sr_text_char, sr_text_key). While a composition is under way its text is shown under the
// field, and the keys belong to the input method. After a tap, the canvas follows the visual
// viewport, so the app can keep the field above the on-screen keyboard.
mergeInto(LibraryManager.library, {
  $SRKeyboard: {
    el: null,
    shown: false,
    touch: false,      // shown after a tap (an on-screen keyboard), else for a hardware keyboard
    composing: false,
    touchId: null,
    pinch: false,      // the browser's gesture (two fingers, a zoomed page's pan) until every finger is up
    // GLFW key codes for the editing keys a keyboard sends as keydown.
    keys: { Backspace: 259, Delete: 261, Enter: 257, Tab: 258, Escape: 256, ArrowLeft: 263, ArrowRight: 262,
            ArrowUp: 265, ArrowDown: 264, Home: 268, End: 269, PageUp: 266, PageDown: 267 },
    modifiers: { Shift: 1, Control: 1, Alt: 1, Meta: 1, AltGraph: 1, CapsLock: 1 },

    call: function(name, args) { Module['srCall'](name, args); },

    chars: function(text) {
      if (!text) return;
      var s = String(text);
      for (var i = 0; i < s.length; i++) {
        var cp = s.codePointAt(i);
        if (cp > 0xFFFF) i++;
        if (cp === 10 || cp === 13) SRKeyboard.call('sr_text_key', [257, 0]);
        else if (cp >= 32) SRKeyboard.call('sr_text_char', [cp]);
      }
    },

    // The canvas takes the visual viewport's size while the keyboard is up (it covers the rest).
    // A pinch-zoom also makes the visual viewport smaller, but the page is only magnified: the
    // canvas keeps the layout's size (a zoomed page has a scale over 1).
    fit: function() {
      var c = Module['canvas'], vv = window.visualViewport;
      if (!c) return;
      if (SRKeyboard.shown && SRKeyboard.touch && vv && vv.height < window.innerHeight - 1 && vv.scale < 1.01) {
        c.style.top = vv.offsetTop + 'px';
        c.style.height = vv.height + 'px';
      } else {
        c.style.top = '';
        c.style.height = '';
      }
      SRKeyboard.call('sr_wake');
    },
  },

  sr_keyboard_init__deps: ['$SRKeyboard'],
  sr_keyboard_init: function() {
    var canvas = Module['canvas'];
    if (!canvas || SRKeyboard.el) return;

    // ---- touch: one finger at a time, positions in CSS pixels from the canvas's corner
    function find(list) {
      for (var i = 0; i < list.length; i++) if (list[i].identifier === SRKeyboard.touchId) return list[i];
      return null;
    }
    function send(phase, t, time) {
      var r = canvas.getBoundingClientRect();
      SRKeyboard.call('sr_touch', [phase, t.clientX - r.left, t.clientY - r.top, time]);
    }
    // Where the browser shows the page (its zoom and the zoomed page's offset), to tell a move
    // the browser is panning from one it only declined to let the page cancel.
    function view() {
      var vv = window.visualViewport;
      return vv ? { x: vv.offsetLeft, y: vv.offsetTop, s: vv.scale } : { x: 0, y: 0, s: 1 };
    }
    function pageMoved() {
      var a = SRKeyboard.view0, b = view();
      return !a || Math.abs(a.x - b.x) > 0.5 || Math.abs(a.y - b.y) > 0.5 || Math.abs(a.s - b.s) > 0.001;
    }
    function onTouch(phase) {
      return function(e) {
        if (e.target !== canvas) return;
        e.stopImmediatePropagation();          // GLFW's listeners would press the mouse at once
        // Two fingers or more are the browser's pinch-zoom (the canvas's touch-action allows it,
        // shell/app.css): the app lets go of the finger it followed (no scroll, no tap) and
        // leaves the gesture alone, not prevented, until every finger is up. So is a finger the
        // browser is moving the page with (a page zoomed in far is panned with one finger): its
        // moves cannot be cancelled and the page has moved since it came down; the app scrolling
        // too would move the content twice. An uncancellable event alone says nothing: the
        // browser sends a touch's start, and on a busy phone right after a pinch even its moves,
        // uncancellable while its own zoom is still settling, and then does not pan.
        if (e.touches.length > 1 || SRKeyboard.pinch || (!e.cancelable && phase === 1 && pageMoved())) {
          if (SRKeyboard.touchId !== null) {
            var held = find(e.touches) || find(e.changedTouches);
            if (held) send(3, held, e.timeStamp);
            SRKeyboard.touchId = null;
          }
          SRKeyboard.pinch = e.touches.length > 0;
          return;
        }
        // One finger is the app's. Its start is not prevented: the browser decides on the first
        // touch of a gesture whether it may zoom, so a prevented start would refuse the pinch of a
        // second finger that follows. Its moves and its end are: no page scroll, no mouse events
        // made up from the touch, no double-tap zoom.
        if (phase !== 0 && e.cancelable) e.preventDefault();
        if (phase === 0) {
          if (SRKeyboard.touchId !== null) return;
          var t0 = e.changedTouches[0];
          SRKeyboard.touchId = t0.identifier;
          SRKeyboard.view0 = view();
          send(0, t0, e.timeStamp);
          return;
        }
        var t = find(e.changedTouches);
        if (!t) return;
        send(phase, t, e.timeStamp);
        if (phase >= 2) SRKeyboard.touchId = null;
      };
    }
    var opts = { capture: true, passive: false };
    window.addEventListener('touchstart', onTouch(0), opts);
    window.addEventListener('touchmove', onTouch(1), opts);
    window.addEventListener('touchend', onTouch(2), opts);
    window.addEventListener('touchcancel', onTouch(3), opts);
    window.addEventListener('mousedown', function(e) {
      if (e.target !== canvas) return;
      SRKeyboard.call('sr_pointer_mouse');
      // A click on the canvas leaves the keyboard's focus with the hidden field: the app decides
      // whether the click ends the edit (then it hides the field).
      if (SRKeyboard.shown) e.preventDefault();
    }, true);

    // ---- the mouse wheel and trackpads: the browser's deltas as they are (positive = right /
    // down; pixels, lines or pages by deltaMode) go to the app (sr_wheel), which scrolls by that
    // distance. GLFW's own listener, registered after this one, would pass pixels to ImGui as
    // wheel steps with the sign flipped. Ctrl+wheel (and a trackpad's pinch) stays the browser's zoom.
    canvas.addEventListener('wheel', function(e) {
      if (e.ctrlKey) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      SRKeyboard.call('sr_wheel', [e.deltaX || 0, e.deltaY || 0, e.deltaMode || 0]);
    }, { capture: true, passive: false });

    // ---- the hidden text field
    var el = document.createElement('textarea');
    el.id = 'sr-keyboard';
    el.setAttribute('aria-label', 'Text input');
    el.setAttribute('autocapitalize', 'off');
    el.setAttribute('autocomplete', 'off');
    el.setAttribute('autocorrect', 'off');
    el.setAttribute('spellcheck', 'false');
    el.setAttribute('enterkeyhint', 'done');
    // 16px text: a phone does not zoom into a field of that size. Invisible, but not display:none
    // (a hidden element cannot take the focus).
    el.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;border:0;padding:0;margin:0;' +
                       'font-size:16px;resize:none;overflow:hidden;background:transparent;color:transparent;' +
                       'caret-color:transparent;z-index:-1;';
    document.body.appendChild(el);
    SRKeyboard.el = el;

    // The hidden field's keys go to the app alone: GLFW's window listeners (registered after
    // these) would type them a second time. A modifier key is not passed on by itself: the keys
    // it modifies are (sr_text_key presses it around them), and text arrives without it (a field
    // takes no text while Ctrl is down). Every key's release still reaches GLFW, so that a key
    // pressed before the field took the focus (the Ctrl of Ctrl+F) is not held down for ever.
    // Keys that belong to a composition are the input method's.
    window.addEventListener('keydown', function(e) {
      if (e.target !== el) return;
      e.stopImmediatePropagation();
      if (SRKeyboard.modifiers[e.key] || e.isComposing || e.keyCode === 229 || SRKeyboard.composing) return;
      var mods = (e.shiftKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
      var code = SRKeyboard.keys[e.key];
      if (code !== undefined) {
        e.preventDefault();
        SRKeyboard.call('sr_text_key', [code, mods]);
      } else if ((e.ctrlKey || e.metaKey) && e.key && e.key.length === 1 && /[a-z]/i.test(e.key) &&
                 !/^[vV]$/.test(e.key)) {
        e.preventDefault();  // Ctrl+A, C, X, Z, Y: the field's own commands (a paste comes as input)
        SRKeyboard.call('sr_text_key', [e.key.toUpperCase().charCodeAt(0), mods]);
      }
    }, true);
    window.addEventListener('keypress', function(e) { if (e.target === el) e.stopImmediatePropagation(); }, true);
    el.addEventListener('beforeinput', function(e) {
      var t = e.inputType || '';
      if (e.isComposing || t === 'insertCompositionText') return;  // compositionend brings the text
      if (t === 'insertText' || t === 'insertReplacementText') {
        e.preventDefault();
        SRKeyboard.chars(e.data);
      } else if (t === 'insertFromPaste' || t === 'insertFromDrop') {
        e.preventDefault();
        SRKeyboard.chars(e.dataTransfer ? e.dataTransfer.getData('text/plain') : e.data);
      } else if (t === 'insertLineBreak' || t === 'insertParagraph') {
        e.preventDefault();
        SRKeyboard.call('sr_text_key', [257, 0]);
      } else if (t === 'deleteContentBackward') {
        e.preventDefault();
        SRKeyboard.call('sr_text_key', [259, 0]);
      } else if (t === 'deleteContentForward') {
        e.preventDefault();
        SRKeyboard.call('sr_text_key', [261, 0]);
      }
    });
    // A composition (an input method, a dead key, a phone keyboard that composes words): its
    // text arrives when it is done. Meanwhile it shows under the field, where the input method
    // puts its candidates.
    el.addEventListener('compositionstart', function() {
      SRKeyboard.composing = true;
      el.classList.add('sr-composing');
      SRKeyboard.call('sr_wake');
    });
    el.addEventListener('compositionend', function(e) {
      SRKeyboard.composing = false;
      el.classList.remove('sr-composing');
      SRKeyboard.chars(e.data);
      el.value = '';
    });
    el.addEventListener('input', function(e) {
      if (!e.isComposing) el.value = '';
    });
    el.addEventListener('blur', function() {
      if (!SRKeyboard.shown) return;
      // Another window or tab took the focus: the field stays active, and gets the keyboard
      // back when this page does.
      if (!SRKeyboard.touch && !document.hasFocus()) return;
      SRKeyboard.shown = false;
      SRKeyboard.fit();
      SRKeyboard.call('sr_keyboard_closed');
    });
    window.addEventListener('focus', function() {
      if (SRKeyboard.shown && document.activeElement !== el) el.focus({ preventScroll: true });
    });
    if (window.visualViewport) {
      window.visualViewport.addEventListener('resize', SRKeyboard.fit);
      window.visualViewport.addEventListener('scroll', SRKeyboard.fit);
    }
  },

  // A text field is active: put the hidden field over it and focus it (the keyboard opens).
  sr_keyboard_show__deps: ['$SRKeyboard'],
  sr_keyboard_show: function(x, y, w, h, touch) {
    var el = SRKeyboard.el;
    if (!el) return;
    var r = Module['canvas'].getBoundingClientRect();
    el.style.left = Math.max(0, r.left + x) + 'px';
    el.style.top = Math.max(0, r.top + y) + 'px';
    el.style.width = Math.max(1, w) + 'px';
    el.style.height = Math.max(1, h) + 'px';
    el.style.setProperty('--sr-field-h', Math.max(1, h) + 'px');
    if (!SRKeyboard.composing) el.value = '';
    SRKeyboard.touch = !!touch;
    SRKeyboard.shown = true;
    if (document.activeElement !== el) el.focus({ preventScroll: true });
    SRKeyboard.fit();
  },

  sr_keyboard_hide__deps: ['$SRKeyboard'],
  sr_keyboard_hide: function() {
    var el = SRKeyboard.el;
    if (!el || (!SRKeyboard.shown && document.activeElement !== el)) return;
    SRKeyboard.shown = false;
    SRKeyboard.composing = false;
    el.classList.remove('sr-composing');  // before blur: the blur handler then sees a hide, not the person closing it
    if (document.activeElement === el) el.blur();
    SRKeyboard.fit();
  },
});
