"""A demo phase: 四联四定: pairings, annual agreements, their items and progress."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from db.demo.vocabulary import AGREEMENT_ITEMS, FIX_LABELS, LINK_LABELS, MUNICIPAL
from db.schema.pairings import AgreementItem, AgreementProgress, AnnualAgreement, Pairing, PairingLabel


class _PairingsPhase:
    """四联四定 pairings with their agreements, items and progress."""

    def _pairings(self, s: Session) -> None:
        py = self.py
        labels = [
            PairingLabel(kind="link", position=i + 1, name=n, description=d + "（名称可在设置中修改）")
            for i, (n, d) in enumerate(LINK_LABELS)
        ]
        labels += [
            PairingLabel(kind="fix", position=i + 1, name=n, description=d + "（名称可在设置中修改）")
            for i, (n, d) in enumerate(FIX_LABELS)
        ]
        self._add(s, labels, dt.datetime.combine(self.start_day, dt.time(9)))
        self.labels = labels
        pairings = []
        for i in range(len(MUNICIPAL)):
            pairings.append(
                Pairing(
                    municipal_unit_id=self.units[f"mu{i}"].id,
                    community_id=self.communities[i % len(self.communities)].id,
                    since_year=py.choice((2014, 2014, 2015, 2016, 2018, 2020, 2022)),
                    active=True,
                )
            )
        self._add(s, pairings, dt.datetime.combine(self.start_day, dt.time(9)))
        self.pairings = pairings
        self.agreement_items: dict[int, list[AgreementItem]] = {}
        year = self.today.year
        agreements = []
        for p in pairings:
            for y in (year - 1, year):
                signed = dt.date(y, 2, py.randint(10, 28))
                if signed > self.today:
                    signed = self.today
                agreements.append(
                    AnnualAgreement(
                        pairing_id=p.id, year=y, signed_on=signed, status="closed" if y < year else "signed"
                    )
                )
        self._add(s, agreements)
        items = []
        progress_rows = []
        for a in agreements:
            titles = py.sample(AGREEMENT_ITEMS, py.randint(4, 8))
            for j, title in enumerate(titles):
                due = dt.date(a.year, py.randint(4, 12), py.randint(1, 28))
                label = labels[j % 4] if py.random() < 0.7 else labels[4 + j % 4]
                start = dt.datetime.combine(a.signed_on, dt.time(10))
                if a.year < year or due < self.today:
                    r = py.random()
                    if r < (0.85 if a.year < year else 0.7):
                        status, pct = "done", 100
                        done_on = (
                            due - dt.timedelta(days=py.randint(0, 30))
                            if py.random() < 0.85
                            else due + dt.timedelta(days=py.randint(1, 25))
                        )
                        done_on = min(done_on, self.today)
                    elif r < 0.92:
                        status, pct, done_on = "in_progress", py.choice((40, 60, 80)), None
                    else:
                        status, pct, done_on = "cancelled", py.choice((0, 20)), None
                else:
                    span = max(1, (due - a.signed_on).days)
                    frac = max(0.0, min(1.0, (self.today - a.signed_on).days / span))
                    pct = int(round(frac * py.uniform(0.5, 1.1) * 10)) * 10
                    pct = min(pct, 90)
                    status, done_on = ("in_progress" if pct > 0 else "planned"), None
                item = AgreementItem(
                    agreement_id=a.id,
                    label_id=label.id,
                    title=title,
                    responsible_person=self.names.one(unique=False),
                    due_on=due,
                    progress_pct=pct,
                    status=status,
                    done_on=done_on,
                    evidence_note="已上传活动照片和签到表" if status == "done" else "",
                )
                items.append(item)
                self.agreement_items.setdefault(a.year, []).append(item)
                # progress rows: evenly spaced up to the current pct
                steps = [p for p in (20, 40, 60, 80, 100) if p <= pct]
                end = dt.datetime.combine(done_on or min(self.today, due), dt.time(16))
                for k, p in enumerate(steps):
                    at = start + (end - start) * ((k + 1) / len(steps))
                    progress_rows.append((item, at, p))
        self._add(s, items)
        self._add(
            s,
            [
                AgreementProgress(
                    item_id=it.id,
                    at=at.replace(microsecond=0),
                    by=it.responsible_person,
                    progress_pct=p,
                    note=f"完成{p}%",
                )
                for it, at, p in progress_rows
            ],
        )
