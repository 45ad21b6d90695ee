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
