"""The zip container of a bundle: canonical, read by exact member name, bounded, written atomically.

A bundle is written as a *canonical* stored zip (fixed member order, times and attributes), and a
reader rebuilds that canonical form from the members it read and compares it with the file. So
every byte of the file is covered: a flipped bit in zip metadata that a lenient reader would
ignore is refused just like one in the signed header. Nothing is ever extracted to a path.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Callable

from dangjian_desktop.paths import sync_folder
from dangjian_desktop.sync.errors import BundleRejected

_EPOCH = (1980, 1, 1, 0, 0, 0)

DAMAGED = "文件不完整或已损坏（可能没有复制完，或 U 盘有坏块）。请让对方重新导出一份。"
TAMPERED = "文件内容与签名不符（已被改动或损坏），不予导入。请让对方重新导出一份。"


def pack(members: list[tuple[str, bytes]], *, compress: bool = False) -> bytes:
    """The canonical zip of `members` (same input → same bytes)."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = method
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compress_type=method, compresslevel=6 if compress else None)
    return buffer.getvalue()


def unpack(data: bytes, names: tuple[str, ...], caps: dict[str, int], *, compressed: bool = False) -> dict[str, bytes]:
    """Read exactly the members `names`, in that order, each no larger than its cap.

    Any other member (a `../` path, an absolute name, a duplicate), a declared size over the cap
    or a CRC mismatch refuses the whole file. For a stored (outer) container the canonical form
    must also equal the input byte for byte.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            found = [info.filename for info in infos]
            if found != list(names):
                raise BundleRejected("文件里的内容不符合党建通数据包的格式（含有多余、缺少或异常命名的条目），不予导入。")
            out = {}
            for info in infos:
                cap = caps[info.filename]
                if info.file_size > cap:
                    raise BundleRejected(f"数据包中的“{info.filename}”大得不合理（{info.file_size} 字节），不予导入。")
                with archive.open(info) as member:
                    content = member.read(cap + 1)
                if len(content) != info.file_size or len(content) > cap:
                    raise BundleRejected(DAMAGED)
                out[info.filename] = content
    except BundleRejected:
        raise
    except Exception as exc:  # BadZipFile, CRC and zlib errors, EOF …: all mean a damaged file
        raise BundleRejected(DAMAGED) from exc
    if not compressed and pack([(name, out[name]) for name in names]) != data:
        raise BundleRejected(TAMPERED)
    return out


def read_limited(path: Path, cap: int) -> bytes:
    """The whole file, refusing anything over `cap` bytes before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > cap:
            raise BundleRejected(f"文件太大（{size // (1024 * 1024)} MB），不是党建通数据包，不予导入。")
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise BundleRejected(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise BundleRejected(f"{path} 是文件夹，不是数据包文件") from None
    except OSError as exc:
        raise BundleRejected(f"无法读取文件 {path.name}：{exc.strerror or exc}（U 盘可能已拔出）") from exc
    if len(data) > cap:
        raise BundleRejected("文件太大，不是党建通数据包，不予导入。")
    return data


def write_atomically(folder: Path, name: str, data: bytes, verify: Callable[[bytes], None]) -> Path:
    """Write under a temporary name, flush to the device, re-read and verify, then rename.

    A stick pulled out half-way leaves only a `.partial` file, never a bundle that looks whole.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = folder / f".{name}.partial"
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        reread = partial.read_bytes()
        if reread != data:
            raise BundleRejected(f"写入 {folder} 后读回的内容不一致：U 盘可能有坏块或已满，请换一个 U 盘。")
        verify(reread)
        os.replace(partial, target)
        sync_folder(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


