"""Checks raised while reading a file (YB0xx): the file cannot become data until they are fixed."""

from __future__ import annotations

from yearbook.findings import Check, Severity

E = Severity.ERROR

UNREADABLE = Check(
    "YB001",
    "unreadable",
    E,
    {
        "default": ("无法读取文件：{reason}。请确认文件存在且有读取权限。", "cannot read the file: {reason}. Check that it exists and is readable."),
        "folder": (
            "无法读取这个文件夹：{reason}。其中的记录都没有检查：请修改权限后重试。",
            "cannot read this folder: {reason}. None of its records were checked: fix its permissions.",
        ),
        "outside": (
            "这是一个指向 records 目录之外（{target}）的链接，工具不会读取它。请把记录文件本身放在 records 目录中。",
            "this is a link to a place outside the records folder ({target}); it is not read. Put the record file itself in the records folder.",
        ),
        "special": (
            "这不是普通文件，而是{kind}，工具不会读取它。记录必须是普通的文本文件：请删去它，换成记录文件。",
            "this is not a regular file but {kind_en}; it is not read. A record is a plain text file: replace it with one.",
        ),
        "changed": ("文件在读取时被替换了，未读取。请重试。", "the file was replaced while being read; nothing was read. Try again."),
        "git-link": (
            "这在 git 中是一个符号链接或子模块，不是记录文件，工具不会读取它。请提交记录文件本身。",
            "this is a symbolic link or submodule in git, not a record file; it is not read. Commit the record file itself.",
        ),
    },
)

ENCODING = Check(
    "YB002",
    "encoding",
    E,
    {
        # The command never writes over the file: a wrong guess that happens to decode (Big5 read as GB18030)
        # gives a new file that reads wrong, and the original is replaced only after it was read. It ends
        # before a space, so that punctuation copied with it is a separate word and never part of a name.
        "legacy": (
            "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法按 UTF-8 读取），看起来是 {encoding}，按 {encoding} 读出来是“{excerpt}”。"
            "请先转换成一个新文件，不要覆盖原文件：iconv -f {iconv} -t UTF-8 {source} > {target} ，"
            "然后打开 {target} ，确认文字读起来正确，再用它替换原文件（mv {target} {source} ）。"
            "若 iconv 报错或文字不对，说明不是 {encoding}，原文件不会被改动。也可以在记事本/WPS 中“另存为”并选择 UTF-8 编码。",
            'the file is not UTF-8 (line {line}, column {col} is not valid UTF-8); it looks like {encoding}, which reads it as "{excerpt}". '
            "Convert it into a new file first, never over the original: iconv -f {iconv} -t UTF-8 {source} > {target} , "
            "then open {target} , check that the text reads right, and only then replace the original with it (mv {target} {source} ). "
            "If iconv stops with an error or the text reads wrong, it is not {encoding}; the original is left untouched. "
            "Or save the file again as UTF-8 in your editor.",
        ),
        "unsure": (
            "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法按 UTF-8 读取），无法确定是哪种编码："
            "按 {encoding} 读出来是“{excerpt}”，按 {encoding2} 读出来是“{excerpt2}”，请看哪一种读起来正确。"
            "请先转换成一个新文件，不要覆盖原文件：iconv -f {iconv} -t UTF-8 {source} > {target} （若是 {encoding2}，把 {iconv} 换成 {iconv2}），"
            "然后打开 {target} ，确认文字读起来正确，再用它替换原文件（mv {target} {source} ）。"
            "若 iconv 报错或文字不对，请换另一种编码重试，原文件不会被改动。也可以在记事本/WPS 中“另存为”并选择 UTF-8 编码。",
            "the file is not UTF-8 (line {line}, column {col} is not valid UTF-8) and its encoding is unclear: "
            '{encoding} reads it as "{excerpt}", {encoding2} as "{excerpt2}"; see which one reads right. '
            "Convert it into a new file first, never over the original: iconv -f {iconv} -t UTF-8 {source} > {target} "
            "(for {encoding2}, write {iconv2} instead of {iconv}), then open {target} , check that the text reads right, "
            "and only then replace the original with it (mv {target} {source} ). If iconv stops with an error or the text reads wrong, "
            "try the other encoding; the original is left untouched. Or save the file again as UTF-8 in your editor.",
        ),
        "unknown": (
            "文件不是 UTF-8 编码（第 {line} 行第 {col} 列起无法读取），也无法判断是哪种编码（不像 GB18030、Big5、UTF-16 等常见编码）。"
            "请在原来的编辑器中打开，“另存为”并选择 UTF-8 编码。",
            "the file is not UTF-8 (line {line}, column {col}), and its encoding is none the tool can tell (not GB18030, Big5, UTF-16 or the like). "
            "Open it in the editor that wrote it and save it again as UTF-8.",
        ),
    },
)

