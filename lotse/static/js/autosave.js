// Autosave for long texts: a form marked data-autosave is saved in the background a few
// seconds after the last keystroke. The server refuses a save based on an older revision
// (someone else saved meanwhile) with 409; then autosave stops and says so, and the normal
// submit shows the other version. Without JavaScript the form simply saves on submit.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var revision = form.querySelector("input[name=revision]");
  var timer = null;
  var stopped = false;
  var lastSaved = new FormData(form).get("text");

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    if (stopped) { return; }
    var data = new FormData(form);
    if (data.get("text") === lastSaved) { return; }
    var sent = data.get("text");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Lotse-Autosave": "1" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok) {
        revision.value = result.body.revision;
        lastSaved = sent;
        say(result.body.message);
      } else {
        stopped = true;
        say(result.body.error);
      }
    }).catch(function () {
      say(form.getAttribute("data-autosave-offline") || "Automatisches Speichern fehlgeschlagen – bitte speichern Sie von Hand.");
    });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 3000);
  });
  form.addEventListener("submit", function () { window.clearTimeout(timer); stopped = true; });
})();
