// Polls the status of a background job and updates its page (jobs/status.html).
// No inline script: the URL comes from the card's data-status-url attribute.
(function () {
  "use strict";
  var card = document.getElementById("pekerjaan");
  if (!card || card.dataset.aktif !== "1") {
    return;
  }
  var url = card.dataset.statusUrl;
  var bar = card.querySelector("progress");

  function field(name, value) {
    var el = card.querySelector('[data-field="' + name + '"]');
    if (el) {
      el.textContent = value;
    }
  }
  function show(name, visible) {
    var el = card.querySelector('[data-show="' + name + '"]');
    if (el) {
      el.classList.toggle("d-none", !visible);
    }
  }
  function link(name, href) {
    var el = card.querySelector('[data-link="' + name + '"]');
    if (el) {
      el.classList.toggle("d-none", !href);
      if (href) {
        el.href = href;
      }
    }
  }

  function update(data) {
    field("label", data.label);
    field("pesan", data.pesan);
    field("detik", String(data.detik));
    field("galat", data.galat);
    bar.value = data.progress;
    bar.textContent = data.progress + "%";
    // Only a waiting job needs a worker to start; a running one has it.
    show("pekerja-mati", !data.pekerja_aktif && data.status === "menunggu");
    var badge = card.querySelector('[data-field="label"]');
    badge.classList.toggle("text-bg-success", data.selesai);
    badge.classList.toggle("text-bg-danger", data.gagal);
    badge.classList.toggle("text-bg-secondary", !data.selesai && !data.gagal);
    show("gagal", data.gagal);
    show("selesai", data.selesai);
    link("unduh", data.unduh);
    link("tautan", data.tautan);
    return data.selesai || data.gagal;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (!update(data)) {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () {
        // A restart of the server or a network blip: try again a little later.
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