EMPTY = Check(
    "YB003",
    "empty-file",
    E,
    {
        "default": (
            "文件没有任何内容。请按 schema/ 中对应的模板填写，或删除这个文件。",
            "the file has no content. Fill it in following its schema in schema/, or delete it.",
        )
    },
)

TOO_LARGE = Check(
    "YB004",
    "file-too-large",
    E,
    {
        "default": (
            "文件有 {size} 字节，超过上限 {limit} 字节。记录文件不需要这么大：请检查是否误粘贴了大段内容。",
            "the file has {size} bytes, more than the limit of {limit}. Records never need that much: check for pasted content.",
        )
    },
)

SYNTAX = Check(
    "YB005",
    "yaml-syntax",
    E,
    {
        "default": ("YAML 语法错误：{problem}。{hint}", "YAML syntax error: {problem_en}. {hint_en}"),
        "tag": (
            "不支持 YAML 标签“{tag}”：记录只需要文字、数字和列表。请删去“{tag}”。",
            "YAML tags such as '{tag}' are not supported: records need only text, numbers and lists. Remove '{tag}'.",
        ),
        "complex-key": ("键必须是一段简单的文字。请改写成“键: 值”的形式。", "a key must be plain text. Write it as 'key: value'."),
        "control": (
            "这里有一个看不见的控制字符（{code}），多半是从别处复制时带进来的。请删去它。",
            "an invisible control character ({code}), usually pasted in from elsewhere. Delete it.",
        ),
        "multiple-documents": (
            "一个文件只能有一个 YAML 文档，这里出现了第二个（---）。请删去多余的 --- 或拆成两个文件。",
            "a file holds one YAML document; a second one starts here (---). Remove the extra --- or split the file.",
        ),
    },
)

DUPLICATE_KEY = Check(
    "YB006",
    "duplicate-key",
    E,
    {
        "default": (
            "键“{key}”重复，第一次出现在第 {first_line} 行。YAML 只保留后一个，前一个的内容会悄悄丢失：请合并或删除其中一个。",
            "key '{key}' appears twice; the first is on line {first_line}. YAML keeps only the last one and silently drops the first: merge or remove one.",
        )
    },
)

TAB = Check(
    "YB007",
    "tab",
    E,
    {
        "default": (
            "这里有制表符（Tab）。YAML 只能用空格缩进，文字中也不应有制表符：请换成空格。",
            "a tab character. YAML indents with spaces only, and text should not hold tabs: use spaces.",
        )
    },
)

ANCHOR = Check(
    "YB008",
    "anchor-alias",
    E,
    {
        "default": (
            "不支持锚点和别名（&名称、*名称）：每项内容都应直接写出。请把别名换成实际内容；若 * 是待填的空白，请改用命名数值 {{标识}}。",
            "anchors and aliases (&name, *name) are not supported: write each item out. Replace the alias with the content; for a blank, use a named value {{id}}.",
        )
    },
)

TOO_DEEP = Check(
    "YB009",
    "too-deep",
    E,
    {
        "default": (
            "嵌套超过 {limit} 层，任何记录都不需要这么深。请检查缩进或括号。",
            "nesting deeper than {limit} levels, more than any record needs. Check the indentation or brackets.",
        )
    },
)

FULLWIDTH = Check(
    "YB010",
    "fullwidth-syntax",
    E,
    {
        "colon": (
            "键“{key}”后面用了全角冒号“：”。YAML 的键和值之间要用半角冒号加空格，请改为“{key}: ”。",
            "key '{key}' is followed by a full-width colon '：'. YAML needs an ASCII colon and a space: write '{key}: '.",
        ),
        "space": (
            "这里用了全角空格（U+3000）作为 YAML 的缩进或分隔，YAML 不认。请换成半角空格。",
            "an ideographic space (U+3000) where YAML expects indentation or a separator. Use ASCII spaces.",
        ),
    },
)

NUMBER = Check(
    "YB011",
    "number-range",
    E,
    {
        "default": (
            "数字“{value}”超出报告能准确印出的范围：最多 {digits} 位有效数字，绝对值小于 10 的 {digits} 次方、不小于 0.000001，也不能是无穷大。"
            "请检查是否多打了数字；很大的数请换用“万元”“亿元”等单位。",
            "the number '{value}' is beyond what the report prints exactly: at most {digits} significant digits, less than 10^{digits} "
            "and at least 0.000001 in size, never infinite. Check for extra digits; for large amounts use a larger unit (万元, 亿元).",
        )
    },
)

ALL = (UNREADABLE, ENCODING, EMPTY, TOO_LARGE, SYNTAX, DUPLICATE_KEY, TAB, ANCHOR, TOO_DEEP, FULLWIDTH, NUMBER)
