"""Small, real attachment files built from data: PDF, CSV, plain text and PNG bytes.

The PDF writer produces a valid single-page PDF 1.4 (Helvetica text lines, correct xref
offsets) so a browser or a PDF tool opens it; nothing here reads the clock or randomness.
"""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterable, Sequence

__all__ = ["pdf_bytes", "csv_bytes", "text_bytes", "png_bytes"]


def _pdf_escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF: ``title`` in bold, then ``lines`` in a 10 pt font."""
    ops = ["BT", "/F2 15 Tf", "56 790 Td", f"({_pdf_escape(title)}) Tj", "/F1 10 Tf", "0 -28 Td"]
    for line in list(lines)[:60]:
        ops.append(f"({_pdf_escape(line)}) Tj")
        ops.append("0 -13 Td")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
        b"<< /Title (" + _pdf_escape(title).encode("latin-1") + b") /Producer (mail.test) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A UTF-8 CSV file with a header row (CRLF line ends, as spreadsheets write them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def text_bytes(text: str) -> bytes:
    """A UTF-8 text file ending with a newline."""
    return (text.rstrip("\n") + "\n").encode("utf-8")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def png_bytes(
    width: int, height: int, top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> bytes:
    """A small RGB PNG with a vertical gradient (a stand-in for a holiday photo thumbnail)."""
    raw = bytearray()
    shades = [0.85 + 0.15 * (k % 23) / 22 for k in range(23)]
    for y in range(height):
        t = y / max(1, height - 1)
        pixel = [round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)]
        period = bytearray()
        for k in range(23):  # a faint texture repeating every 23 pixels
            shade = shades[(k * 7 + y * 3) % 23]
            period.extend(min(255, round(c * shade)) for c in pixel)
        row = (bytes(period) * (width // 23 + 1))[: width * 3]
        raw.append(0)
        raw.extend(row)
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + _png_chunk(b"IEND", b"")
    )
