"""YB209 file-name: the title gives the deliverables a usable file name.

The DOCX, PDF and Markdown are named after the title. A title of nothing but punctuation, spaces or
invisible characters (or a name Windows reserves, such as CON) gives no usable name: the report then
falls back to “2023年度报告”, and this warns before that happens.
"""

from __future__ import annotations

from collections.abc import Iterator

from yearbook.findings import Check, Severity, Violation
from yearbook.report.file_name import fallback, file_stem
from yearbook.report.title import title_of
from yearbook.rules.context import Context

CHECK = Check(
    "YB209",
    "file-name",
    Severity.WARNING,
    {
        "default": (
            '标题“{title}”去掉文件名不能用的字符（/ \\ : * ? " < > | 、空白、不可见字符、开头的 . 和 -）后不能作文件名，报告文件将命名为“{fallback}”。请在标题中写出文字。',
            "the title '{title}' leaves no usable file name once characters file names cannot hold are removed; the files will be named '{fallback}'. "
            "Write words in the title.",
        )
    },
)


def run(context: Context) -> Iterator[Violation]:
    report = context.year.report
    if report is None:
        return
    title = "".join(title_of(report.title, report.topic, context.year.year))
    if not file_stem(title, context.year.year).usable:
        where = report.where.at("title" if report.title is not None else "topic")
        yield Violation(CHECK, where, args={"title": title, "fallback": fallback(context.year.year)})
