"""Document to Typst source, purely. Every piece of record text becomes a Typst *string literal* (only `\\`
and `"` escaped), never markup, so `#`, `$`, `*`, `<`, `@` or Typst code in a record is printed, not run.

The template sets the GB/T 9704 page: A4, margins 37/35/28/26 mm, 16 pt type on a 22-line pitch with
fixed line boxes (so every full page holds exactly 22 lines), tracking so that 28 characters fill the
156 mm line, and page numbers "— N —" 7 mm below the type area, odd pages right and even pages left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yearbook.report import layout_spec as L
from yearbook.report.blocks import runs
from yearbook.report.document import Block, Document, Heading, Line, PageBreak, Paragraph, Span, Table
from yearbook.report.reference_docx import TABLE_PT


def literal(text: str) -> str:
    """A Typst string literal holding exactly `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _fonts(chain: Sequence[str]) -> str:
    return "(" + ", ".join(literal(name) for name in chain) + ",)"


def _spans(spans: tuple[Span, ...]) -> str:
    """Neighbouring spans of one kind as one run, whatever record text each came from: one run shapes and breaks as
    the text reads."""
    return ", ".join(f"({literal(span.kind)}, {literal(span.text)})" for span in runs(spans))


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
  top-edge: 0.88em, bottom-edge: -0.12em, cjk-latin-spacing: none, hyphenate: false, overhang: false,
  costs: (widow: 100000%, orphan: 100000%))
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
// What is set off the page grid (the title, a table) followed by the space down to the next line of the grid,
// `gap` at least: the body's lines stay on the 22 lines of every page. It starts on a line of the grid.
#let yb-on-grid(gap, body) = context {{
  let h = measure(block(width: {type_w}mm, body)).height
  block(width: 100%, above: pitch - body-size, below: calc.ceil((h + gap) / pitch - 0.0001) * pitch - h, body)
}}
#let yb-title(..lines) = {{
  set par(first-line-indent: 0pt, justify: false, leading: {title_leading}em)
  yb-on-grid(2 * (pitch - body-size), align(center, text(font: fonts.title, size: {title_size}pt, tracking: 0pt, lines.pos().map(runs).join(linebreak()))))
}}
#let heading-fonts = (fonts.hei, fonts.kai, fonts.body, fonts.body)
// Kept on the page of what follows: a heading never ends a page, and the body's last lines go with the signature.
#let yb-keep(body) = block(width: 100%, sticky: true, above: pitch - body-size, below: pitch - body-size, body)
#let yb-heading(level, number, ..spans) = yb-keep(par(text(font: heading-fonts.at(calc.min(level, 4) - 1), number + runs(spans.pos()))))
#let yb-par(..spans) = par(runs(spans.pos()))
#let yb-centred(..spans) = align(center, par(first-line-indent: 0pt, justify: false, runs(spans.pos())))
#let yb-line(indent, ..spans) = par(first-line-indent: 0pt, justify: false, h(indent * cell) + runs(spans.pos()))
// The signature block: a blank line, then each line flush right, `right` cells in from the edge; never split.
#let yb-signature(..lines) = block(width: 100%, breakable: false, above: 2 * pitch - body-size, below: pitch - body-size, {{
  set par(first-line-indent: 0pt, justify: false)
  set block(spacing: pitch - body-size)
  for (gap, spans) in lines.pos() {{ align(right, pad(right: gap * cell, par(runs(spans)))) }}
}})
// An attachment's page: “附件1” in hei flush left on the first line, its title centred on the third.
#let yb-attachment-label(..spans) = par(first-line-indent: 0pt, justify: false, text(font: fonts.hei, runs(spans.pos())))
#let yb-attachment-title(..spans) = {{
  v(pitch)
  set par(first-line-indent: 0pt, justify: false, leading: {title_leading}em)
  yb-on-grid(2 * (pitch - body-size), align(center, text(font: fonts.title, size: {title_size}pt, tracking: 0pt, runs(spans.pos()))))
}}
// A run-in heading: the heading in its level's font, then the first paragraph on the same line.
#let yb-runin(level, number, heading, body) = par(text(font: heading-fonts.at(calc.min(level, 4) - 1), number + runs(heading)) + runs(body))
// A table: caption in hei, centred; cells 12 pt on 18 pt lines, merged by colspan/rowspan, ruled all round.
#let yb-table(caption, widths, header-rows, rows) = yb-on-grid(pitch - body-size, {{
  if caption.len() > 0 {{ yb-keep(align(center, par(first-line-indent: 0pt, justify: false, text(font: fonts.hei, runs(caption))))) }}
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
}})
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
        title_leading=round(L.TITLE_LINE_EM - 1, 4),
        folio=L.FOLIO_PT,
        folio_gap=L.FOLIO_GAP_MM,
        page_w=L.PAGE_W_MM,
        type_w=L.TYPE_W_MM,
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
    lines += (_block(block) for block in document.blocks)
    return "\n".join(lines) + "\n"


def _kept(source: str, keep: bool) -> str:
    return f"#yb-keep({source.removeprefix('#')})" if keep else source


def _block(block: Block) -> str:
    if isinstance(block, Heading) and block.body:
        return f"#yb-runin({block.level}, {literal(block.number)}, {_tuple(block.text)}, {_tuple(block.body)})"
    if isinstance(block, Heading):
        return f"#yb-heading({block.level}, {literal(block.number)}, {_spans(block.text)})"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Paragraph):
        return _kept(f"#yb-par({_spans(block.spans)})", block.keep)
    if isinstance(block, PageBreak):
        return "#pagebreak()"
    if isinstance(block, Line) and block.style in _LINE_MACROS:
        return f"#{_LINE_MACROS[block.style]}({_spans(block.spans)})"
    if isinstance(block, Line):
        line = _kept(f"#yb-line({block.indent}, {_spans(block.spans)})", block.keep)
        return f"#v(pitch)\n{line}" if block.style == "attachments-first" else line
    return "#yb-signature(" + "".join(f"({line.right!r}, {_tuple(line.spans)}), " for line in block.lines) + ")"
