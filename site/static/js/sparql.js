// SPARQL in the browser: load the published N-Quads dump into an in-memory Oxigraph store.
const script = document.getElementById("sparql-script");
const status = document.getElementById("sparql-status");
const results = document.getElementById("sparql-results");
const queryBox = document.getElementById("query");
const examples = JSON.parse(document.getElementById("sparql-examples").textContent);

function say(text) { status.textContent = text; }

async function fetchDump(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error("không tải được " + url + " (HTTP " + response.status + ")");
  let bytes = new Uint8Array(await response.arrayBuffer());
  // The dump is gzipped; a server may already have decoded it (Content-Encoding), so look first.
  if (bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return new TextDecoder("utf-8").decode(bytes);
}

let storePromise = null;
function loadStore() {
  if (!storePromise) {
    storePromise = (async () => {
      say("Đang tải thư viện Oxigraph…");
      // import() resolves against this module, the data attribute against the page.
      const ox = await import(new URL(script.dataset.oxigraph, document.baseURI).href);
      await ox.default();
      say("Đang tải dữ liệu…");
      const text = await fetchDump(script.dataset.dump);
      const store = new ox.Store();
      store.load(text, { format: "application/n-quads" });
      say("Đã tải " + store.size + " bộ bốn.");
      return store;
    })();
  }
  return storePromise;
}

function cell(term) {
  const td = document.createElement("td");
  if (term === undefined || term === null) return td;
  td.textContent = term.termType === "Literal" && term.language ? term.value + " @" + term.language : term.value;
  return td;
}

function showRows(rows) {
  results.textContent = "";
  if (typeof rows === "boolean") { results.textContent = rows ? "true" : "false"; return; }
  if (!Array.isArray(rows)) { const pre = document.createElement("pre"); pre.textContent = String(rows); results.appendChild(pre); return; }
  const names = [];
  rows.forEach((row) => row.forEach((_, name) => { if (!names.includes(name)) names.push(name); }));
  const table = document.createElement("table");
  table.className = "results";
  const head = table.createTHead().insertRow();
  names.forEach((n) => { const th = document.createElement("th"); th.textContent = n; head.appendChild(th); });
  const body = table.createTBody();
  rows.forEach((row) => { const tr = body.insertRow(); names.forEach((n) => tr.appendChild(cell(row.get(n)))); });
  results.appendChild(table);
  say(rows.length + " dòng.");
}

async function run() {
  try {
    const store = await loadStore();
    say("Đang chạy…");
    const started = performance.now();
    const rows = store.query(queryBox.value, { use_default_graph_as_union: true });
    showRows(rows);
    say(status.textContent + " (" + Math.round(performance.now() - started) + " ms)");
  } catch (error) {
    results.textContent = "";
    say("Lỗi: " + (error && error.message ? error.message : String(error)));
  }
}

if (window.location.protocol !== "file:") {  // file:// is explained by sparql-file.js
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("example").addEventListener("change", (event) => {
    const ex = examples[Number(event.target.value)];
    if (!ex) return;
    queryBox.value = ex.query;
    document.getElementById("example-description").textContent = ex.description;
  });
}
