"""A demo district (issue 6, item 7): N simulated villages enrolled and imported through the real
bundle path.

For each village: the district writes an enrolment file; a village database is set up from it
(its own keys, the district's rules); two years of the village's work are written through its own
store (services/demo_village_bulk.py); the village exports its delta bundle; and the district
imports every bundle with `services.sync.import_bundles`, exactly as from a USB stick. Nothing is
written into the district's tables by any other way.

The same seed gives the same villages (names, towns, members, meetings, points); the keys and
record identities of each run are new, as on real laptops.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.progress import Progress
from dangjian_desktop.services import district, sync
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.demo_village_bulk import VillageSpec, fill_village
from dangjian_desktop.services.sync_village import setup_from_enrolment
from dangjian_desktop.sync.receipt import Receipt

DISTRICT = {"code": "XQ", "name": "新区党工委组织部"}
TOWNS = ("城关镇", "东湖镇", "西岭镇", "南营乡", "北苑街道", "河口镇", "柳林乡", "石桥镇")
_PLACE_FIRST = "东西南北前后上下大小新老高李王张刘赵陈杨黄马孙周吴郑杜柳桃杏枣梨槐榆石河沙金银"
_PLACE_SECOND = "庄村营寨屯堡店铺桥湾口坡岭沟洼河台集园里庙头寺"
MAX_VILLAGES = 5000


@dataclass
class DemoDistrict:
    name: str
    villages: int
    towns: list[str]
    bundles: list[Path] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def refused(self) -> list[Receipt]:
        return [r for r in self.receipts if not r.ok]


def plan_villages(count: int, seed: int) -> list[VillageSpec]:
    """Who the N villages are: unique names spread over 5–8 towns, sizes from 20 to about 90
    members (50 on average), one to three branches, a spread of collective-economy incomes."""
    rng = random.Random(seed)
    towns = list(TOWNS[:5 + min(3, count // 40)]) if count >= 5 else list(TOWNS[:max(count, 1)])
    names = [a + b for a in _PLACE_FIRST for b in _PLACE_SECOND]
    rng.shuffle(names)
    specs = []
    for n in range(count):
        stem = names[n % len(names)] + ("" if n < len(names) else str(n // len(names) + 1))
        town = towns[n % len(towns)]
        size = max(20, min(95, int(rng.gauss(50, 16))))
        if size < 35:
            kind, branches = "党支部", ()
        else:
            kind = "党总支" if size < 70 else "党委"
            branches = tuple(f"{stem}第{'一二三'[b]}党支部" for b in range(2 if size < 70 else 3))
        base = max(0.5, rng.lognormvariate(2.4, 0.8))  # 万元: most villages between 5 and 25
        income = (round(base * 0.8, 1), round(base * 0.9, 1), round(base * rng.uniform(0.95, 1.3), 1))
        specs.append(VillageSpec(code=f"V{n + 1:04d}", name=f"{stem}村{kind}", town=town, place=f"{town}{stem}村",
                                 area_code=f"130184{100 + towns.index(town):03d}{n % 1000:03d}", members=size,
                                 branches=branches, income=income, service_area=float(rng.choice((150, 200, 260, 320, 400, 600)))))
    return specs


def _build_village(work_dir: Path, spec: VillageSpec, seed: int, today: date) -> tuple[Path, dict[str, int]]:
    """A village laptop: set up from its enrolment file, two years of work, its delta exported."""
    village_db = work_dir / f"{spec.code}.db"
    shutil.copyfile(work_dir / "template.db", village_db)
    village = Context.open(village_db, actor="示范数据")
    try:
        village.today = today
        setup_from_enrolment(village, enrolment_path=work_dir / f"{spec.code}.dje")
        counts = fill_village(village, spec, seed)
        [path] = sync.export_bundles(village, out_dir=work_dir / "stick").paths
    finally:
        village.close()
    for leftover in [*work_dir.glob(f"{spec.code}.db*"), work_dir / f"{spec.code}.dje"]:
        leftover.unlink(missing_ok=True)
    return path, counts


def build_village_bundles(ctx: Context, specs: list[VillageSpec], *, passphrase: str, work_dir: Path, seed: int,
                          progress: Progress | None = None, workers: int = 1) -> tuple[list[Path], dict[str, int]]:
    """Enrol each village (at the district), then build each village's laptop from its enrolment
    file and export its delta — villages are independent, so `workers` processes build them."""
    progress = progress or Progress()
    progress.start(len(specs) * 2, "生成示范村")
    work_dir.mkdir(parents=True, exist_ok=True)
    Context.open(work_dir / "template.db").close()  # one migrated empty database, copied for every village
    for spec in specs:
        district.enrol_village(ctx, code=spec.code, name=spec.name, town=spec.town, out=work_dir / f"{spec.code}.dje",
                               passphrase=passphrase)
        progress.step(1, spec.name)
    jobs = [(work_dir, spec, seed * 100_003 + index, ctx.today) for index, spec in enumerate(specs)]
    counts: dict[str, int] = {}
    paths = []
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        results = pool.map(_build_village, *zip(*jobs), chunksize=4) if pool else (_build_village(*job) for job in jobs)
        for spec, (path, made) in zip(specs, results):
            paths.append(path)
            for key, value in made.items():
                counts[key] = counts.get(key, 0) + value
            progress.step(1, spec.name)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return paths, counts


def create_demo_district(ctx: Context, *, villages: int, passphrase: str, seed: int = 2026,
                         progress: Progress | None = None, work_dir: Path | None = None,
                         workers: int = 1) -> DemoDistrict:
    """Set up an empty database as the demo district and fill it from `villages` simulated villages."""
    if not 1 <= villages <= MAX_VILLAGES:
        raise DangjianError(f"示范村数量应在 1 到 {MAX_VILLAGES} 之间")
    if ctx.store.path is None:
        raise DangjianError("示范区需要一个数据库文件")
    sheet = ctx.store.path.with_name(f"dangjian-recovery-{DISTRICT['code']}.txt")
    started = time.perf_counter()
    district.setup_district(ctx, code=DISTRICT["code"], name=DISTRICT["name"], passphrase=passphrase, sheet_path=sheet)
    specs = plan_villages(villages, seed)
    own_dir = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="dangjian-demo-")) if own_dir else Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    try:
        paths, counts = build_village_bundles(ctx, specs, passphrase=passphrase, work_dir=work, seed=seed,
                                              progress=progress, workers=workers)
        generated = time.perf_counter()
        receipts = sync.import_bundles(ctx, paths=paths, passphrase=passphrase, progress=progress, backup=False)
        imported = time.perf_counter()
    finally:
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    towns = sorted({s.town for s in specs}, key=TOWNS.index)
    return DemoDistrict(DISTRICT["name"], villages, towns, paths, receipts, counts,
                        {"generate": generated - started, "import": imported - generated})
