// Drag-and-drop upload with a progress bar for the bukti fisik page (plain JS, no library).
// Without JavaScript the form posts normally; with it, files are sent by XMLHttpRequest (the
// only browser API that reports upload progress) and the server answers JSON.
(function () {
  "use strict";
  var form = document.getElementById("form-unggah");
  if (!form) return;
  var input = document.getElementById("id_berkas");
  var zone = document.getElementById("drop-zone");
  var list = document.getElementById("daftar-berkas");
  var bar = document.getElementById("progres");
  var fill = bar.querySelector(".progress-bar");
  var box = document.getElementById("pesan-unggah");
  var revisiInfo = document.getElementById("revisi-info");
  var revisiField = form.querySelector("input[name=revisi_dari]");
  var periodeField = form.querySelector("[name=periode]");
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  var maxFiles = parseInt(form.dataset.maxFiles, 10);
  var chosen = [];

  function size(n) {
    if (n >= 1048576) return (n / 1048576).toFixed(1).replace(".", ",") + " MB";
    if (n >= 1024) return Math.round(n / 1024) + " KB";
    return n + " bait";
  }

  function show(kind, lines) {
    box.className = "alert alert-" + kind;
    box.replaceChildren();
    if (lines.length === 1) {
      box.textContent = lines[0];
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "mb-0";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;  // textContent: server messages quote user file names
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function render() {
    list.replaceChildren();
    chosen.forEach(function (file, i) {
      var li = document.createElement("li");
      li.textContent = file.name + " (" + size(file.size) + ") ";
      if (file.size > maxBytes) {
        li.className = "text-danger";
        li.textContent += "— melebihi batas " + size(maxBytes) + " ";
      }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-link btn-sm p-0 ms-2 align-baseline";
      remove.textContent = "Hapus";
      remove.setAttribute("aria-label", "Hapus " + file.name + " dari daftar");
      remove.addEventListener("click", function () {
        chosen.splice(i, 1);
        render();
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (f) { chosen.push(f); });
    render();
  }

  input.addEventListener("change", function () { add(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) {
      e.preventDefault();
      zone.classList.add("border-primary");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (e) {
      e.preventDefault();
      zone.classList.remove("border-primary");
    });
  });
  zone.addEventListener("drop", function (e) { add(e.dataTransfer.files); });

  document.querySelectorAll("[data-revisi-dari]").forEach(function (button) {
    button.addEventListener("click", function () {
      revisiField.value = button.dataset.revisiDari;
      if (periodeField) periodeField.value = button.dataset.revisiPeriode;
      revisiInfo.querySelector("span").textContent =
        "Mengunggah revisi baru untuk “" + button.dataset.revisiNama + "” (pilih satu berkas).";
      revisiInfo.classList.remove("d-none");
      form.scrollIntoView({ behavior: "smooth" });
    });
  });
  document.getElementById("revisi-batal").addEventListener("click", function () {
    revisiField.value = "";
    revisiInfo.classList.add("d-none");
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var problems = [];
    if (!chosen.length) problems.push("Pilih minimal satu berkas untuk diunggah.");
    if (chosen.length > maxFiles) problems.push("Paling banyak " + maxFiles + " berkas sekali unggah.");
    chosen.forEach(function (f) {
      if (f.size > maxBytes) problems.push("“" + f.name + "” melebihi batas " + size(maxBytes) + ".");
      if (f.size === 0) problems.push("“" + f.name + "” kosong (0 bait).");
    });
    if (problems.length) { show("danger", problems); return; }

    var data = new FormData(form);
    data.delete("berkas");
    chosen.forEach(function (f) { data.append("berkas", f, f.name); });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (ev) {
      if (!ev.lengthComputable) return;
      var pct = Math.round((ev.loaded / ev.total) * 100);
      fill.style.width = pct + "%";
      fill.textContent = pct + "%";
      bar.setAttribute("aria-valuenow", pct);
    });
    xhr.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = null; }
      if (xhr.status === 200 && answer && answer.ok) {
        show("success", [answer.pesan]);
        window.location.assign(answer.redirect);
      } else if (answer && answer.errors) {
        show("danger", answer.errors);
      } else if (xhr.status === 403) {
        show("danger", ["Anda tidak memiliki hak untuk mengunggah bukti ini, atau sesi telah berakhir."]);
      } else {
        show("danger", ["Unggahan gagal (kode " + xhr.status + "). Tidak ada berkas yang disimpan."]);
      }
      bar.classList.add("d-none");
      form.querySelector("button[type=submit]").disabled = false;
    });
    xhr.addEventListener("error", function () {
      show("danger", ["Koneksi terputus saat mengunggah. Tidak ada berkas yang disimpan; coba lagi."]);
      bar.classList.add("d-none");
      form.querySelector("button[type=submit]").disabled = false;
    });
    fill.style.width = "0%";
    fill.textContent = "0%";
    bar.classList.remove("d-none");
    box.className = "alert d-none";
    form.querySelector("button[type=submit]").disabled = true;
    xhr.send(data);
  });
})();
