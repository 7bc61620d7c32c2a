#!/bin/sh
# Vendor Yjs and the part of lib0 it imports into static/vendor/ (no build step, no import map):
# the ES module build of Yjs imports bare names ("lib0/array"); they are rewritten once, here, into
# relative paths to the copied lib0 files, so the browser loads them as they are.
# Usage: static/vendor/yjs/vendor.sh [yjs version] [lib0 version]   (run from the repository root)
set -eu
YJS=${1:-13.6.33}
LIB0=${2:-0.2.120}
OUT=static/vendor
TMP=$(mktemp -d)
(cd "$TMP" && npm pack --silent "yjs@$YJS" "lib0@$LIB0" >/dev/null && mkdir yjs lib0 &&
  tar xzf "yjs-$YJS.tgz" -C yjs --strip-components=1 && tar xzf "lib0-$LIB0.tgz" -C lib0 --strip-components=1)
rm -rf "$OUT/yjs" "$OUT/lib0"
mkdir -p "$OUT/yjs" "$OUT/lib0"
node - "$TMP" "$OUT" <<'JS'
const fs = require("fs"), path = require("path");
const [tmp, out] = process.argv.slice(2);
const lib0 = path.join(tmp, "lib0");
const exportsMap = require(path.join(lib0, "package.json")).exports;
// The browser's file for "lib0/<name>": the package's "browser" condition, else "module"/"import".
function browserFile(name) {
  const e = exportsMap["./" + name];
  const pick = (x) => typeof x === "string" ? x : x && (pick(x.browser) || x.module || x.import || pick(x.default));
  return pick(e).replace(/^\.\//, "");
}
const done = new Set();
function rewrite(code, fromDir) {
  return code.replace(/(from\s+|import\s*\(\s*|import\s+)(['"])lib0\/([\w/.-]+)\2/g, (m, kw, q, name) => {
    const file = browserFile(name);
    copy(file);
    let rel = path.relative(fromDir, path.join(out, "lib0", file)).split(path.sep).join("/");
    if (!rel.startsWith(".")) rel = "./" + rel;
    return `${kw}${q}${rel}${q}`;
  });
}
function copy(file) {
  if (done.has(file)) return;
  done.add(file);
  const src = path.join(lib0, file), dest = path.join(out, "lib0", file);
  let code = fs.readFileSync(src, "utf8");
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    copy(path.join(path.dirname(file), m[1]).split(path.sep).join("/"));
  }
  code = rewrite(code, path.dirname(dest));
  fs.writeFileSync(dest, code);
}
const yjs = fs.readFileSync(path.join(tmp, "yjs", "dist", "yjs.mjs"), "utf8");
fs.writeFileSync(path.join(out, "yjs", "yjs.mjs"), rewrite(yjs, path.join(out, "yjs")));
JS
cp "$TMP/yjs/LICENSE" "$OUT/yjs/LICENSE"
cp "$TMP/lib0/LICENSE" "$OUT/lib0/LICENSE"
echo "yjs $YJS (npm, MIT), ES module build dist/yjs.mjs with its lib0 imports made relative" > "$OUT/yjs/VERSION"
echo "lib0 $LIB0 (npm, MIT): the modules Yjs imports, browser builds" > "$OUT/lib0/VERSION"
rm -rf "$TMP"
