// Type to filter a long <select> (the 193 countries), marked with data-filter="label text". Progressive
// enhancement: the select stays the form field and works alone without JavaScript; the script only adds a
// search field above it that hides the options not matching what is typed. Matching ignores case and accents
// ("eth" finds "Éthiopie", "е" finds "ё"), in any script, and also takes the ISO code ("kaz"). Keys: Enter picks the first match, Down moves
// into the list, Escape clears. While filtering, a one-line select opens as a list so a match can be clicked.
(function () {
  'use strict';
  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  }

  function enhance(select) {
    var input = document.createElement('input');
    input.type = 'search';
    input.id = select.id + '-filter';
    input.className = 'form-control form-control-sm mb-1 select-filter';
    input.placeholder = select.getAttribute('data-filter');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('dir', 'auto');
    input.setAttribute('aria-controls', select.id);
    input.setAttribute('aria-describedby', select.id + '-filter-status');
    var label = document.createElement('label');
    label.htmlFor = input.id;
    label.className = 'visually-hidden';
    label.textContent = select.getAttribute('data-filter');
    var status = document.createElement('span');
    status.id = select.id + '-filter-status';
    status.className = 'form-text select-filter-status';
    status.setAttribute('role', 'status');
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(status, select.nextSibling);

    var folded = Array.prototype.map.call(select.options, function (o) { return fold(o.text) + '\u0000' + o.value.toLowerCase(); });
    var single = !select.multiple;
    var originalSize = select.getAttribute('size');

    function matches() {
      return Array.prototype.filter.call(select.options, function (o) { return !o.hidden && o.value !== ''; });
    }

    function apply() {
      var query = fold(input.value.trim());
      Array.prototype.forEach.call(select.options, function (o, i) {
        // The empty choice ("All", "—") stays, so a filter never takes away the way back to nothing chosen.
        o.hidden = query !== '' && o.value !== '' && folded[i].indexOf(query) < 0;
      });
      var count = matches().length;
      status.textContent = query !== '' && count === 0 ? select.getAttribute('data-filter-none') : '';
      if (!single) return;
      if (query === '') restoreSize();
      else select.size = Math.max(2, Math.min(count + 1, 8));
    }

    function restoreSize() {
      if (originalSize === null) select.removeAttribute('size');
      else select.setAttribute('size', originalSize);
    }

    function pick(option) {
      option.selected = true;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      if (single) { input.value = ''; apply(); }
    }

    input.addEventListener('input', apply);
    input.addEventListener('keydown', function (e) {
      var first = matches()[0];
      if (e.key === 'Enter') {
        // Enter picks rather than sends the form: the form is sent with its own button once the choice is made.
        e.preventDefault();
        if (first) pick(first);
      } else if (e.key === 'ArrowDown' && first) {
        e.preventDefault();
        if (single) select.value = first.value;
        select.focus();
      } else if (e.key === 'Escape' && input.value !== '') {
        e.preventDefault();
        input.value = '';
        apply();
      }
    });
    if (single) {
      // A click or Enter in the opened list is the choice: close it back to one line, the choice shown.
      select.addEventListener('click', function (e) {
        if (input.value !== '' && e.target.tagName === 'OPTION') { input.value = ''; apply(); select.focus(); }
      });
      select.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && input.value !== '') { e.preventDefault(); input.value = ''; apply(); }
      });
    }
  }

  document.querySelectorAll('select[data-filter]').forEach(enhance);
})();
