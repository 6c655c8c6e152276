"""What importing one bundle did, in counts and Chinese reasons (shown by the CLI and the GUI,
kept in the bundle log, and carried back to the village in the next return bundle)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATUS_LABELS = {"applied": "已导入", "duplicate": "以前已导入（重复，未作改动）", "held": "暂缓导入",
                 "rejected": "拒绝导入", "quarantined": "已隔离", "outdated": "已过时，不再使用"}
COUNT_LABELS = {"applied": "已应用", "duplicate": "重复", "superseded": "已被更新版本取代", "held": "暂缓",
                "rejected": "拒绝", "conflict": "冲突"}
OK_STATUSES = ("applied", "duplicate")
#: Statuses in the bundle log, including those of bundles written here.
LOG_LABELS = {**STATUS_LABELS, "written": "已写出，等待对方导入", "acknowledged": "区里已确认"}


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(COUNT_LABELS, 0)


@dataclass
class Receipt:
    file: str
    status: str = "rejected"
    kind: str | None = None
    bundle_id: str | None = None
    village: str | None = None
    sender_device: str | None = None
    seq_after: int | None = None
    seq_through: int | None = None
    counts: dict[str, int] = field(default_factory=empty_counts)
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    acked_seq: int | None = None

    @property
    def ok(self) -> bool:
        """Applied, or imported before: nothing more for anyone to do about this file."""
        return self.status in OK_STATUSES

    def summary(self) -> str:
        counts = "，".join(f"{label} {self.counts.get(key, 0)}" for key, label in COUNT_LABELS.items())
        return f"{STATUS_LABELS.get(self.status, self.status)}：{counts}"

    def to_dict(self) -> dict:
        return asdict(self)
