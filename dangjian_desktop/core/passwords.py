"""Passwords and one-time reset codes: memory-hard hashing (scrypt), the rules a password must meet,
and the growing delay after failed logins. Pure Python (hashlib, hmac, secrets).

A hash string carries its own parameters and salt, `scrypt$n$r$p$salt$hash` (salt and hash in
base64), so the cost can be raised later without breaking old accounts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

#: scrypt cost: N = 2^15, r = 8 → 32 MB of memory and ~0.1 s per guess on a village laptop.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
_MAXMEM = 256 * 1024 * 1024
MIN_LENGTH, MAX_LENGTH = 6, 128
NAME_MAX = 20

#: Failed logins allowed before the delay starts, the first delay, and its cap (seconds).
FREE_FAILURES, FIRST_DELAY, MAX_DELAY = 3, 30, 15 * 60

RESET_CODE_DIGITS = 10
_TRIVIAL = ("0123456789", "9876543210", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "password")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_secret(secret: str) -> str:
    """An scrypt hash string of `secret` with a fresh 16-byte salt (cost: the module's SCRYPT_*)."""
    n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_secret(secret: str, stored: str | None) -> bool:
    """Whether `secret` matches a hash string (constant-time comparison; a malformed string never matches)."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = hashlib.scrypt(secret.encode("utf-8"), salt=base64.b64decode(salt, validate=True), n=int(n),
                                r=int(r), p=int(p), maxmem=_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def dummy_verify(secret: str) -> None:
    """Spend the time of one verification (an unknown account name costs the same as a known one)."""
    hashlib.scrypt(secret.encode("utf-8"), salt=b"\0" * 16, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=_MAXMEM,
                   dklen=32)


def password_problems(password: str, *, name: str = "") -> list[str]:
    """What is wrong with a new password, in Chinese; empty when it may be used."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码至少 {MIN_LENGTH} 个字符")
    if len(password) > MAX_LENGTH:
        problems.append(f"密码不能超过 {MAX_LENGTH} 个字符")
    if password != password.strip():
        problems.append("密码的开头和结尾不能是空格")
    if any(ord(ch) < 32 for ch in password):
        problems.append("密码不能含控制字符")
    if password and len(set(password)) == 1:
        problems.append("密码不能全是同一个字符")
    lowered = password.lower()
    if len(password) >= MIN_LENGTH and any(lowered in trivial for trivial in _TRIVIAL):
        problems.append("密码太简单（如 123456、abcdef），容易被猜到")
    if name and lowered == name.strip().lower():
        problems.append("密码不能与账户名相同")
    return problems


def name_problems(name: str) -> list[str]:
    """What is wrong with an account name, in Chinese."""
    if not name.strip():
        return ["请填写账户名"]
    problems = []
    if name != name.strip():
        problems.append("账户名的开头和结尾不能是空格")
    if len(name) > NAME_MAX:
        problems.append(f"账户名不能超过 {NAME_MAX} 个字符")
    if any(ord(ch) < 32 or ch in "$/\\" for ch in name):
        problems.append("账户名不能含控制字符或 $ / \\")
    return problems


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` failed logins in a row: none for the first few, then 30 s,
    doubling at every further failure, at most 15 minutes."""
    if failures < FREE_FAILURES:
        return 0
    return min(FIRST_DELAY * 2 ** min(failures - FREE_FAILURES, 16), MAX_DELAY)


def new_reset_code() -> str:
    """A random 10-digit code (about 33 bits), uniformly drawn."""
    return "".join(secrets.choice("0123456789") for _ in range(RESET_CODE_DIGITS))


def group_code(code: str) -> str:
    """A code grouped for reading over the phone: 123-456-7890."""
    digits = normalise_code(code)
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def normalise_code(text: str) -> str:
    """The digits of a typed code (spaces, dashes and full-width digits are allowed)."""
    out = []
    for ch in text:
        if "０" <= ch <= "９":
            ch = chr(ord(ch) - ord("０") + ord("0"))
        if ch.isascii() and ch.isdigit():
            out.append(ch)
    return "".join(out)
