// Review page, progressive enhancement: "Comment on this question" opens the one comment form beside its question
// instead of reloading the page with it; after a comment is posted, its confirmation (shown at the question) takes
// the focus, so it is read where the reviewer is.
(function () {
  var template = document.getElementById('comment-template');
  document.querySelectorAll('.js-comment').forEach(function (link) {
    link.addEventListener('click', function (e) {
      if (!template) return;
      e.preventDefault();
      var key = link.getAttribute('data-key');
      var id = link.closest('.question').id;
      var form = template.content.firstElementChild.cloneNode(true);
      form.querySelector('[name=questionKey]').value = key;
      form.querySelector('[name=returnUrl]').value = template.getAttribute('data-return').replace('KEY', encodeURIComponent(key)) + '#' + id;
      var label = form.querySelector('label');
      var body = form.querySelector('textarea');
      body.id = 'qc-' + id;
      label.htmlFor = body.id;
      label.textContent = label.getAttribute('data-label').replace('KEY', key);
      link.replaceWith(form);
      body.focus();
    });
  });
  var confirmation = document.getElementById('comment-confirmation');
  if (confirmation) confirmation.focus();
})();
