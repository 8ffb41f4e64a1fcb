/**
 * Inline SVG charts for the release report: pure functions from data to markup, no script,
 * fixed number formatting, so the same data always gives the same bytes.
 */
import { byString, esc, fmt, int, truncate } from "./html.ts"

const n2 = (x: number) => fmt(x, 1)

export interface Bar {
  readonly label: string
  readonly value: number
  readonly note?: string
}

/** Horizontal bar chart, largest first as given. */
export const barChart = (bars: ReadonlyArray<Bar>, opts: { readonly title: string; readonly width?: number; readonly labelWidth?: number }): string => {
  if (bars.length === 0) return `<p class="empty">No data for ${esc(opts.title)}.</p>`
  const width = opts.width ?? 720
  const labelW = opts.labelWidth ?? 220
  const rowH = 22
  const max = Math.max(...bars.map((b) => b.value), 1)
  const plotW = width - labelW - 70
  const h = bars.length * rowH + 10
  const rows = bars.map((b, i) => {
    const y = 5 + i * rowH
    const w = Math.max(1, (b.value / max) * plotW)
    return `<g><title>${esc(`${b.label}: ${b.value}${b.note ? ` (${b.note})` : ""}`)}</title>`
      + `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" class="lbl">${esc(truncate(b.label, 34))}</text>`
      + `<rect x="${labelW}" y="${y + 3}" width="${n2(w)}" height="${rowH - 6}" class="bar"/>`
      + `<text x="${n2(labelW + w + 4)}" y="${y + 15}" class="val">${esc(Number.isInteger(b.value) ? int(b.value) : fmt(b.value, 2))}</text></g>`
  })
  return `<svg role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}">${rows.join("")}</svg>`
}

export interface Point {
  readonly label: string
  readonly lon: number
  readonly lat: number
  readonly weight: number
}

/** Equirectangular lon/lat scatter with a 30° graticule; dot area grows with weight. */
export const lonLatScatter = (points: ReadonlyArray<Point>, opts: { readonly title: string; readonly labelTop?: number }): string => {
  if (points.length === 0) return `<p class="empty">No places with coordinates.</p>`
  const W = 720
  const H = 360
  const x = (lon: number) => ((lon + 180) / 360) * W
  const y = (lat: number) => ((90 - lat) / 180) * H
  const grid: Array<string> = []
  for (let lon = -180; lon <= 180; lon += 30) grid.push(`<line x1="${n2(x(lon))}" y1="0" x2="${n2(x(lon))}" y2="${H}" class="grid"/>`)
  for (let lat = -90; lat <= 90; lat += 30) grid.push(`<line x1="0" y1="${n2(y(lat))}" x2="${W}" y2="${n2(y(lat))}" class="grid"/>`)
  grid.push(`<line x1="0" y1="${n2(y(0))}" x2="${W}" y2="${n2(y(0))}" class="axis"/>`, `<line x1="${n2(x(0))}" y1="0" x2="${n2(x(0))}" y2="${H}" class="axis"/>`)
  const maxW = Math.max(...points.map((p) => p.weight), 1)
  // Largest drawn first so small dots stay visible on top.
  const sorted = [...points].sort((a, b) => b.weight - a.weight || byString(a.label, b.label))
  const dots = sorted.map((p) => {
    const r = 3 + 9 * Math.sqrt(p.weight / maxW)
    return `<circle cx="${n2(x(p.lon))}" cy="${n2(y(p.lat))}" r="${n2(r)}" class="dot"><title>${esc(`${p.label} (${fmt(p.lat, 2)}, ${fmt(p.lon, 2)}): ${p.weight}`)}</title></circle>`
  })
  const labels = sorted.slice(0, opts.labelTop ?? 12).map((p) =>
    `<text x="${n2(x(p.lon) + 6)}" y="${n2(y(p.lat) - 6)}" class="lbl">${esc(truncate(p.label, 24))}</text>`
  )
  return `<svg role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" class="map"><rect x="0" y="0" width="${W}" height="${H}" class="sea"/>${grid.join("")}${dots.join("")}${labels.join("")}</svg>`
}

export interface SeriesPoint {
  /** ISO day, YYYY-MM-DD. */
  readonly day: string
  readonly value: number
  readonly count: number
}

const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000)

