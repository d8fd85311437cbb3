/* Template editor: click-to-insert placeholders and a live preview of the unsaved text.
   Output is written with textContent only: nothing from the server is parsed as HTML. */
(function () {
  "use strict";
  function field(name) { return document.getElementById("id_" + name); }

  function insertPlaceholder(name) {
    var editor = field("content");
    if (!editor) { return; }
    var token = "${" + name + "}";
    var start = editor.selectionStart, end = editor.selectionEnd;
    editor.value = editor.value.slice(0, start) + token + editor.value.slice(end);
    editor.focus();
    editor.selectionStart = editor.selectionEnd = start + token.length;
  }

  function fillList(list, items) {
    list.replaceChildren();
    items.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
    });
  }

  function preview(panel) {
    var data = new FormData();
    var savedScript = document.getElementById("preview-saved");
    var saved = savedScript ? JSON.parse(savedScript.textContent) : null;
    ["template_type", "content", "metadata", "state", "reason"].forEach(function (name) {
      var el = field(name);
      if (el) {
        data.append(name, el.value);
      } else if (saved && name in saved) {  // read-only page: preview the saved text
        data.append(name, name === "metadata" ? JSON.stringify(saved[name]) : saved[name]);
      }
    });
    data.append("sample", document.getElementById("preview-sample").value);
    data.append("item", document.getElementById("preview-item").value);
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var output = document.getElementById("preview-output");
    output.textContent = "Rendering…";
    fetch(panel.dataset.url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    }).then(function (response) { return response.json(); }).then(function (result) {
      document.getElementById("preview-source").textContent = result.source || "";
      fillList(document.getElementById("preview-problems"), result.problems || []);
      fillList(document.getElementById("preview-notes"), result.notes || []);
      output.textContent = result.text || "";
    }).catch(function () { output.textContent = "The preview could not be loaded."; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-placeholder]").forEach(function (el) {
      el.addEventListener("click", function () { insertPlaceholder(el.dataset.placeholder); });
    });
    var panel = document.getElementById("template-preview");
    var button = document.getElementById("preview-button");
    if (panel && button) { button.addEventListener("click", function () { preview(panel); }); }
  });
})();
