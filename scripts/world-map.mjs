// Projects the Natural Earth countries of the npm package world-atlas (public domain) with the Equal Earth
// projection into SVG paths, one per ITU Member State, and writes samples/world-map.json. Run by
// scripts/world-map.sh; the application only colours the paths (no projection at run time, no JavaScript).
//
// usage: node scripts/world-map.mjs <node_modules> <itu-member-states.csv> <out.json>
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modules, membersCsv, out] = process.argv.slice(2);
const require = createRequire(path.resolve(modules, "noop.js"));
const topojson = require("topojson-client");
const atlas = require("world-atlas/countries-50m.json");
// (d3-geo is an ES module: imported below.)
const codes = require("cldr-core/supplemental/codeMappings.json").supplemental.codeMappings;

const { geoEqualEarth, geoPath } = await import(pathToFileURL(require.resolve("d3-geo")).href);

// Equal Earth (Šavrič, Patterson, Jenny 2018): equal-area, so no country looks larger than it is. d3-geo cuts the
// shapes that cross the antimeridian (Russia, Fiji, Kiribati) so none is drawn across the whole map.
const Width = 1000;
const projection = geoEqualEarth().fitWidth(Width, { type: "Sphere" });
const Height = Math.round(geoPath(projection).bounds({ type: "Sphere" })[1][1]);
const round = (v) => Math.round(v * 10) / 10;

// A path context that writes relative SVG commands, dropping points closer than Tolerance pixels to the last one
// kept: the map is drawn 1,000 pixels wide, where finer detail is invisible and only weighs on the page.
const Tolerance = 0.8;
class RelativePath {
  constructor() { this.parts = []; this.ring = []; }
  moveTo(x, y) { this.flush(); this.ring = [[round(x), round(y)]]; }
  lineTo(x, y) {
    const last = this.ring[this.ring.length - 1];
    if (Math.hypot(x - last[0], y - last[1]) >= Tolerance) this.ring.push([round(x), round(y)]);
  }
  closePath() { this.flush(); }
  arc() {}
  flush() {
    const points = this.ring;
    this.ring = [];
    if (points.length < 3) return;
    let d = `M${points[0][0]} ${points[0][1]}`;
    for (let i = 1; i < points.length; i++) d += `l${round(points[i][0] - points[i - 1][0])} ${round(points[i][1] - points[i - 1][1])}`;
    this.parts.push(d.replace(/ -/g, "-") + "z");
  }
  toString() { this.flush(); return this.parts.join(""); }
}
const pathOf = (geometry) => { const context = new RelativePath(); geoPath(projection, context)(geometry); return context.toString(); };
const project = (lonLat) => projection(lonLat).map(round);

// ISO 3166 numeric code of each Member State, through its alpha-2 code (CLDR's mapping; current codes only).
const members = readFileSync(membersCsv, "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
const numericOf = new Map(members.map(([iso3, iso2]) => [codes[iso2]?._numeric?.padStart(3, "0"), iso3]));

// Several shapes may carry one code (Australia and its Ashmore and Cartier Islands): they are drawn as one.
const features = topojson.feature(atlas, atlas.objects.countries).features;
// Land that is no Member State's (Antarctica, Greenland, territories) is drawn as one grey background shape.
const polygonsOf = new Map();
const otherLand = [];
for (const feature of features) {
  if (!feature.geometry) continue;
  const iso3 = numericOf.get(feature.id);
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  if (iso3) polygonsOf.set(iso3, [...(polygonsOf.get(iso3) ?? []), ...polygons]);
  else otherLand.push(...polygons);
}
// Each country: its path, the centre of its largest part (where its marker goes: Fiji and Russia cross the
// antimeridian, so their whole extent would put it mid-map), and whether it is too small to see or point at
// (under 4×4 pixels), in which case the map draws a marker there.
const MinimumArea = 16;
const countries = {};
for (const [iso3, polygons] of polygonsOf) {
  const d = pathOf({ type: "MultiPolygon", coordinates: polygons });
  let largest = null;
  for (const polygon of polygons) {
    const [[x0, y0], [x1, y1]] = geoPath(projection).bounds({ type: "Polygon", coordinates: polygon });
    const area = (x1 - x0) * (y1 - y0);
    if (!largest || area > largest.area) largest = { box: [x0, y0, x1, y1], area };
  }
  const centre = [round((largest.box[0] + largest.box[2]) / 2), round((largest.box[1] + largest.box[3]) / 2)];
  countries[iso3] = { d, centre, small: !d || largest.area < MinimumArea };
}

// Member States too small for the 1:50m data: a point where they are (their capital's longitude and latitude).
const points = { TUV: [179.2, -8.5] };
for (const [iso3, lonLat] of Object.entries(points)) {
  if (!countries[iso3]) countries[iso3] = { d: "", centre: project(lonLat), small: true };
}

const missing = members.map(([iso3]) => iso3).filter((iso3) => !countries[iso3]);
if (missing.length > 0) throw new Error("no shape for " + missing.join(", "));
const sorted = Object.fromEntries(Object.entries(countries).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(out, JSON.stringify({ source: "Natural Earth 1:50m via world-atlas 2.0.2 (public domain); Equal Earth projection", width: Width, height: Height,
  sphere: pathOf({ type: "Sphere" }), otherLand: pathOf({ type: "MultiPolygon", coordinates: otherLand }), countries: sorted }) + "\n");
console.log(`${Object.keys(sorted).length} Member States, ${Width}×${Height}, ${(JSON.stringify(sorted).length / 1024).toFixed(0)} KB`);
