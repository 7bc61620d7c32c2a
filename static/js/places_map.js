// The neighbourhoods as a map: one SVG path per neighbourhood (d3-geo, vendored from npm, no build
// step: the page's import map names "d3-geo" and its dependency "d3-array"), filled with the colour
// the server chose for its indicator class, and the number of actions on it. The page embeds the data
// in <script type="application/json" id="places-map-data">; the same figures are in a table next to
// the map, so the drawing itself is hidden from screen readers.
import { geoMercator, geoPath } from "d3-geo";
import { tn } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function drawMap(container, data, { width = 640, height = 480 } = {}) {
  const collection = { type: "FeatureCollection", features: data.features };
  const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], collection);
  const path = geoPath(projection);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", class: "map", focusable: "false" });
  const shapes = el("g", { class: "shapes" });
  const marks = el("g", { class: "marks" });
  for (const feature of data.features) {
    const name = feature.properties.neighbourhood;
    const count = data.counts[name] ?? 0;
    const value = data.values[name];
    const shape = el("path", { d: path(feature), fill: data.colours[name] || "#d9d9d9", "data-neighbourhood": name });
    const label = `${name}: ${value === undefined ? "–" : value}${data.unit ? " " + data.unit : ""}, ` +
      tn("%(num)d action", "%(num)d actions", count);
    shape.append(el("title", {}, label));
    shapes.append(shape);
    const [x, y] = path.centroid(feature);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      const mark = el("g", { class: "count", transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, "data-neighbourhood": name });
      mark.append(el("circle", { r: 16 }), el("text", { "text-anchor": "middle", dy: "0.35em" }, String(count)));
      marks.append(mark);
    }
  }
  svg.append(shapes, marks);
  container.replaceChildren(svg);
  return svg;
}

const holder = document.getElementById("places-map");
const source = document.getElementById("places-map-data");
if (holder && source) drawMap(holder, JSON.parse(source.textContent));
