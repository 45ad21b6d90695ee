// Autosave for the assessment pages. The page works without it (one "Save" button per page);
// with it each answer is saved as it changes (at once for a choice or a field left, after a pause in typing),
// one request at a time, retried when the connection returns or the server is back (after its Retry-After),
// and sent at once when the page is left. A change not yet saved stays in the field and in the queue.
(function () {
  'use strict';
  var form = document.getElementById('answers-form');
  if (!form || form.getAttribute('data-can-edit') !== 'true') return;
  var url = form.getAttribute('data-autosave-url');
  // The answer fields' name prefix ("a:" + question key), from the server's AnswerForm.
  var field = form.getAttribute('data-answer-field');
  // Autosave's own field names (question key, row version, value), from the same class.
  var autosave = form.getAttribute('data-autosave-fields').split(' ');
  function answerInputs(el) { return el.querySelectorAll('[name="' + CSS.escape(field + el.getAttribute('data-key')) + '"]'); }
  var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  var status = document.getElementById('autosave-status');
  var timers = {};      // question key -> debounce timer while the person is typing
  var queue = [];       // question keys whose change waits to be sent, oldest first
  var busy = false;     // one save at a time, except when the page is left (flushAll)
  var stored = {};      // question key -> the values last known to be on the server, to skip a save that changes nothing
  var waiting = null;   // while set, sending waits: the connection failed or the server asked for a pause (503 Retry-After)

  function text(name) { return status.getAttribute('data-' + name) || ''; }
  function setGlobal(state) { status.textContent = text(state); status.setAttribute('data-current', state); }
  function section(key) { return form.querySelector('.question[data-key="' + CSS.escape(key) + '"]'); }
  function setState(el, state) {
    var s = el.querySelector('.save-state');
    s.textContent = text(state);
    s.setAttribute('data-state', state);
  }

  function values(el) {
    var out = [];
    answerInputs(el).forEach(function (input) {
      if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) return;
      out.push(input.value);
    });
    return out;
  }

  function applyHidden(hidden) {
    var set = {};
    (hidden || []).forEach(function (k) { set[k] = true; });
    form.querySelectorAll('.question').forEach(function (el) {
      el.hidden = !!set[el.getAttribute('data-key')];
    });
  }

  function setVersion(el, version) {
    el.setAttribute('data-version', String(version));
    el.querySelector('.js-version').value = String(version);
  }

  function setInputs(el, answer) {
    answerInputs(el).forEach(function (input) {
      if (input.type === 'radio' || input.type === 'checkbox') {
        input.checked = answer.option === input.value || (answer.options || []).indexOf(input.value) >= 0;
      } else {
        var v = answer.text !== undefined ? answer.text : answer.number !== undefined ? String(answer.number) : answer.date !== undefined ? answer.date : '';
        input.value = v;
      }
    });
  }

  function showError(el, message) {
    var box = el.querySelector('.question-error');
    box.textContent = message || '';
    el.classList.toggle('has-error', !!message);
    answerInputs(el).forEach(function (i) {
      if (message) i.setAttribute('aria-invalid', 'true'); else i.removeAttribute('aria-invalid');
    });
  }

  function showConflict(el, data) {
    var box = el.querySelector('.conflict-box');
    box.innerHTML = '';
    var alert = document.createElement('div');
    alert.className = 'alert alert-warning mb-1';
    alert.setAttribute('role', 'alert');
    function line(label, value) {
      var p = document.createElement('p'); p.className = 'mb-1';
      p.appendChild(document.createTextNode(label + ': '));
      var strong = document.createElement('strong'); strong.textContent = value; p.appendChild(strong);
      alert.appendChild(p);
    }
    line(text('conflict'), (data.theirs.by || '') + ', ' + new Date(data.theirs.at).toLocaleString());
    line(form.getAttribute('data-theirs-label'), data.theirs.display);
    line(form.getAttribute('data-yours-label'), data.yours.display);
    var keep = document.createElement('button');
    keep.type = 'button'; keep.className = 'btn btn-sm btn-outline-secondary me-2 js-keep-theirs';
    keep.textContent = form.getAttribute('data-keep-theirs');
    keep.addEventListener('click', function () {
      setInputs(el, data.theirs.value || {});
      setVersion(el, data.version);
      box.hidden = true; setState(el, 'saved');
    });
    var mine = document.createElement('button');
    mine.type = 'button'; mine.className = 'btn btn-sm btn-primary js-use-mine';
    mine.textContent = form.getAttribute('data-use-mine');
    mine.addEventListener('click', function () {
      setVersion(el, data.version);
      box.hidden = true;
      enqueue(el.getAttribute('data-key'));
    });
    alert.appendChild(keep); alert.appendChild(mine);
    box.appendChild(alert);
    box.hidden = false;
  }

  function enqueue(key) {
    clearTimeout(timers[key]);
    delete timers[key];
    // Leaving a field right after its typing was saved fires "change" again: nothing to send then.
    var el = section(key);
    if (queue.indexOf(key) < 0 && stored[key] === JSON.stringify(values(el)) && el.querySelector('.save-state').getAttribute('data-state') === 'saved') return;
    if (queue.indexOf(key) < 0) queue.push(key);
    setState(section(key), 'saving');
    pump();
  }

  // keepalive lets a save finish after the page is gone (a click on a link right after typing), but the
  // browser allows only 64 KiB of keepalive bodies in flight: a very long answer goes without it.
  var KEEPALIVE_BUDGET = 60000;

  function send(key) {
    var el = section(key);
    var body = new FormData();
    var size = 200;
    body.append(autosave[0], key);
    body.append(autosave[1], el.getAttribute('data-version'));
    var sent = values(el);
    sent.forEach(function (v) { body.append(autosave[2], v); size += 100 + v.length * 3; });
    setGlobal('saving');
    return fetch(url, {
      method: 'POST', body: body, credentials: 'same-origin', keepalive: size < KEEPALIVE_BUDGET,
      headers: { 'RequestVerificationToken': token, 'Accept': 'application/json' },
    })
      .then(function (response) {
        var json = (response.headers.get('Content-Type') || '').indexOf('application/json') >= 0;
        // A server error may pass (a restart, the database out of reach for a moment: 503 with Retry-After):
        // send again later. Anything else that is not the endpoint's JSON (signed out, expired form, page gone)
        // will not get better by retrying.
        if (response.status >= 500) {
          var error = new Error('server ' + response.status);
          error.retryAfter = parseInt(response.headers.get('Retry-After'), 10);
          throw error;
        }
        if (!json) return { status: response.status, data: null };
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (r) {
        var d = r.data;
        if (!d) {
          showError(el, text('stopped')); setState(el, 'stopped'); setGlobal('stopped');
          return;
        }
        if (d.hidden) applyHidden(d.hidden);
        if (r.status === 200) {
          stored[key] = JSON.stringify(sent);
          setVersion(el, d.version); showError(el, '');
          // A changed carried answer is the country's own now: its "confirm or change" note goes.
          var carried = d.outcome === 'saved' && el.querySelector('.carried-note');
          if (carried) carried.remove();
          // Typed again while this was on its way: that newer change is still to be sent.
          if (!timers[key] && queue.indexOf(key) < 0) setState(el, 'saved');
          setGlobal('saved');
        } else if (r.status === 409) {
          setState(el, 'conflict'); setGlobal('conflict'); showConflict(el, d);
        } else {
          showError(el, d.error); setState(el, 'invalid'); setGlobal('invalid');
        }
      }, function (error) {
        // Network failure or a server error: keep the change and send it again after the server's
        // Retry-After (a few seconds), or in 5 s or when the browser is back online.
        if (queue.indexOf(key) < 0) queue.unshift(key);
        var pause = error && error.retryAfter > 0 ? Math.min(error.retryAfter, 60) : 0;
        var state = pause ? 'retrying' : 'failed';
        setState(el, state); setGlobal(state);
        clearTimeout(waiting);
        waiting = setTimeout(resume, (pause || 5) * 1000);
      });
  }

  function resume() { clearTimeout(waiting); waiting = null; pump(); }

  function pump() {
    if (busy || waiting || queue.length === 0) return;
    if (!navigator.onLine) { setGlobal('offline'); return; }
    busy = true;
    send(queue.shift()).then(function () { busy = false; pump(); });
  }

  // The page is being left or hidden: send every waiting change now, side by side, with keepalive.
  function flushAll() {
    Object.keys(timers).forEach(function (key) {
      clearTimeout(timers[key]);
      delete timers[key];
      if (queue.indexOf(key) < 0) queue.push(key);
    });
    if (!navigator.onLine) return;
    while (queue.length > 0) send(queue.shift());
  }

  function questionOf(input) {
    if (!input.name || input.name.indexOf('a:') !== 0) return null;
    return input.closest('.question');
  }

  function changed(event) {
    var input = event.target;
    var el = questionOf(input);
    if (!el) return;
    var key = el.getAttribute('data-key');
    // A choice, a date picked, or a field left (change): save at once. Typing waits for a pause.
    if (event.type === 'change' || input.type === 'radio' || input.type === 'checkbox') { enqueue(key); return; }
    clearTimeout(timers[key]);
    setState(el, 'saving');
    timers[key] = setTimeout(function () { enqueue(key); }, 800);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // Leaving a field whose typing has not been sent yet (no change event when the text went back to what it was).
  form.addEventListener('focusout', function (event) {
    var el = questionOf(event.target);
    if (el && timers[el.getAttribute('data-key')]) enqueue(el.getAttribute('data-key'));
  });
  window.addEventListener('online', resume);
  window.addEventListener('pagehide', flushAll);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushAll(); });
  window.addEventListener('beforeunload', function (e) {
    // Waiting changes go now (keepalive), so leaving is safe; warn only when a save has failed (refused,
    // conflicting, signed out, or no connection), because leaving would lose what the person typed.
    flushAll();
    var failed = form.querySelector('.save-state[data-state="conflict"], .save-state[data-state="invalid"], .save-state[data-state="failed"], .save-state[data-state="retrying"], .save-state[data-state="stopped"]');
    if (failed || (!navigator.onLine && queue.length > 0)) { e.preventDefault(); e.returnValue = ''; }
  });
})();
