// The monev form never loses typed input: warn before leaving a page with unsaved changes,
// show that there are some, and let any submit of the form (Simpan, Lanjut, Ajukan) through.
(function () {
  "use strict";
  var form = document.getElementById("monev-form");
  if (!form) { return; }
  var dirty = false;
  var marker = document.getElementById("monev-belum-disimpan");
  function markDirty() {
    if (dirty) { return; }
    dirty = true;
    if (marker) { marker.classList.remove("d-none"); }
  }
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to show their own warning
  });
})();
