"""An old Word file (.doc), a WPS file (.wps) or an OpenDocument text (.odt) converted to DOCX by LibreOffice, when
it is installed, so the DOCX reader reads it. LibreOffice runs headless on a copy in a scratch folder, with a
profile of its own (a running LibreOffice of the user's is neither used nor disturbed), and is stopped if it
takes too long.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from yearbook.errors import UserError

CONVERTED = (".doc", ".wps", ".odt")
TIMEOUT_SECONDS = 180


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise UserError(
            "导入 .doc、.wps、.odt 需要 LibreOffice，本机没有安装。请在 Word 或 WPS 中“文件 → 另存为”，"
            "保存类型选“Word 文档（*.docx）”，再导入那个 .docx；或安装 LibreOffice 后重试。",
            "importing .doc, .wps or .odt needs LibreOffice, which is not installed. In Word or WPS use File → Save As, "
            "type “Word Document (*.docx)”, and import that .docx; or install LibreOffice and retry.",
        )
    return found


def to_docx(data: bytes, suffix: str, shown: str) -> bytes:
    """The document's bytes as a DOCX."""
    soffice = _soffice()
    with tempfile.TemporaryDirectory(prefix="yearbook-import-") as scratch:
        folder = Path(scratch)
        source = folder / f"source{suffix}"  # a name of our own: the user's may start with “-” or hold anything
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise UserError(
                f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有转换完 {shown}。请在 Word 或 WPS 中另存为 .docx 后再导入。",
                f"LibreOffice did not convert {shown} within {TIMEOUT_SECONDS} s. Save it as .docx in Word or WPS and import that.",
            ) from error
        converted = folder / "out" / "source.docx"
        if not converted.is_file():
            raise UserError(
                f"LibreOffice 无法打开 {shown}（文件损坏、加密，或不是它所说的格式）。请在 Word 或 WPS 中打开它、另存为 .docx 后再导入。",
                f"LibreOffice could not open {shown} (damaged, encrypted, or not the format its name says). Open it in Word or WPS, save as .docx and import that.",
            )
        return converted.read_bytes()
