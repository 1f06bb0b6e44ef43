// A classic script (module scripts do not run from file:// at all): say why nothing will load.
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;
  document.addEventListener("DOMContentLoaded", function () {
    var warning = document.getElementById("file-warning");
    if (warning) warning.hidden = false;
    var status = document.getElementById("sparql-status");
    if (status) status.textContent = "Không thể tải dữ liệu từ file://.";
  });
})();
