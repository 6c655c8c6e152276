"""Hostile inputs for the fuzz tests (tests/test_fuzz_*.py) and bench/fuzz.py: byte mutations of
valid files, bundles re-sealed around a mutated inside (as a stolen enrolled laptop could make
them), and rosters with arbitrary cells. Each `accept_*` function is the contract: it returns
normally or raises one of our typed errors with a Chinese message; anything else is a bug."""

from __future__ import annotations

import io
import json
import random
import signal
import zipfile
from contextlib import contextmanager
from datetime import date, datetime

from hypothesis import strategies as st
from nacl.public import PublicKey, SealedBox

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.sync import bundle, container

TIME_LIMIT = 30  # seconds for one input: far above any real case; only a hang reaches it


class Hung(Exception):
    pass


@contextmanager
def bounded(seconds: int = TIME_LIMIT):
    """Fail (not wait forever) when one input takes longer than `seconds`."""
    def expire(_signum, _frame):
        raise Hung(f"one input took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def typed_refusal(exc: BaseException) -> bool:
    return isinstance(exc, DangjianError) and chinese(str(exc))


# -- byte mutations ---------------------------------------------------------------------------------
MUTATIONS = ("flip", "truncate", "insert", "delete", "overwrite", "duplicate")


def mutate(data: bytes, kind: str, position: float, span: int, noise: bytes) -> bytes:
    """One mutation at a relative `position` (0–1) of `data`."""
    if not data:
        return noise
    at = min(int(position * len(data)), len(data) - 1)
    if kind == "flip":
        out = bytearray(data)
        out[at] ^= 1 << (span % 8)
        return bytes(out)
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + noise + data[at:]
    if kind == "delete":
        return data[:at] + data[at + span:]
    if kind == "overwrite":
        return data[:at] + noise + data[at + len(noise):]
    return data[:at] + data[at:at + span] + data[at:]  # duplicate a stretch


mutations = st.tuples(st.sampled_from(MUTATIONS), st.floats(0, 1), st.integers(1, 64), st.binary(min_size=1, max_size=32))


def mutate_many(data: bytes, steps) -> bytes:
    for kind, position, span, noise in steps:
        data = mutate(data, kind, position, span, noise)
    return data


def random_mutations(rng: random.Random, count: int):
    return [(rng.choice(MUTATIONS), rng.random(), rng.randint(1, 64), rng.randbytes(rng.randint(1, 32)))
            for _ in range(count)]


# -- bundles ----------------------------------------------------------------------------------------
def read_bundle(data: bytes, *, box_key, sign_pk: bytes) -> bundle.Inner:
    """Everything the importer does with a file before it touches the database."""
    outer = bundle.read_outer(data)
    bundle.check_schema(outer, 1000)
    bundle.check_signature(outer, sign_pk)
    return bundle.open_inner(outer, box_key, sign_pk)


def inner_members(data: bytes, box_key) -> list[tuple[str, bytes]]:
    """The members of a valid bundle's sealed inside, to mutate and re-seal."""
    outer = bundle.read_outer(data)
    inner = SealedBox(box_key).decrypt(outer.payload)
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def reseal(data: bytes, inner_bytes: bytes, *, sender, recipient_box_pk: bytes) -> bytes:
    """The valid bundle `data` with its inside replaced by `inner_bytes`, sealed and signed again by
    the sender's own key: an attacker holding an enrolled laptop can make exactly this."""
    outer = bundle.read_outer(data)
    payload = bytes(SealedBox(PublicKey(recipient_box_pk)).encrypt(inner_bytes))
    header = dict(outer.header, payload={"size": len(payload), "sha256": bundle.sha256(payload)})
    header_bytes = bundle.canonical(header)
    return container.pack([("header.json", header_bytes), ("header.sig", sender.sign.sign(header_bytes).signature),
                           ("payload.bin", payload)])


def resign_inner(members: list[tuple[str, bytes]], sender, *, fix_manifest: bool) -> bytes:
    """Pack inner members again; with `fix_manifest`, the manifest is made to describe the
    (mutated) files and is signed, so the reader gets past its checks to the content itself."""
    members = dict(members)
    if fix_manifest and "manifest.json" in members:
        try:
            manifest = json.loads(members["manifest.json"])
            for name in ("info.json", "changes.jsonl"):
                if name in members:
                    manifest["files"][name] = {"size": len(members[name]), "sha256": bundle.sha256(members[name])}
            members["manifest.json"] = bundle.canonical(manifest)
        except (ValueError, KeyError, TypeError):
            pass
        members["manifest.sig"] = sender.sign.sign(members["manifest.json"]).signature
    return container.pack(list(members.items()), compress=True)


# -- rosters ----------------------------------------------------------------------------------------
HEADERS = ["序号", "姓名", "所在党支部", "身份证号码", "性别", "民族", "出生年月", "文化程度", "党员类别",
           "入党时间", "转正时间", "工作岗位", "联系电话", "家庭住址", "党籍状态", "是否为流动党员", "备注"]

cell_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet="0123456789Xx -./年月日", max_size=20),
    st.integers(-10 ** 20, 10 ** 20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.sampled_from(["=1/0", "=A1&B1", "男", "女", "正式党员", "预备党员", "合计", "\u0000", "\ufeff", "汉"]),
)


def clean_cell(value):
    """openpyxl refuses control characters in text cells: what a real sheet can hold."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return value
