"""Record identities: UUIDs whose first 32 bits name the organisation that owns the record.

A district holds every village's rows in one table per kind, and every uuid column is indexed (the
primary key, `member_uuid`, `meeting_uuid` …). With plain random UUIDs one village's rows are spread
over the whole of each index, so once the indexes outgrow the page cache every imported row reads
and rewrites a page of its own, and importing the next village costs more than the one before
(docs/performance.md). Giving a village's records a common prefix keeps them together: a bundle's
rows land on a few neighbouring pages of each index, whatever the size of the district.

The prefix is a hash of the owning organisation's uuid, so every laptop of a village makes the same
one (derived identities such as an attendance row's stay equal across devices). The other 90 bits
are random (or, for derived identities, a name-based hash), which keeps identities unique; the
version nibble says 8, the RFC 9562 version for a custom layout. Records made before this layout
keep their random identities; both kinds live side by side.
"""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from functools import lru_cache

_NAMESPACE = uuidlib.UUID("6f1c2a4e-5d0b-4f7e-9a39-2c1b8d6e0a11")
_VERSION_BITS = 0xF << 76


@lru_cache(maxsize=4096)
def org_prefix(org: str) -> bytes:
    """The first four bytes of every identity owned by `org`."""
    return hashlib.blake2b(org.encode(), digest_size=4, person=b"dangjian-ids").digest()


def _owned(base: uuidlib.UUID, org: str) -> str:
    value = int.from_bytes(org_prefix(org) + base.bytes[4:], "big")
    return str(uuidlib.UUID(int=(value & ~_VERSION_BITS) | (8 << 76)))


def new_uuid(org: str | None = None) -> str:
    """A new identity; owned by `org` when given (clustered with its other records)."""
    base = uuidlib.uuid4()
    return str(base) if org is None else _owned(base, org)


def derived_uuid(*parts: str, org: str | None = None) -> str:
    """An identity fixed by natural-key parts, so that entering the same thing twice is one row.

    Without `org` it is the plain name-based UUID (kept for identities that existing databases
    already hold, such as rulebooks and yearly assessments)."""
    base = uuidlib.uuid5(_NAMESPACE, "/".join(parts))
    return str(base) if org is None else _owned(base, org)


def names(uuid: str, key: str) -> bool:
    """Whether a typed key names this identity: the whole uuid, or at least six of its characters
    from its start or from its second group on (a village's own identities share their first group,
    so only the rest tells them apart)."""
    key = key.strip().lower()
    if key == uuid:
        return True
    return len(key) >= 6 and (uuid.startswith(key) or uuid[9:].startswith(key))
