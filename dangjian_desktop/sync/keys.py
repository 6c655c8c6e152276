"""Key pairs, fingerprints read out by phone, registration proofs, and passphrase-sealed secrets.

Each installation has an Ed25519 signing key and an X25519 box key. Bundles are signed with the
first and sealed to the recipient's second. An enrolment carries a one-time Ed25519 key of its own:
the laptop signs its new public keys with it once (the registration), so the district can trust a
device it has never seen, and the district seals a snapshot to it for a replacement laptop.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
from dataclasses import dataclass

import nacl.exceptions
import nacl.pwhash
import nacl.secret
from nacl.public import PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey

from dangjian_desktop.sync.errors import WrongPassphrase

#: argon2id cost for the district's passphrase (tests lower it; stored with each sealed secret).
KDF_OPS = nacl.pwhash.argon2id.OPSLIMIT_MODERATE
KDF_MEM = nacl.pwhash.argon2id.MEMLIMIT_MODERATE


@dataclass(frozen=True)
class KeyPair:
    sign: SigningKey
    box: PrivateKey

    @classmethod
    def generate(cls) -> "KeyPair":
        return cls(SigningKey.generate(), PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: bytes) -> "KeyPair":
        if len(secret) != 64:
            raise ValueError("a key secret is 64 bytes")
        return cls(SigningKey(secret[:32]), PrivateKey(secret[32:]))

    @property
    def secret(self) -> bytes:
        return bytes(self.sign) + bytes(self.box)

    @property
    def sign_pk(self) -> bytes:
        return bytes(self.sign.verify_key)

    @property
    def box_pk(self) -> bytes:
        return bytes(self.box.public_key)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int | None = None) -> bytes:
    """Decode base64 from an untrusted file; ValueError on anything malformed or of the wrong size."""
    if not isinstance(text, str) or len(text) > 200_000:
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes")
    return data


def fingerprint(sign_pk: bytes, box_pk: bytes) -> str:
    """20 digits in groups of four: short enough to read out by phone, 64 bits to forge."""
    digest = hashlib.sha256(b"dangjian-fingerprint\0" + sign_pk + box_pk).digest()
    digits = f"{int.from_bytes(digest[:8], 'big'):020d}"
    return " ".join(digits[i:i + 4] for i in range(0, 20, 4))


def key_id(box_pk: bytes) -> str:
    """Names the recipient key in a bundle header (so a wrong recipient is told before decrypting)."""
    return hashlib.sha256(box_pk).hexdigest()[:32]


def verify(sign_pk: bytes, message: bytes, signature: bytes) -> bool:
    try:
        VerifyKey(sign_pk).verify(message, signature)
        return True
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError, TypeError):
        return False


def enrolment_box_key(enrolment_key: SigningKey) -> PrivateKey:
    """The X25519 key a replacement laptop's snapshot is sealed to (derived from the enrolment key)."""
    return enrolment_key.to_curve25519_private_key()


def enrolment_box_pk(enrolment_sign_pk: bytes) -> PublicKey:
    return VerifyKey(enrolment_sign_pk).to_curve25519_public_key()


# -- passphrase-sealed secrets (the district's keys, and its recovery sheet) ---------------------
_SEALED_MAGIC = b"DJK1"


@dataclass(frozen=True)
class SealedSecret:
    salt: bytes
    ops: int
    mem: int
    ciphertext: bytes

    def to_bytes(self) -> bytes:
        return _SEALED_MAGIC + self.salt + struct.pack(">IQ", self.ops, self.mem) + self.ciphertext

    @classmethod
    def from_bytes(cls, data: bytes) -> "SealedSecret":
        salt_size = nacl.pwhash.argon2id.SALTBYTES
        head = len(_SEALED_MAGIC) + salt_size + 12
        if not data.startswith(_SEALED_MAGIC) or len(data) <= head:
            raise ValueError("not a sealed key")
        ops, mem = struct.unpack(">IQ", data[len(_SEALED_MAGIC) + salt_size:head])
        return cls(data[len(_SEALED_MAGIC):len(_SEALED_MAGIC) + salt_size], ops, mem, data[head:])


def _derive(passphrase: str, salt: bytes, ops: int, mem: int) -> bytes:
    return nacl.pwhash.argon2id.kdf(nacl.secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
                                    opslimit=ops, memlimit=mem)


def seal_secret(secret: bytes, passphrase: str) -> SealedSecret:
    salt = os.urandom(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_derive(passphrase, salt, KDF_OPS, KDF_MEM))
    return SealedSecret(salt, KDF_OPS, KDF_MEM, bytes(box.encrypt(secret)))


#: The last sealed secret opened in this process, keyed by what opened it: argon2id costs about a
#: second by design, and a district session (enrolling many villages, a demo district) would
#: otherwise pay it for every call. Only a successful open is kept; a wrong passphrase never matches.
_last_opened: tuple[bytes, bytes] | None = None


def open_secret(sealed: SealedSecret, passphrase: str) -> bytes:
    global _last_opened
    # Bounds stop a forged recovery sheet from asking argon2id for absurd memory.
    if not (1 <= sealed.ops <= 64 and 8192 <= sealed.mem <= 4 * 1024 ** 3):
        raise WrongPassphrase()
    marker = hashlib.sha256(b"\0".join([sealed.to_bytes(), passphrase.encode("utf-8")])).digest()
    if _last_opened is not None and hmac.compare_digest(_last_opened[0], marker):
        return _last_opened[1]
    try:
        key = _derive(passphrase, sealed.salt, sealed.ops, sealed.mem)
        secret = nacl.secret.SecretBox(key).decrypt(sealed.ciphertext)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, ValueError):
        raise WrongPassphrase() from None
    _last_opened = (marker, secret)
    return secret
