// The report forms' steps done in the page: a major category shows its minor ones, a suggestion
// tapped chooses its category, and suggestions follow the text as it is typed (POST to the API's
// categories/suggest/). Without this script each of those buttons is a plain submit that the server
// answers with the next step, keeping what was typed.
(function () {
  var form = document.querySelector("form[data-report-form]");
  if (!form) return;
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  var text = form.elements.description;
  var list = form.querySelector("[data-suggestions]");
  var chosenMajor = form.elements.chosen_major;
  var timer = null;
  var asked = "";

  function showMajor(id) {
    form.querySelectorAll("[data-major-group]").forEach(function (group) {
      group.hidden = group.dataset.majorGroup !== id;
      if (group.hidden) {
        group.querySelectorAll("input:checked").forEach(function (input) { input.checked = false; });
      }
    });
    form.querySelectorAll("button[name=major]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.value === id));
    });
    if (chosenMajor) chosenMajor.value = id;
  }

  function choose(code) {
    var radio = form.querySelector('input[name=category][data-code="' + CSS.escape(code) + '"]');
    var option = form.querySelector('select[name=category] option[data-code="' + CSS.escape(code) + '"]');
    if (radio) {
      showMajor(radio.dataset.major);
      radio.checked = true;
      radio.focus();
    } else if (option) {
      option.selected = true;
      option.parentNode.focus();
    }
  }

  function offered(code) {
    return form.querySelector('[name=category] [data-code="' + CSS.escape(code) + '"], input[name=category][data-code="' + CSS.escape(code) + '"]');
  }

  function show(suggestions) {
    var found = suggestions.filter(function (s) { return offered(s.code); }).slice(0, 3);
    list.replaceChildren();
    if (!found.length) return;
    var intro = document.createElement("p");
    intro.className = "muted";
    intro.textContent = list.dataset.intro;
    list.append(intro);
    found.forEach(function (s) {
      var button = document.createElement("button");
      button.type = "button";
      button.name = "pick";
      button.className = "button secondary";
      button.dataset.code = s.code;
      button.textContent = s.name;
      list.append(button);
    });
  }

  function suggest(shortest) {
    var words = text.value.trim();
    if (words.length < shortest || words === asked) return;
    asked = words;
    var body = { text: words };
    var place = form.dataset.place || (form.elements.place && form.elements.place.value);
    if (place) body.place = Number(place);
    fetch(form.dataset.suggestUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
      },
      body: JSON.stringify(body),
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && text.value.trim() === words) show(data.suggestions); })
      .catch(function () { asked = ""; });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=major], button[name=pick], button[name=suggest]");
    if (!button) return;
    event.preventDefault();
    if (button.name === "major") showMajor(button.value);
    else if (button.name === "pick") choose(button.dataset.code);
    else { asked = ""; suggest(1); }
  });

  if (text && list) {
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 600, 4);
    });
  }
})();
