// Client-side search over labels and alternative labels, accent-insensitive.
// fold() mirrors thidua.text.fold: NFC, lower case, đ -> d, drop combining marks, punctuation -> space.
(function () {
  "use strict";

  function fold(text) {
    var s = text.normalize("NFC").toLowerCase().replace(/đ/g, "d");
    s = s.normalize("NFD").replace(/\p{M}/gu, "");
    return s.replace(/[^\p{L}\p{N}_]+/gu, " ").trim();
  }

  // Entries: [label, kind label, root-relative path, folded keys separated by "\n"].
  function search(index, query, limit) {
    var q = fold(query);
    if (!q) return [];
    var words = q.split(" ");
    var found = [];
    for (var i = 0; i < index.length; i++) {
      var keys = index[i][3];
      var all = true;
      for (var w = 0; w < words.length && all; w++) all = keys.indexOf(words[w]) !== -1;
      if (!all) continue;
      var rank = keys.indexOf(q) === 0 || keys.indexOf("\n" + q) !== -1 ? 0 : keys.indexOf(q) !== -1 ? 1 : 2;
      found.push([rank, index[i][0].length, i]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return found.slice(0, limit).map(function (f) { return index[f[2]]; });
  }

  function show(results, query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    list.textContent = "";
    results.forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = entry[2];            // search.html sits at the site root: paths are root-relative
      a.textContent = entry[0];     // textContent: labels from articles are never parsed as HTML
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = entry[1];
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    status.textContent = query ? results.length + " kết quả cho “" + query + "”" : "";
  }

  window.thiduaFold = fold;
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("search-input");
    if (!input) return;
    var index = window.THIDUA_SEARCH || [];
    var params = new URLSearchParams(window.location.search);
    var run = function () { show(search(index, input.value, 100), input.value); };
    if (params.get("q")) input.value = params.get("q");
    input.addEventListener("input", run);
    document.getElementById("search-form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    run();
  });
})();