/** Values over days on a true time axis (gaps stay gaps), with a zero line. */
export const timeSeries = (points: ReadonlyArray<SeriesPoint>, opts: { readonly title: string; readonly unit: string }): string => {
  if (points.length === 0) return `<p class="empty">No documents with a publication date.</p>`
  const W = 720
  const H = 260
  const L = 50
  const R = 20
  const T = 15
  const B = 40
  const days = points.map((p) => dayNumber(p.day))
  const d0 = Math.min(...days)
  const d1 = Math.max(...days)
  const vals = points.map((p) => p.value)
  const lo = Math.min(0, ...vals)
  const hi = Math.max(0, ...vals)
  const span = hi - lo || 1
  const x = (d: number) => L + (d1 === d0 ? (W - L - R) / 2 : ((d - d0) / (d1 - d0)) * (W - L - R))
  const y = (v: number) => T + ((hi - v) / span) * (H - T - B)
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${n2(x(days[i]!))},${n2(y(p.value))}`).join(" ")
  const dots = points.map((p, i) =>
    `<circle cx="${n2(x(days[i]!))}" cy="${n2(y(p.value))}" r="3.5" class="dot"><title>${esc(`${p.day}: ${fmt(p.value, 2)} ${opts.unit} (${p.count} documents)`)}</title></circle>`
  )
  const axis = [
    `<line x1="${L}" y1="${n2(y(0))}" x2="${W - R}" y2="${n2(y(0))}" class="axis"/>`,
    `<text x="${L - 6}" y="${n2(y(hi) + 4)}" text-anchor="end" class="val">${esc(fmt(hi, 2))}</text>`,
    `<text x="${L - 6}" y="${n2(y(lo) + 4)}" text-anchor="end" class="val">${esc(fmt(lo, 2))}</text>`,
    `<text x="${L}" y="${H - 12}" class="val">${esc(points[0]!.day)}</text>`,
    `<text x="${W - R}" y="${H - 12}" text-anchor="end" class="val">${esc(points.at(-1)!.day)}</text>`
  ]
  return `<svg role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${axis.join("")}<path d="${path}" class="line"/>${dots.join("")}</svg>`
}

export interface DagNode {
  readonly name: string
  readonly reads: ReadonlyArray<string>
  readonly writes: ReadonlyArray<string>
}

/** The stage DAG, left to right by longest path from the sources; edges carry dataset names as tooltips. */
export const dagDiagram = (nodes: ReadonlyArray<DagNode>): string => {
  if (nodes.length === 0) return `<p class="empty">No stages.</p>`
  const producer = new Map<string, string>()
  for (const n of nodes) for (const w of n.writes) producer.set(w, n.name)
  const ups = new Map(nodes.map((n) => [n.name, [...new Set(n.reads.map((r) => producer.get(r)).filter((p): p is string => p !== undefined))].sort(byString)] as const))
  const depth = new Map<string, number>()
  const depthOf = (name: string, seen: ReadonlySet<string> = new Set()): number => {
    const known = depth.get(name)
    if (known !== undefined) return known
    if (seen.has(name)) return 0 // a cycle cannot be planned anyway; do not loop
    const d = Math.max(-1, ...(ups.get(name) ?? []).map((u) => depthOf(u, new Set([...seen, name])))) + 1
    depth.set(name, d)
    return d
  }
  const layers: Array<Array<string>> = []
  for (const n of [...nodes].sort((a, b) => byString(a.name, b.name))) (layers[depthOf(n.name)] ??= []).push(n.name)
  const boxW = 120
  const boxH = 34
  const gapX = 36
  const gapY = 18
  const rows = Math.max(...layers.map((l) => l?.length ?? 0))
  const W = layers.length * (boxW + gapX) - gapX + 20
  const H = rows * (boxH + gapY) - gapY + 20
  const pos = new Map<string, { x: number; y: number }>()
  layers.forEach((layer, i) => {
    const offset = ((rows - layer.length) * (boxH + gapY)) / 2
    layer.forEach((name, j) => pos.set(name, { x: 10 + i * (boxW + gapX), y: 10 + offset + j * (boxH + gapY) }))
  })
  const edges: Array<string> = []
  for (const n of [...nodes].sort((a, b) => byString(a.name, b.name))) {
    for (const u of ups.get(n.name) ?? []) {
      const a = pos.get(u)!
      const b = pos.get(n.name)!
      const datasets = n.reads.filter((r) => producer.get(r) === u).sort(byString).join(", ")
      edges.push(`<path d="M${n2(a.x + boxW)},${n2(a.y + boxH / 2)} C${n2(a.x + boxW + gapX / 2)},${n2(a.y + boxH / 2)} ${n2(b.x - gapX / 2)},${n2(b.y + boxH / 2)} ${n2(b.x)},${n2(b.y + boxH / 2)}" class="edge" marker-end="url(#arrow)"><title>${esc(`${u} → ${n.name}: ${datasets}`)}</title></path>`)
    }
  }
  const boxes = [...pos.entries()].sort(([a], [b]) => byString(a, b)).map(([name, p]) =>
    `<g><title>${esc(name)}</title><rect x="${n2(p.x)}" y="${n2(p.y)}" width="${boxW}" height="${boxH}" rx="6" class="node"/><text x="${n2(p.x + boxW / 2)}" y="${n2(p.y + boxH / 2 + 4)}" text-anchor="middle" class="nodelbl">${esc(truncate(name, 17))}</text></g>`
  )
  return `<svg role="img" aria-label="pipeline DAG" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>${edges.join("")}${boxes.join("")}</svg>`
}
