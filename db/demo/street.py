"""A demo phase: the street, its communities and grids, the units, the handling units and categories."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from db.demo.vocabulary import (
    CATEGORIES,
    COMMUNITIES,
    COMPOUND_SUFFIXES,
    MUNICIPAL,
    ROADS,
    STREET_CODE,
    STREET_DEPTS,
    STREET_NAME,
    STREET_SHORT,
    UNIT_SPECS,
)
from db.schema.cases import CaseCategory, HandlingUnit
from db.schema.street import Community, Grid, GridWorker, StreetOffice
from db.schema.units import ResidentUnit


class _StreetPhase:
    """The street: office, communities, grids, grid workers, units, handling units, case categories."""

    def _street(self, s: Session) -> None:
        py = self.py
        hist_start = dt.datetime.combine(self.start_day, dt.time(9))
        self.street = StreetOffice(
            code=STREET_CODE,
            name=f"包河区{STREET_NAME}",
            district="包河区",
            city="合肥市",
            grid_code_pattern=r"^\d{15}$",
        )
        self._add(s, [self.street], hist_start)
        self.communities = [
            Community(street_id=self.street.id, code=f"{STREET_CODE}{i + 1:03d}", name=f"{c}社区")
            for i, c in enumerate(COMMUNITIES)
        ]
        self._add(s, self.communities, hist_start)
        # roads and compounds per community
        self.comm_roads: list[list[str]] = []
        self.comm_compounds: list[list[str]] = []
        for i, c in enumerate(COMMUNITIES):
            roads = [ROADS[i], ROADS[8 + 2 * i], ROADS[9 + 2 * i]]
            sfx = py.sample(COMPOUND_SUFFIXES, 3)
            stems = [c, c, ROADS[8 + 2 * i][:2]]
            self.comm_roads.append(roads)
            self.comm_compounds.append([st + sf for st, sf in zip(stems, sfx, strict=True)])
        self.grids: list[Grid] = []
        self.grid_comm: list[int] = []
        for ci, comm in enumerate(self.communities):
            for g in range(py.randint(12, 18)):
                self.grids.append(
                    Grid(
                        community_id=comm.id,
                        code=f"{comm.code}{g + 1:03d}",
                        name=f"{COMMUNITIES[ci]}社区第{g + 1}网格",
                    )
                )
                self.grid_comm.append(ci)
        self._add(s, self.grids, hist_start)
        self.workers = [
            GridWorker(grid_id=g.id, name=self.names.one(), phone=self.names.phone()) for g in self.grids
        ]
        self._add(s, self.workers, hist_start)

    def _units(self, s: Session) -> None:
        py = self.py
        hist_start = dt.datetime.combine(self.start_day, dt.time(9))
        self.units: dict[str, ResidentUnit] = {}
        objs = []
        for key, kind, name, short in UNIT_SPECS:
            suffix = (
                "党委"
                if kind in ("hospital", "state_firm", "police")
                else ("党总支" if kind in ("school", "agency") else "党支部")
            )
            ci = py.randrange(len(COMMUNITIES))
            u = ResidentUnit(
                street_id=self.street.id,
                name=name,
                short_name=short,
                kind=kind,
                party_org=f"{short}{suffix}" if not short.endswith(suffix) else short,
                address=f"{self.comm_roads[ci][py.randrange(3)]}{py.randint(1, 399)}号",
                contact_person=self.names.one(),
                contact_phone=self.names.phone(),
                community_id=self.communities[ci].id,
            )
            self.units[key] = u
            objs.append(u)
        for i, m in enumerate(MUNICIPAL):
            u = ResidentUnit(
                street_id=self.street.id,
                name=f"合肥市{m}",
                short_name=f"市{m[:2]}",
                kind="municipal",
                party_org=f"中共合肥市{m}机关委员会",
                address=f"合肥市政务区{('天鹅湖路', '东流路', '怀宁路', '潜山路')[i % 4]}{py.randint(1, 300)}号",
                contact_person=self.names.one(),
                contact_phone=self.names.phone(),
                community_id=None,
            )
            self.units[f"mu{i}"] = u
            objs.append(u)
        # the street office itself, so street departments can own resolutions
        u = ResidentUnit(
            street_id=self.street.id,
            name=f"包河区{STREET_NAME}办事处",
            short_name="街道办",
            kind="other",
            party_org=f"中共包河区{STREET_NAME}工作委员会",
            address=f"{ROADS[0]}1号",
            contact_person=self.names.one(),
            contact_phone=self.names.phone(),
            community_id=self.communities[0].id,
        )
        self.units["street"] = u
        objs.append(u)
        self._add(s, objs, hist_start)

    def _handling_and_categories(self, s: Session) -> None:
        hu: list[HandlingUnit] = []
        self.role_hu: dict[str, int] = {}  # role -> index into hu (non-community roles)
        for key, name in STREET_DEPTS:
            self.role_hu[key] = len(hu)
            hu.append(
                HandlingUnit(
                    name=name.replace("街道", STREET_SHORT + "街道", 1),
                    kind="street_dept",
                    unit_id=self.units["street"].id,
                )
            )
        for key, unit_key in (
            ("zd", "ag1"),
            ("pcs1", "pcs1"),
            ("pcs2", "pcs2"),
            ("scjg", "ag2"),
            ("sfs", "ag3"),
            ("xf", "ag4"),
        ):
            self.role_hu[key] = len(hu)
            hu.append(
                HandlingUnit(
                    name=self.units[unit_key].name, kind="stationed", unit_id=self.units[unit_key].id
                )
            )
        self.comm_hu0 = len(hu)
        for c in self.communities:
            hu.append(HandlingUnit(name=f"{c.name}居委会", kind="community"))
        self.prop_hu0 = len(hu)
        for key in ("pr1", "pr2", "pr3"):
            hu.append(HandlingUnit(name=self.units[key].name, kind="enterprise", unit_id=self.units[key].id))
        self.role_hu["gd"] = len(hu)
        hu.append(HandlingUnit(name=self.units["sf1"].name, kind="enterprise", unit_id=self.units["sf1"].id))
        self._add(s, hu, dt.datetime.combine(self.start_day, dt.time(9)))
        self.handling_units = hu
        cats = []
        for major, minor, kind, limit, _w in CATEGORIES:
            cats.append(
                CaseCategory(
                    major=major, minor=minor, kind=kind, time_limit_days=limit, is_catch_all=(minor == "其他")
                )
            )
        self._add(s, cats, dt.datetime.combine(self.start_day, dt.time(9)))
        self.categories = cats

    def _hu_index(self, role: str, ci: int) -> int:
        if role == "comm":
            return self.comm_hu0 + ci
        if role == "prop":
            return self.prop_hu0 + ci % 3
        if role == "pcs":
            return self.role_hu["pcs1" if ci < 4 else "pcs2"]
        return self.role_hu[role]
