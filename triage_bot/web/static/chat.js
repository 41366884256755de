// The web chat without reloads: the form is posted in the background and the
// answer added to the log.  The page works without this script (a plain form
// post); nothing here is needed to read or send a message.
"use strict";
(function () {
  var form = document.getElementById("chat");
  var log = document.getElementById("log");
  var message = document.getElementById("message");
  var status = document.getElementById("status");
  if (!form || !log || !message || !window.fetch) { return; }
  var shown = log.querySelectorAll(".entry").length;
  var who = {};
  ["patient", "bot"].forEach(function (role) {
    var seen = log.querySelector(".entry." + role + " .who");
    who[role] = seen ? seen.textContent : (role === "patient" ? form.dataset.you : form.dataset.bot);
  });

  function entry(item) {
    var role = item.role === "patient" ? "patient" : "bot";
    var box = document.createElement("div");
    box.className = "entry " + role;
    var heading = document.createElement("h2");
    heading.className = "who";
    heading.textContent = who[role];
    box.appendChild(heading);
    var list = null;
    (item.lines || []).forEach(function (line) {
      if (line.indexOf("- ") === 0) {
        if (!list) { list = document.createElement("ul"); box.appendChild(list); }
        var li = document.createElement("li");
        li.textContent = line.slice(2);
        list.appendChild(li);
        return;
      }
      list = null;
      var p = document.createElement("p");
      p.textContent = line;
      box.appendChild(p);
    });
    return box;
  }

  function showAlarm(alarm) {
    var box = document.getElementById("emergency");
    if (!box || !alarm) { return; }
    document.getElementById("alarm").textContent = alarm;
    box.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    var action = button ? button.value : "send";
    if (action !== "send") { return; }  // finishing and starting again reload the page
    event.preventDefault();
    if (!message.value.trim()) { message.focus(); return; }
    var body = new URLSearchParams(new FormData(form));
    body.set("action", "send");
    status.textContent = button.dataset.sending || "";
    button.disabled = true;
    fetch("/", { method: "POST", body: body, credentials: "same-origin",
                 headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.error) { status.textContent = answer.error; return; }
        (answer.log || []).slice(shown).forEach(function (item) { log.appendChild(entry(item)); });
        shown = (answer.log || []).length;
        showAlarm(answer.alarm);
        message.value = "";
        status.textContent = "";
        log.scrollTop = log.scrollHeight;
      })
      .catch(function () { form.submit(); })
      .finally(function () { button.disabled = false; message.focus(); });
  });
})();
