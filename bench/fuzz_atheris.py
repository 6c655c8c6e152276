"""The atheris half of bench/fuzz.py (run by it): coverage-guided fuzzing of the bundle reader.

    python bench/fuzz_atheris.py WORK_FOLDER RUNS outer|inner

WORK_FOLDER holds outer/ (a valid bundle), inner/ (its decrypted inside) and keys.json (the keys
of both ends); bench/fuzz.py prepares them. "outer" feeds the input to the reader as a file;
"inner" seals and signs the input as a bundle's inside with the sender's own key (what a stolen
enrolled laptop can do), so the fuzzer reaches the code behind the signatures. Only the reader's modules are instrumented, and they
must be imported inside `instrument_imports`, so nothing of the app is imported before it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

with atheris.instrument_imports(include=["dangjian_desktop.sync", "zipfile", "json"]):
    from nacl.public import PrivateKey

    import fuzz_inputs as fuzz
    from dangjian_desktop.sync.errors import BundleRejected
    from dangjian_desktop.sync.keys import KeyPair


def atheris_child(work: Path, runs: int, target: str) -> None:
    keys = json.loads((work / "keys.json").read_text())
    box = PrivateKey(bytes.fromhex(keys["box"]))
    sender = KeyPair.from_secret(bytes.fromhex(keys["sender_secret"]))
    valid = (work / "outer" / "valid.djb").read_bytes()
    tally = Counter()

    def one(data: bytes) -> None:
        if target == "inner":
            data = fuzz.reseal(valid, data, sender=sender, recipient_box_pk=box.public_key.encode())
        try:
            fuzz.read_bundle(data, box_key=box, sign_pk=sender.sign_pk)
            tally["read"] += 1
        except BundleRejected as exc:
            if not fuzz.chinese(exc.reason):
                raise AssertionError(f"refusal without a Chinese message: {exc.reason}") from exc
            tally["refused"] += 1
        if tally.total() % 2000 == 0:
            print(f"atheris, {target}: {tally.total()} cases: {dict(tally)}", flush=True)

    atheris.Setup([sys.argv[0], f"-runs={runs}", f"-max_len={keys['max_len']}", str(work / target)], one)
    atheris.Fuzz()


if __name__ == "__main__":
    atheris_child(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
