/**
 * The release report as one self-contained HTML page: inline CSS, inline SVG, no script and a
 * Content-Security-Policy that forbids every fetch, so it opens the same offline, from a mail
 * attachment or a file share. Pure: ReportData in, bytes out.
 */
import { stableJson } from "../json.ts"
import { esc, fmt, int, table, truncate } from "./html.ts"
import type { DocSummary, ReportData } from "./model.ts"
import { barChart, dagDiagram, lonLatScatter, timeSeries } from "./svg.ts"

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d8dde6;--accent:#2f6fb3;--ok:#1f7a3a;--bad:#b3261e;--bg:#fff;--panel:#f6f8fb}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
header{padding:20px 32px;border-bottom:1px solid var(--line);background:var(--panel)}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:var(--muted)}
nav{padding:8px 32px;border-bottom:1px solid var(--line);font-size:13px}
nav a{margin-right:14px;color:var(--accent);text-decoration:none}
main{padding:8px 32px 40px;max-width:1200px}
section{margin:26px 0}
h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--panel)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.empty{color:var(--muted);font-style:italic}
.note{color:var(--muted);font-size:13px}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}
.tile{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:130px;background:var(--panel)}
.tile b{display:block;font-size:22px}
.tile span{color:var(--muted);font-size:12px}
.ok{color:var(--ok);font-weight:600}
.bad{color:var(--bad);font-weight:600}
code,.ex{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.ex{display:block;color:#444;white-space:pre-wrap;word-break:break-word}
svg{max-width:100%;height:auto;display:block;margin:6px 0 12px}
svg .lbl,svg .val,svg .nodelbl{font:11px system-ui,sans-serif;fill:var(--fg)}
svg .val{fill:var(--muted)}
svg .bar{fill:var(--accent)}
svg .grid{stroke:#e3e8ef;stroke-width:1}
svg .axis{stroke:#9aa5b5;stroke-width:1}
svg .sea{fill:#f3f7fb;stroke:var(--line)}
svg .dot{fill:var(--accent);fill-opacity:.55;stroke:#1b4f86;stroke-width:.8}
svg .line{fill:none;stroke:var(--accent);stroke-width:2}
svg .node{fill:#eaf1fa;stroke:var(--accent)}
svg .edge{fill:none;stroke:#7d8aa0;stroke-width:1.3}
svg .arrowhead{fill:#7d8aa0}
pre{background:var(--panel);padding:10px;overflow:auto;font-size:12px}
`

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const tile = (label: string, value: number) => `<div class="tile"><b>${esc(int(value))}</b><span>${esc(label)}</span></div>`

const sections: ReadonlyArray<readonly [id: string, title: string]> = [
  ["documents", "Documents"],
  ["pipeline", "Pipeline"],
  ["boilerplate", "Boilerplate removed"],
  ["entities", "Entities"],
  ["places", "Places"],
  ["themes", "Themes"],
  ["tone", "Tone over time"],
  ["checks", "Data checks"]
]

const docTable = (docs: ReadonlyArray<DocSummary>) =>
  table(["title", "site", "published", "tone", "doc_id"], docs.map((x) => [
    x.title === null ? `<span class="empty">untitled</span>` : esc(truncate(x.title, 120)),
    esc(x.site),
    esc(x.published ?? ""),
    esc(fmt(x.tone, 2)),
    `<code>${esc(x.doc_id)}</code>`
  ]), [3])

export const renderReport = (d: ReportData): string => {
  const c = d.corpus
  const failed = d.checks.filter((x) => !x.ok).length
  const tablesFrom = (datasets: ReadonlyArray<string>) =>
    d.tables.filter((t) => datasets.includes(t.source)).map((t) => `${esc(t.name)}&nbsp;(${esc(int(t.parquetRows ?? 0))})`).join(", ")

  const body: Record<string, string> = {
    documents: [
      `<div class="tiles">${[
        tile("records read", c.records),
        tile("documents", c.documents),
        tile("kept (unique)", c.kept),
        tile("near-duplicates", c.nearDuplicates),
        tile("exact duplicates", c.exactDuplicates),
        tile("rejected", c.rejected)
      ].join("")}</div>`,
      `<p class="note">records read = documents + exact duplicates + rejected; documents = kept + near-duplicates. Near-duplicates stay in the documents table, flagged by <code>is_duplicate</code>.</p>`,
      barChart([
        { label: "kept", value: c.kept },
        { label: "near-duplicates", value: c.nearDuplicates },
        { label: "exact duplicates", value: c.exactDuplicates },
        { label: "rejected", value: c.rejected }
      ], { title: "fate of input records", labelWidth: 140 }),
      `<h3>Rejected records by reason</h3>`,
      table(["reason", "records"], d.rejectReasons.map((r) => [`<code>${esc(r.reason)}</code>`, esc(int(r.count))]), [1]),
      `<h3>Input files</h3>`,
      table(["file", "records", "documents", "duplicates", "rejected"], d.inputFiles.map((f) => [esc(f.source_uri), esc(int(f.records)), esc(int(f.documents)), esc(int(f.duplicates)), esc(int(f.rejected))]), [1, 2, 3, 4])
    ].join(""),
    pipeline: [
      dagDiagram(d.stages),
      `<p class="note">Stage times are facts about one run, not about the data, so they are kept out of the release (which is byte-identical for the same input and config): see <code>runs.ndjson</code> in the output folder (e.g. <code>output/runs.ndjson</code>).</p>`,
      table(
        ["stage", "version", "reads", "writes", "release tables built from its output (rows)"],
        d.stages.map((s) => [
          `<b>${esc(s.name)}</b>`,
          esc(s.version),
          esc(s.reads.join(", ")),
          esc(s.writes.join(", ")),
          tablesFrom(s.writes)
        ])
      ),
      `<h3>Tables</h3>`,
      table(["table", "built from", "rows (Parquet)", "rows (CSV)"], d.tables.map((t) => [`<code>${esc(t.name)}</code>`, esc(t.source), esc(t.parquetRows === null ? "–" : int(t.parquetRows)), esc(t.csvRows === null ? "–" : int(t.csvRows))]), [2, 3])
    ].join(""),
    boilerplate: [
      `<h3>Per site</h3>`,
      barChart(d.boilerplateBySite.slice(0, 30).map((s) => ({ label: s.site, value: s.lines, note: `${s.documents} documents` })), { title: "lines removed per site" }),
      table(["site", "documents", "lines removed", "characters removed"], d.boilerplateBySite.map((s) => [esc(s.site), esc(int(s.documents)), esc(int(s.lines)), esc(int(s.chars))]), [1, 2, 3]),
      `<h3>Per rule</h3>`,
      table(["rule", "action", "lines", "characters", "examples"], d.boilerplateByRule.map((r) => [
        `<code>${esc(r.rule)}</code>`,
        esc(r.action),
        esc(int(r.lines)),
        esc(int(r.chars)),
        r.examples.map((x) => `<span class="ex">${esc(truncate(x, 140))}</span>`).join("")
      ]), [2, 3])
    ].join(""),
    entities: [
      table(["type", "entities", "mentions"], d.entityTypes.map((t) => [esc(t.type), esc(int(t.entities)), esc(int(t.mentions))]), [1, 2]),
      `<h3>Most mentioned</h3>`,
      barChart(d.topEntities.map((e) => ({ label: `${e.canonical} (${e.type})`, value: e.mentions, note: `${e.documents} documents` })), { title: "most mentioned entities", labelWidth: 260 }),
      table(["entity", "type", "mentions", "documents"], d.topEntities.map((e) => [esc(e.canonical), esc(e.type), esc(int(e.mentions)), esc(int(e.documents))]), [2, 3])
    ].join(""),
    places: [
      lonLatScatter(d.places.map((p) => ({ label: p.name, lat: p.lat, lon: p.lon, weight: p.mentions })), { title: "places by longitude and latitude" }),
      `<p class="note">Equirectangular longitude/latitude scatter; dot area grows with mentions. ${esc(int(d.places.length))} place(s) with coordinates shown.</p>`,
      table(["place", "country", "latitude", "longitude", "mentions", "documents"], d.places.slice(0, 25).map((p) => [esc(p.name), esc(p.country ?? ""), esc(fmt(p.lat, 3)), esc(fmt(p.lon, 3)), esc(int(p.mentions)), esc(int(p.documents))]), [2, 3, 4, 5])
    ].join(""),
    themes: [
      barChart(d.themes.map((t) => ({ label: t.theme, value: t.documents })), { title: "documents per theme" }),
      `<p class="note">Documents per theme (near-duplicates not counted again).</p>`
    ].join(""),
    tone: [
      timeSeries(d.tone, { title: "average tone per publication day", unit: "tone" }),
      `<p class="note">Average document tone (positive minus negative, % of words) per UTC publication day. ${esc(int(d.undated))} document(s) without a publication date are not plotted.</p>`,
      table(["day", "documents", "average tone"], d.tone.map((t) => [esc(t.day), esc(int(t.count)), esc(fmt(t.value, 2))]), [1, 2]),
      `<h3>Most negative documents</h3>`,
      docTable(d.toneExtremes.negative),
      `<h3>Most positive documents</h3>`,
      docTable(d.toneExtremes.positive)
    ].join(""),
    checks: [
      `<p>${failed === 0 ? `<span class="ok">All ${d.checks.length} checks passed.</span>` : `<span class="bad">${failed} of ${d.checks.length} checks failed.</span>`}</p>`,
      table(["check", "result", "detail"], d.checks.map((x) => [esc(x.name), x.ok ? `<span class="ok">pass</span>` : `<span class="bad">FAIL</span>`, esc(x.detail)]))
    ].join("")
  }

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Broadsheet release report</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Broadsheet release report</h1><p>broadsheet ${esc(d.pipelineVersion)} · ${esc(int(c.records))} records read · ${esc(int(c.documents))} documents · ${failed === 0 ? "all data checks passed" : `${failed} data check(s) failed`}</p></header>
<nav>${sections.map(([id, title]) => `<a href="#${id}">${esc(title)}</a>`).join("")}</nav>
<main>
${sections.map(([id, title]) => `<section id="${id}"><h2>${esc(title)}</h2>${body[id]}</section>`).join("\n")}
<section id="config"><h2>Configuration</h2><details><summary>Effective data configuration</summary><pre>${esc(stableJson(d.config))}</pre></details></section>
</main>
</body>
</html>
`
}
