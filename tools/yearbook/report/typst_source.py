"""Document to Typst source, purely. Every piece of record text becomes a Typst *string literal* (only `\\`
and `"` escaped), never markup, so `#`, `$`, `*`, `<`, `@` or Typst code in a record is printed, not run.

The template sets the GB/T 9704 page: A4, margins 37/35/28/26 mm, 16 pt type on a 22-line pitch with
fixed line boxes (so every full page holds exactly 22 lines), tracking so that 28 characters fill the
156 mm line, and page numbers "— N —" 7 mm below the type area, odd pages right and even pages left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yearbook.report import layout_spec as L
from yearbook.report.document import Document, Heading, Line, PageBreak, Paragraph, Signature, Span, Table
from yearbook.report.reference_docx import TABLE_PT


def literal(text: str) -> str:
    """A Typst string literal holding exactly `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _fonts(chain: Sequence[str]) -> str:
    return "(" + ", ".join(literal(name) for name in chain) + ",)"


def _spans(spans: tuple[Span, ...]) -> str:
    return ", ".join(f"({literal(span.kind)}, {literal(span.text)})" for span in spans)


TEMPLATE = """\
#let pitch = {line_pitch}pt
#let cell = {char_pitch}pt
#let body-size = {body}pt
#let fonts = (
  title: {title_fonts},
  body: {body_fonts},
  hei: {hei_fonts},
  kai: {kai_fonts},
  song: {song_fonts},
)
#set document(title: {title}, author: (), date: none)
#set page(
  width: {page_w}mm, height: {page_h}mm,
  margin: (top: {top}mm, bottom: {bottom}mm, left: {left}mm, right: {right}mm),
  footer-descent: {folio_gap}mm,
  footer: context {{
    let n = counter(page).get().first()
    let folio = text(font: fonts.song, size: {folio}pt, tracking: 0pt)[— #n —]
    if calc.odd(n) {{ align(right, pad(right: {folio}pt, folio)) }} else {{ align(left, pad(left: {folio}pt, folio)) }}
  }},
)
// A fixed 1 em line box and a fixed gap give every line the same pitch, whatever the font's metrics.
#set text(font: fonts.body, size: body-size, lang: "zh", region: "cn", tracking: cell - body-size,
  top-edge: 0.88em, bottom-edge: -0.12em, cjk-latin-spacing: none, hyphenate: false, overhang: false)
#set par(justify: true, linebreaks: "simple", first-line-indent: (amount: 2 * cell, all: true), leading: pitch - body-size, spacing: pitch - body-size)
#set strong(delta: 300)
// Full-width punctuation keeps its whole cell (no compression at line ends or between marks), so every
// full line holds exactly 28 cells; word joiners keep closing marks off line starts and opening marks off
// line ends.
// The glyph before an inline box loses its tracking, so the box gives that back: 2 cells less one em.
// Opening marks sit at the right of their cell and closing marks at the left, next to the text they
// belong to, whether the font draws them full-width or (quotes, often) narrow.
#let punct(side, it) = box(width: 2 * cell - body-size, align(side, text(tracking: 0pt, it)))
#show regex("[、，。．：；！？）】》」』”’〉〕]"): it => sym.wj + punct(left, it)
#show regex("[（【《「『“‘〈〔]"): it => punct(right, it) + sym.wj
#let runs(spans) = spans.map(((kind, body)) => {{
  if kind == "lead" {{ strong(body) }} else if kind == "blank" {{ highlight(fill: rgb("#fff200"), body) }} else {{ body }}
}}).join()
#let yb-title(..lines) = {{
  set par(first-line-indent: 0pt, justify: false, leading: 0.6em)
  align(center, text(font: fonts.title, size: {title_size}pt, tracking: 0pt, lines.pos().map(runs).join(linebreak())))
  v(pitch - body-size)
}}
#let heading-fonts = (fonts.hei, fonts.kai, fonts.body, fonts.body)
#let yb-heading(level, number, ..spans) = par(text(font: heading-fonts.at(calc.min(level, 4) - 1), number + runs(spans.pos())))
#let yb-par(..spans) = par(runs(spans.pos()))
#let yb-centred(..spans) = align(center, par(first-line-indent: 0pt, justify: false, runs(spans.pos())))
#let yb-line(indent, ..spans) = par(first-line-indent: 0pt, justify: false, h(indent * cell) + runs(spans.pos()))
// An attachment's page: “附件1” in hei flush left on the first line, its title centred on the third.
#let yb-attachment-label(..spans) = par(first-line-indent: 0pt, justify: false, text(font: fonts.hei, runs(spans.pos())))
#let yb-attachment-title(..spans) = {{
  v(pitch)
  set par(first-line-indent: 0pt, justify: false, leading: 0.6em)
  align(center, text(font: fonts.title, size: {title_size}pt, tracking: 0pt, runs(spans.pos())))
  v(pitch - body-size)
}}
// A run-in heading: the heading in its level's font, then the first paragraph on the same line.
#let yb-runin(level, number, heading, body) = par(text(font: heading-fonts.at(calc.min(level, 4) - 1), number + runs(heading)) + runs(body))
// A table: caption in hei, centred; cells 12 pt on 18 pt lines, merged by colspan/rowspan, ruled all round.
#let yb-table(caption, widths, header-rows, rows) = {{
  if caption.len() > 0 {{ align(center, par(first-line-indent: 0pt, justify: false, text(font: fonts.hei, runs(caption)))) }}
  let cells = rows.map(row => row.map(((colspan, rowspan, side, spans)) => table.cell(
    colspan: colspan, rowspan: rowspan, align: (if side == "left" {{ left }} else {{ center }}) + horizon, runs(spans))))
  {{
    set par(first-line-indent: 0pt, justify: false, leading: 18pt - {table_size}pt, spacing: 18pt - {table_size}pt)
    set text(size: {table_size}pt, tracking: 0pt)
    let head = cells.slice(0, header-rows).flatten()
    let body = cells.slice(header-rows).flatten()
    table(columns: widths.map(w => w * 1fr), stroke: 0.5pt + black, inset: (x: 4pt, y: 5pt),
      ..(if head.len() > 0 {{ (table.header(..head),) }} else {{ () }}), ..body)
  }}
  v(pitch - body-size)
}}
"""


_LINE_MACROS = {"doc-number": "yb-centred", "attachment-label": "yb-attachment-label", "attachment-title": "yb-attachment-title"}


def _tuple(spans: tuple[Span, ...]) -> str:
    return f"({_spans(spans)},)" if spans else "()"


def _table(table: Table) -> str:
    rows = ", ".join("(" + "".join(f"({c.colspan}, {c.rowspan}, {literal(c.align)}, {_tuple(c.spans)}), " for c in row) + ")" for row in table.rows)
    widths = ", ".join(repr(round(w, 6)) for w in table.widths)
    return f"#yb-table({_tuple(table.caption)}, ({widths},), {table.header_rows}, ({rows},))"


def to_typst(document: Document, fonts: Mapping[str, Sequence[str]]) -> str:
    """The whole Typst source of the document, given each role's font chain."""
    head = TEMPLATE.format(
        line_pitch=round(L.LINE_PITCH_PT, 4),
        char_pitch=round(L.CHAR_PITCH_PT, 4),
        body=L.BODY_PT,
        title_size=L.TITLE_PT,
        folio=L.FOLIO_PT,
        folio_gap=L.FOLIO_GAP_MM,
        page_w=L.PAGE_W_MM,
        page_h=L.PAGE_H_MM,
        top=L.MARGIN_TOP_MM,
        bottom=L.MARGIN_BOTTOM_MM,
        left=L.MARGIN_LEFT_MM,
        right=L.MARGIN_RIGHT_MM,
        title=literal(document.title),
        table_size=TABLE_PT,
        title_fonts=_fonts(fonts["title"]),
        body_fonts=_fonts(fonts["body"]),
        hei_fonts=_fonts(fonts["hei"]),
        kai_fonts=_fonts(fonts["kai"]),
        song_fonts=_fonts(fonts["song"]),
    )
    lines = [head, "#yb-title(" + ", ".join(f"({_spans(line)},)" for line in document.title_lines) + ")"]
    for block in document.blocks:
        if isinstance(block, Heading) and block.body:
            lines.append(f"#yb-runin({block.level}, {literal(block.number)}, {_tuple(block.text)}, {_tuple(block.body)})")
        elif isinstance(block, Table):
            lines.append(_table(block))
        elif isinstance(block, Heading):
            lines.append(f"#yb-heading({block.level}, {literal(block.number)}, {_spans(block.text)})")
        elif isinstance(block, Paragraph):
            lines.append(f"#yb-par({_spans(block.spans)})")
        elif isinstance(block, PageBreak):
            lines.append("#pagebreak()")
        elif isinstance(block, Line) and block.style in _LINE_MACROS:
            lines.append(f"#{_LINE_MACROS[block.style]}({_spans(block.spans)})")
        elif isinstance(block, Line):
            if block.style == "attachments-first":
                lines.append("#v(pitch)")
            lines.append(f"#yb-line({block.indent}, {_spans(block.spans)})")
        elif isinstance(block, Signature):
            lines.append("#v(pitch)")
            if block.name:
                lines.append(f"#yb-line({block.name_indent}, {_spans(block.name)})")
            lines += [f"#yb-line({indent}, {_spans(name)})" for name, indent in block.more]
            if block.date:
                lines.append(f"#yb-line({block.date_indent}, {_spans(block.date)})")
    return "\n".join(lines) + "\n"
