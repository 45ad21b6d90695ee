// Progressive enhancement only: every form here also works without JavaScript.
document.documentElement.classList.add('js');
document.querySelectorAll('.js-autosubmit').forEach(function (el) {
  el.addEventListener('change', function () { el.form.submit(); });
});
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
  form.addEventListener('submit', function (e) {
    if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
  });
});
// Only pages with a country picker need the type-to-filter script: fetched here, not by every page.
(function () {
  var src = document.currentScript && document.currentScript.getAttribute('data-select-filter');
  if (!src || !document.querySelector('select[data-filter]')) return;
  var script = document.createElement('script');
  script.src = src;
  document.body.appendChild(script);
})();
