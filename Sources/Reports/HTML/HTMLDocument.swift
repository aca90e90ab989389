import Foundation

extension RunReport {
    /// The name of the HTML report in a run's output folder.
    public static let htmlFileName = "report.html"

    /// The whole run as one self-contained HTML page: inline SVG charts and CSS,
    /// no script, no external resource, so it opens offline in any browser and
    /// prints on A4.
    ///
    /// Built from this report's values (the same ones the CSV writers read), not
    /// from CSV text, so the page and the files cannot drift apart. The same
    /// report and context always give the same bytes.
    public func html(context: ReportContext) -> String {
        let groups = self.algorithmGroups
        let destinations = self.destinations
        let duration = SVGTimeline.duration(context: context, groups: groups)
        let yTop = groups.map(SVGTimeline.maximum).max() ?? 0
        let e = HTMLText.escape

        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="dispatchlab">
            <title>\(e(context.scenario)) — DispatchLab report</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>

            """
        html += "<header>\n<h1>\(e(context.scenario))</h1>\n<dl class=\"facts\">\n"
        let facts: [(String, String)] = [
            ("seed", String(context.seed)),
            ("replications", "\(context.replications) per algorithm"),
            ("duration", HTMLText.clock(context.durationSeconds) + (context.warmupSeconds > 0 ? " (warm-up \(HTMLText.clock(context.warmupSeconds)), not counted)" : "")),
            ("algorithms", groups.map(\.algorithm).joined(separator: ", ")),
            ("destinations", destinations.joined(separator: ", ")),
            ("faults", context.faults.isEmpty ? "none" : context.faults.map { "\($0.destination) \($0.kind) \(HTMLText.clock($0.start))–\(HTMLText.clock($0.end))" }.joined(separator: "; ")),
        ]
        for (term, value) in facts { html += "<dt>\(e(term))</dt><dd>\(e(value))</dd>\n" }
        html += "</dl>\n<p class=\"command\">Reproduce: <code>\(e(context.commandLine))</code></p>\n</header>\n"

        html += "<section class=\"comparison\">\n<h2>Comparison</h2>\n<div class=\"grid\">\n"
        for chart in SVGBarChart.charts(groups) { html += "<figure>\n\(chart)</figure>\n" }
        html += "</div>\n</section>\n"

        html += "<section class=\"timelines\">\n<h2>Timelines</h2>\n"
        html += "<p class=\"note\">Active calls per destination over the run (mean across replications at each report instant). Shaded: warm-up (light) and fault windows (hatched, named). Bands under each plot: the core's health state most replications had — A active, T trying, I inactive, D disabled.</p>\n"
        for group in groups {
            html += "<figure>\n" + SVGTimeline.chart(group, destinations: destinations, context: context, duration: duration, yTop: yTop) + "</figure>\n"
        }
        html += "</section>\n"

        html += "<section class=\"shares\">\n<h2>Share of answered calls</h2>\n<figure>\n"
        html += SVGShareChart.chart(groups, destinations: destinations)
        html += "</figure>\n</section>\n"

        html += "<section class=\"table\">\n<h2>Summary</h2>\n" + SummaryTableHTML.table(groups) + "</section>\n"
        html += "<footer>Figures count calls that arrived after the warm-up. Column meanings: docs/reports.md. Data: summary.csv, destinations.csv, timeseries.csv, events.csv in this folder.</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// Writes `report.html` into `directory` (created if missing), replacing it.
    public func writeHTML(to directory: String, context: ReportContext) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportFileError(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        let path = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(Self.htmlFileName).path
        do {
            try Data(self.html(context: context).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportFileError(path: path, reason: "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// Screen and print styles. Widths fit A4 portrait (charts are at most 720 px,
    /// about 190 mm); a chart or the table never breaks across pages; fills use
    /// light tints and hatches that stay apart in grey.
    static let css = """
        :root { color-scheme: light; }
        body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #111; background: #fff; max-width: 760px; margin: 16px auto; padding: 0 12px; }
        h1 { font-size: 20px; margin: 0 0 6px; }
        h2 { font-size: 15px; margin: 18px 0 6px; border-bottom: 1px solid #999; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        .command code { font: 11px/1.3 ui-monospace, "SF Mono", Menlo, Consolas, monospace; background: #f3f3f3; padding: 1px 4px; word-break: break-all; }
        .grid { display: grid; grid-template-columns: repeat(2, 360px); gap: 4px 12px; }
        figure { margin: 0 0 8px; break-inside: avoid; page-break-inside: avoid; }
        svg { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg .title { font-size: 12px; font-weight: 700; fill: #111; }
        svg .unit, svg .tick, svg .note { font-size: 9.5px; fill: #444; }
        svg .label, svg .value, svg .legend { font-size: 10.5px; fill: #111; }
        svg .band-label { font-size: 8.5px; fill: #111; }
        svg .axis { stroke: #111; stroke-width: 1; }
        svg .grid { stroke: #ccc; stroke-width: 0.6; }
        svg .bar { fill: #6f8fb0; stroke: #1f3f60; stroke-width: 0.8; }
        svg .whisker { stroke: #111; stroke-width: 1.2; }
        svg .series { fill: none; stroke-width: 1.6; }
        svg .warmup { fill: #eeeeee; }
        svg .fault { fill: #d9d9d9; fill-opacity: 0.55; stroke: #555; stroke-width: 0.8; stroke-dasharray: 3 2; }
        svg .fault-label { font-size: 9.5px; font-weight: 700; fill: #222; }
        svg .state { stroke: #fff; stroke-width: 0.3; }
        svg .state-A { fill: #e3f1e3; }
        svg .state-T { fill: #f2c14e; }
        svg .state-I { fill: #8b1e1e; }
        svg .state-D { fill: #222; }
        svg .state-letter { font-size: 8px; font-weight: 700; fill: #111; }
        svg .state-letter-I, svg .state-letter-D { fill: #fff; }
        svg .share-bar { stroke: #111; stroke-width: 0.6; }
        svg .legend-swatch { stroke: #111; stroke-width: 0.6; }
        svg .target { stroke: #000; stroke-width: 2.2; stroke-dasharray: 4 1.5; fill: none; }
        table.summary { border-collapse: collapse; font-size: 10px; line-height: 1.2; width: 100%; break-inside: avoid; page-break-inside: avoid; font-variant-numeric: tabular-nums; }
        table.summary th, table.summary td { border: 1px solid #bbb; padding: 2px 4px; text-align: right; white-space: nowrap; }
        table.summary th[scope=row], table.summary thead th:first-child { text-align: left; }
        table.summary thead th { background: #eee; white-space: normal; }
        table.summary td.best { background: #e6eef7; }
        .ci { color: #555; font-size: 9px; }
        p.note, footer { font-size: 11px; color: #444; }
        @page { size: A4 portrait; margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          table.summary { font-size: 8.5px; }
          .ci { font-size: 7.5px; }
          table.summary td.best { background: none; }
        }
        """
}
