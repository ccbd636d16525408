"""A demo phase: grid cases, generated column-wise with numpy and bulk-loaded."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, select
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Session

from db.cases.states import DEFAULT_TRANSITIONS
from db.demo.helpers import _epoch, _nullable, _ts_strings
from db.demo.vocabulary import (
    AT_COMPOUND,
    CATEGORIES,
    CHUNK,
    COMPONENT_ROLES,
    DESC_PREFIX,
    DESC_SUFFIX,
    DONE_CODES,
    GIVEN_2,
    HISTORY_DAYS,
    MAJOR_WEIGHTS,
    NOTE_POOLS,
    OPEN_CODES,
    PUSHED,
    REPLY_NOTES,
    RESIDENT_HEAVY,
    ROLE_BY_MAJOR,
    SOURCE_ACTOR,
    SOURCE_KEY,
    SOURCE_P_NORMAL,
    SOURCE_P_RESIDENT,
    SOURCES,
    SPOTS,
    STATE_CODE,
    STATE_NAMES,
    STATE_NAMES_NULL,
    STREET_NAME,
    SURNAMES,
)
from db.schema.cases import CaseEvent, GridCase


class _CasesPhase:
    """About two years of grid cases and their full event history (bulk load)."""

    def _cases(self, s: Session, conn: Connection) -> None:
        n = self.n_cases
        self.case_id_base = s.scalar(select(func.max(GridCase.id))) or 0
        self.event_id_base = s.scalar(select(func.max(CaseEvent.id))) or 0
        cols = self._case_columns(n)
        self.report("case events", 0.3)
        ev = self._case_events(cols)
        self.report("writing cases", 0.45)
        self._write_cases(conn, cols, ev)
        self.case_cols = cols

    def _case_columns(self, n: int) -> dict[str, np.ndarray]:
        rng = self.rng
        # --- when: weekday and seasonal variation, slight growth over the two years
        days = np.arange(HISTORY_DAYS)
        dates = np.array([self.start_day + dt.timedelta(days=int(d)) for d in days])
        weekday = np.array([d.weekday() for d in dates])
        doy = np.array([d.timetuple().tm_yday for d in dates])
        w = np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.55, 0.45))
        w = w * (1 + 0.22 * np.cos(2 * np.pi * (doy - 200) / 365.0)) * np.linspace(0.9, 1.1, HISTORY_DAYS)
        spring = (doy > 20) & (doy < 45)
        w = np.where(spring, w * 0.6, w)
        day_idx = rng.choice(HISTORY_DAYS, size=n, p=w / w.sum())
        cat_w = np.array(
            [
                MAJOR_WEIGHTS[maj] * wt / sum(c[4] for c in CATEGORIES if c[0] == maj)
                for maj, _m, _k, _l, wt in CATEGORIES
            ]
        )
        cat = rng.choice(len(CATEGORIES), size=n, p=cat_w / cat_w.sum())
        resident_heavy = np.array([c[0] in RESIDENT_HEAVY for c in CATEGORIES])[cat]
        u = rng.random(n)
        src = np.where(
            resident_heavy,
            np.searchsorted(np.cumsum(SOURCE_P_RESIDENT), u),
            np.searchsorted(np.cumsum(SOURCE_P_NORMAL), u),
        ).clip(0, 3)
        patrol_tod = 8.5 * 3600 + rng.beta(2.2, 2.2, n) * 9 * 3600
        other_tod = 7 * 3600 + rng.beta(1.6, 1.6, n) * 15 * 3600
        tod = np.where(src == 0, patrol_tod, other_tod).astype(np.int64)
        start_s = _epoch(dt.datetime.combine(self.start_day, dt.time()))
        reported = start_s + day_idx.astype(np.int64) * 86400 + tod
        order = np.argsort(reported, kind="stable")
        reported, cat, src, day_idx = reported[order], cat[order], src[order], day_idx[order]
        # --- where
        gw = rng.gamma(2.0, 1.0, len(self.grids))
        grid = rng.choice(len(self.grids), size=n, p=gw / gw.sum())
        comm = np.asarray(self.grid_comm)[grid]
        # --- who handles it
        hu = np.empty(n, dtype=np.int64)
        u = rng.random(n)
        ncomm = len(self.communities)
        for ci_cat, (major, _minor, kind, _l, _w) in enumerate(CATEGORIES):
            mask = cat == ci_cat
            if not mask.any():
                continue
            roles = COMPONENT_ROLES if kind == "component" else ROLE_BY_MAJOR[major]
            cum = np.cumsum([p for _r, p in roles])
            pick = np.searchsorted(cum / cum[-1], u[mask]).clip(0, len(roles) - 1)
            table = np.array([[self._hu_index(r, c) for c in range(ncomm)] for r, _p in roles])
            hu[mask] = table[pick, comm[mask]]
        n_hu = len(self.handling_units)
        wrong = (hu + 1 + rng.integers(0, n_hu - 1, n)) % n_hu
        limit_days = np.array([c[3] for c in CATEGORIES])[cat]
        return {
            "reported": reported,
            "cat": cat,
            "src": src,
            "day_idx": day_idx,
            "grid": grid,
            "comm": comm,
            "hu": hu,
            "wrong": wrong,
            "limit": limit_days.astype(np.int64) * 86400,
        }

    def _case_events(self, c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Each case's path through the state machine, truncated at 'now'."""
        rng = self.rng
        n = len(c["reported"])
        now_s = _epoch(self.now)
        en = self.enabled
        lim = c["limit"].astype(np.float64)
        src = c["src"]
        # --- per-case flags
        void = rng.random(n) < 0.02
        ret = (rng.random(n) < 0.05) & (("DISPATCHED", "return") in en)
        hold = (rng.random(n) < 0.02) & (("IN_PROGRESS", "hold") in en) & (("ON_HOLD", "resume") in en)
        long_limit = lim >= 7 * 86400
        ext = (rng.random(n) < np.where(long_limit, 0.08, 0.025)) & (("IN_PROGRESS", "extend") in en)
        fail = (rng.random(n) < 0.04) & (("FEEDBACK", "check_fail") in en)
        visit_p = np.select([src == 0, src == 3], [0.55, 0.3], 0.95)
        visit = (rng.random(n) < visit_p).astype(np.int64)
        reopen = (visit == 1) & (rng.random(n) < 0.012) & (("EVALUATED", "unsatisfied") in en)
        visit = visit + reopen
        stuck = rng.random(n) < 0.005
        tid = np.where(void, 0, 1 + ret * 24 + hold * 12 + ext * 6 + fail * 3 + visit)
        # --- report -> first check_pass (holds excluded) as a multiple of the time limit
        ratio = np.exp(rng.normal(np.log(np.where(long_limit, 0.45, 0.3)), 0.6, n))
        ratio = np.where(ext, rng.uniform(1.05, 1.8, n), ratio)
        ratio = np.where(stuck, ratio * rng.uniform(3, 20, n), ratio)
        dur = ratio * lim
        f_l = np.clip(lim / (3 * 86400), 0.2, 1.5)  # urgent categories move faster at every step
        chk = rng.exponential(8 * 3600, n) * f_l + 900  # check after the work is reported done
        held = rng.uniform(2, 15, n) * 86400 * np.where(stuck, 4, 1)  # hold duration
        ext_by = np.maximum(lim, 3 * 86400)  # extension granted
        sat_dist = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.02, 0.03, 0.05, 0.25, 0.65])
        sat_first = np.where(reopen, rng.choice([1, 2], size=n), sat_dist)
        sat_second = rng.choice([3, 4, 5], size=n, p=[0.3, 0.4, 0.3])
        supervised = rng.random(n) < 0.02

        trans = {(t.from_state, t.action): t.to_state for t in DEFAULT_TRANSITIONS}
        case_ids = np.arange(1, n + 1, dtype=np.int64) + self.case_id_base

        out_state = np.empty(n, dtype=np.int8)
        deadline = c["reported"].astype(np.float64) + lim
        closed = np.full(n, -1, dtype=np.int64)
        hold_started = np.full(n, -1, dtype=np.int64)
        last_at = c["reported"].copy()
        ext_count = np.zeros(n, dtype=np.int64)
        ret_count = np.zeros(n, dtype=np.int64)
        satisfaction = np.zeros(n, dtype=np.int64)
        dispatched_to = np.full(n, -1, dtype=np.int64)
        ev_parts: dict[str, list[np.ndarray]] = {k: [] for k in ("case", "step", "at", "act", "who", "note")}

        actions = (
            "report",
            "reject",
            "file",
            "dispatch",
            "return",
            "accept",
            "hold",
            "resume",
            "extend",
            "report_done",
            "check_fail",
            "check_pass",
            "return_visit",
            "unsatisfied",
        )
        self.event_actions = actions
        act_code = {a: i for i, a in enumerate(actions)}
        # note table: per-action pools, then 'dispatch to X' per handling unit
        notes: list[str] = [""]
        pool_off: dict[str, tuple[int, int]] = {}
        for a in actions:
            pool = NOTE_POOLS.get(a)
            if pool:
                pool_off[a] = (len(notes), len(pool))
                notes.extend(pool)
        disp_off = len(notes)
        notes.extend(f"派遣至{h.name}" for h in self.handling_units)
        self.note_table = np.array(notes, dtype=object)
        # actor table: grid workers, sources, dispatchers, handling units
        actors: list[str] = [w.name for w in self.workers]
        src_off = len(actors)
        actors.extend(SOURCE_ACTOR.get(s_, "") for s_ in SOURCES)
        disp_names = [f"指挥中心{self.names.one()}" for _ in range(4)]
        dsp_off = len(actors)
        actors.extend(disp_names)
        hu_off = len(actors)
        actors.extend(h.name for h in self.handling_units)
        self.actor_table = np.array(actors, dtype=object)
        reporter_actor = np.where(src == 0, c["grid"], src_off + src)

        for t in range(49):
            idx = np.nonzero(tid == t)[0]
            if len(idx) == 0:
                continue
            if t == 0:
                tmpl = ["report", "reject"]
            else:
                f = t - 1
                r_, h_, e_, fl_, v_ = f // 24, (f // 12) % 2, (f // 6) % 2, (f // 3) % 2, f % 3
                tmpl = ["report", "file", "dispatch"]
                if r_:
                    tmpl += ["return", "dispatch"]
                tmpl += ["accept"]
                if h_:
                    tmpl += ["hold", "resume"]
                if e_:
                    tmpl += ["extend"]
                tmpl += ["report_done"]
                if fl_:
                    tmpl += ["check_fail", "report_done"]
                tmpl += ["check_pass"]
                if v_ >= 1:
                    tmpl += ["return_visit"]
                if v_ == 2:
                    tmpl += ["unsatisfied", "report_done", "check_pass", "return_visit"]
            m = len(tmpl)
            k_ = len(idx)
            times = np.empty((k_, m), dtype=np.int64)
            prev = c["reported"][idx]
            w_eff = np.zeros(k_)
            n_seg = 1 + tmpl.count("hold") + tmpl.count("extend")
            frac = rng.dirichlet(np.ones(n_seg), k_) if n_seg > 1 else np.ones((k_, 1))
            seg = 0
            seen_done = False
            seen_dispatch = False
            states: list[str | None] = []
            st: str | None = None
            who = np.empty((k_, m), dtype=np.int64)
            note = np.zeros((k_, m), dtype=np.int64)
            fl = f_l[idx]

            def exp(mean: float, lo: float = 0.0, k_: int = k_, fl: np.ndarray = fl) -> np.ndarray:
                return rng.exponential(mean, k_) * fl + lo

            for j, a in enumerate(tmpl):
                if a == "report":
                    g = np.zeros(k_)
                elif a == "reject":
                    g = exp(4 * 3600, 600)
                elif a == "file":
                    g = np.where(rng.random(k_) < 0.9, exp(1.0 * 3600, 300), exp(16 * 3600, 3600))
                elif a == "dispatch":
                    g = (
                        exp(3 * 3600, 600)
                        if seen_dispatch
                        else np.where(rng.random(k_) < 0.92, exp(0.8 * 3600, 120), exp(10 * 3600, 1800))
                    )
                elif a == "return":
                    g = exp(6 * 3600, 1800)
                elif a == "accept":
                    g = np.where(rng.random(k_) < 0.9, exp(1.5 * 3600, 300), exp(20 * 3600, 3600))
                elif a in ("hold", "extend") or (a == "report_done" and not seen_done):
                    if seg == 0:
                        w_eff = np.maximum(
                            c["reported"][idx] + dur[idx] - prev - chk[idx], 0.1 * lim[idx] + 1200
                        )
                    g = w_eff * frac[:, seg]
                    seg += 1
                    if a == "report_done":
                        seen_done = True
                elif a == "resume":
                    g = held[idx]
                elif a == "report_done":
                    g = exp(2 * 86400, 3600)
                elif (
                    a in ("check_fail", "check_pass")
                    and tmpl[j - 1] == "report_done"
                    and tmpl.index("report_done") == j - 1
                ):
                    g = chk[idx]
                elif a == "check_fail":
                    g = exp(8 * 3600, 1800)
                elif a == "check_pass":
                    g = exp(6 * 3600, 900)
                elif a == "return_visit":
                    g = exp(3 * 86400, 3600)
                else:  # unsatisfied
                    g = rng.uniform(60, 600, k_)
                t_ = prev + g.astype(np.int64)
                if a in PUSHED:  # office actions outside 08:00-20:00 wait for the next morning
                    tod = t_ % 86400
                    jitter = rng.integers(0, 2400, k_)
                    t_ = np.where(
                        tod < 8 * 3600,
                        t_ - tod + 8 * 3600 + jitter,
                        np.where(tod >= 20 * 3600, t_ - tod + 86400 + 8 * 3600 + jitter, t_),
                    )
                times[:, j] = t_
                prev = t_
                # who
                if a == "report":
                    who[:, j] = reporter_actor[idx]
                elif a in ("accept", "report_done", "hold", "extend", "resume"):
                    who[:, j] = hu_off + c["hu"][idx]
                elif a == "return":
                    who[:, j] = hu_off + c["wrong"][idx]
                elif a in ("check_fail", "check_pass"):
                    who[:, j] = c["grid"][idx]
                else:
                    who[:, j] = dsp_off + rng.integers(0, len(disp_names), k_)
                # note
                if a == "dispatch":
                    target = c["hu"][idx] if (seen_dispatch or "return" not in tmpl) else c["wrong"][idx]
                    note[:, j] = disp_off + target
                    seen_dispatch = True
                elif a in pool_off:
                    o, ln = pool_off[a]
                    note[:, j] = o + rng.integers(0, ln, k_)
                st = "REPORTED" if a == "report" else trans[(st, a)]
                states.append(st)
            happened = times <= now_s
            kk = happened.sum(axis=1)  # >= 1: the report is at reported_at <= now
            rows = np.arange(k_)
            st_arr = np.array([STATE_CODE[x] for x in states], dtype=np.int8)
            out_state[idx] = st_arr[kk - 1]
            last_at[idx] = times[rows, kk - 1]
            cols = {a: [j for j, x in enumerate(tmpl) if x == a] for a in set(tmpl)}
            for j in cols.get("resume", []):
                deadline[idx] += np.where(happened[:, j], held[idx], 0)
            for j in cols.get("extend", []):
                deadline[idx] += np.where(happened[:, j], ext_by[idx], 0)
                ext_count[idx] += happened[:, j]
            for a in ("return", "check_fail", "unsatisfied"):
                for j in cols.get(a, []):
                    ret_count[idx] += happened[:, j]
            for j in cols.get("hold", []):
                on_hold = out_state[idx] == STATE_CODE["ON_HOLD"]
                hold_started[idx] = np.where(on_hold, times[:, j], -1)
            cl = np.full(k_, -1, dtype=np.int64)
            for j in cols.get("check_pass", []):
                cl = np.where(happened[:, j], times[:, j], cl)
            done = np.isin(out_state[idx], DONE_CODES)
            closed[idx] = np.where(done, cl, -1)
            rv = cols.get("return_visit", [])
            sat = np.zeros(k_, dtype=np.int64)
            if rv:
                sat = np.where(happened[:, rv[0]], sat_first[idx], 0)
            if len(rv) > 1:
                sat = np.where(happened[:, rv[1]], sat_second[idx], sat)
            satisfaction[idx] = sat
            dsp = cols.get("dispatch", [])
            if dsp:
                d_to = np.full(k_, -1, dtype=np.int64)
                d_to = np.where(happened[:, dsp[0]], c["wrong"][idx] if len(dsp) > 1 else c["hu"][idx], d_to)
                if len(dsp) > 1:
                    d_to = np.where(happened[:, dsp[1]], c["hu"][idx], d_to)
                dispatched_to[idx] = d_to
            # events (row-major over the happened mask keeps each case's steps in order)
            ev_parts["case"].append(np.broadcast_to(case_ids[idx, None], (k_, m))[happened])
            ev_parts["step"].append(np.broadcast_to(np.arange(m), (k_, m))[happened])
            ev_parts["at"].append(times[happened])
            ev_parts["act"].append(np.broadcast_to(np.array([act_code[a] for a in tmpl]), (k_, m))[happened])
            ev_parts["who"].append(who[happened])
            ev_parts["note"].append(note[happened])
            st_from = np.concatenate([[-1], st_arr[:-1]]).astype(np.int8)
            ev_parts.setdefault("from", []).append(np.broadcast_to(st_from, (k_, m))[happened])
            ev_parts.setdefault("to", []).append(np.broadcast_to(st_arr, (k_, m))[happened])

        ev = {k: np.concatenate(v) for k, v in ev_parts.items()}
        order = np.lexsort((ev["step"], ev["case"]))
        ev = {k: v[order] for k, v in ev.items()}
        self.n_events = len(ev["case"])

        open_ = np.isin(out_state, OPEN_CODES)
        deadline_i = deadline.astype(np.int64)
        overdue_open = open_ & (deadline_i < now_s)
        supervised = supervised | (overdue_open & (rng.random(n) < 0.15)) | (stuck & (rng.random(n) < 0.5))
        escalation = np.where(supervised, rng.choice([1, 1, 2], size=n), np.where(stuck, 1, 0))
        c.update(
            {
                "state": out_state,
                "deadline": deadline_i,
                "closed": closed,
                "hold_started": hold_started,
                "last_at": last_at,
                "ext_count": ext_count,
                "ret_count": ret_count,
                "satisfaction": satisfaction,
                "supervised": supervised,
                "escalation": escalation,
                "handled_by": dispatched_to,
                "id": case_ids,
            }
        )
        return ev

    # The case ids are supplied explicitly; an empty street means an empty grid_case table is typical,
    # but tolerate leftovers (e.g. imported cases without a street) by starting above max(id).
    case_id_base = 0
    event_id_base = 0

    def _case_text(self, c: dict[str, np.ndarray]) -> tuple[list[str], list[str], list[str], list[str]]:
        rng = self.rng
        n = len(c["reported"])
        road_pick = rng.integers(0, 3, n).tolist()
        num = rng.integers(1, 400, n).tolist()
        bld = rng.integers(1, 36, n).tolist()
        spot = rng.integers(0, len(SPOTS), n).tolist()
        suffix = rng.integers(0, len(DESC_SUFFIX), n).tolist()
        minors = [m for _a, m, *_ in CATEGORIES]
        compound_cat = [maj in AT_COMPOUND for maj, *_ in CATEGORIES]
        roads, comps = self.comm_roads, self.comm_compounds
        titles: list[str] = []
        addrs: list[str] = []
        descs: list[str] = []
        street = f"合肥市包河区{STREET_NAME}"
        for ci, k, p, nm, b, sp, sx, so in zip(
            c["comm"].tolist(),
            c["cat"].tolist(),
            road_pick,
            num,
            bld,
            spot,
            suffix,
            c["src"].tolist(),
            strict=True,
        ):
            if compound_cat[k]:
                place = f"{comps[ci][p]}{b}栋"
                addr = f"{street}{place}"
                title = f"{place}{minors[k]}"
            else:
                place = f"{roads[ci][p]}{nm}号"
                addr = f"{street}{place}"
                title = f"{place}{SPOTS[sp]}{minors[k]}"
            titles.append(title)
            addrs.append(addr)
            descs.append(f"{DESC_PREFIX[so]}{title}{DESC_SUFFIX[sx]}")
        # case numbers: BH + date + 5-digit sequence within the day (cases are sorted by time)
        day = c["day_idx"]
        first = np.searchsorted(day, day, side="left")
        seq = (np.arange(n) - first + 1).tolist()
        day_str = [(self.start_day + dt.timedelta(days=d)).strftime("%Y%m%d") for d in range(HISTORY_DAYS)]
        numbers = [f"BH{day_str[d]}{q:05d}" for d, q in zip(day.tolist(), seq, strict=True)]
        return numbers, titles, addrs, descs

    def _write_cases(self, conn: Connection, c: dict[str, np.ndarray], ev: dict[str, np.ndarray]) -> None:
        rng = self.rng
        n = len(c["reported"])
        numbers, titles, addrs, descs = self._case_text(c)
        self.report("writing cases", 0.55)
        hu_ids = np.array([h.id for h in self.handling_units], dtype=np.int64)
        grid_ids = np.array([g.id for g in self.grids], dtype=np.int64)
        comm_ids = np.array([x.id for x in self.communities], dtype=np.int64)
        cat_ids = np.array([x.id for x in self.categories], dtype=np.int64)
        # reporters for hotline/resident cases
        has_rep = (c["src"] == 1) | (c["src"] == 2)
        sur = rng.integers(0, 60, n).tolist()
        giv = rng.integers(0, len(GIVEN_2), n).tolist()
        tail = rng.integers(0, 10000, n).tolist()
        head = rng.integers(0, 100, n).tolist()
        rep_name = [
            f"{SURNAMES[a]}{'先生' if b % 2 else '女士'}" if h else ""
            for a, b, h in zip(sur, giv, has_rep.tolist(), strict=True)
        ]
        rep_phone = [
            f"1{3 + hd % 7}{hd % 10}****{t:04d}" if h else ""
            for hd, t, h in zip(head, tail, has_rep.tolist(), strict=True)
        ]
        state = STATE_NAMES[c["state"]]
        done = np.isin(c["state"], DONE_CODES)
        reply_pick = rng.integers(0, len(REPLY_NOTES), n)
        reply = np.where(done, np.array(REPLY_NOTES, dtype=object)[reply_pick], "").tolist()
        rep_ts = _ts_strings(c["reported"])
        case_rows = zip(
            c["id"].tolist(),
            numbers,
            np.array(SOURCES, dtype=object)[c["src"]].tolist(),
            [SOURCE_KEY] * n,
            titles,
            descs,
            addrs,
            comm_ids[c["comm"]].tolist(),
            grid_ids[c["grid"]].tolist(),
            cat_ids[c["cat"]].tolist(),
            _nullable(hu_ids[np.maximum(c["handled_by"], 0)], c["handled_by"] >= 0),
            state.tolist(),
            rep_ts.tolist(),
            _ts_strings(c["deadline"]).tolist(),
            _nullable(_ts_strings(np.maximum(c["closed"], 0)), c["closed"] >= 0),
            _nullable(_ts_strings(np.maximum(c["hold_started"], 0)), c["hold_started"] >= 0),
            c["supervised"].tolist(),
            c["escalation"].tolist(),
            c["ext_count"].tolist(),
            c["ret_count"].tolist(),
            _nullable(c["satisfaction"], c["satisfaction"] > 0),
            rep_name,
            rep_phone,
            reply,
            [1] * n,
            rep_ts.tolist(),
            _ts_strings(c["last_at"]).tolist(),
            strict=True,
        )
        case_cols = (
            "id",
            "case_number",
            "source",
            "source_key",
            "title",
            "description",
            "address",
            "community_id",
            "grid_id",
            "category_id",
            "handling_unit_id",
            "state",
            "reported_at",
            "deadline_at",
            "closed_at",
            "hold_started_at",
            "supervised",
            "escalation_level",
            "extension_count",
            "return_count",
            "satisfaction",
            "reporter_name",
            "reporter_phone",
            "reply_note",
            "version",
            "created_at",
            "updated_at",
        )
        self._bulk(conn, "grid_case", case_cols, case_rows, n, 0.55, 0.7)
        del numbers, titles, addrs, descs, rep_name, rep_phone, reply
        ev_cols = ("id", "case_id", "at", "actor", "action", "from_state", "to_state", "note")
        e = len(ev["case"])
        actions = np.array(self.event_actions, dtype=object)

        def event_rows() -> Iterator[tuple[Any, ...]]:
            for lo in range(0, e, CHUNK):
                hi = min(e, lo + CHUNK)
                yield from zip(
                    range(self.event_id_base + lo + 1, self.event_id_base + hi + 1),
                    ev["case"][lo:hi].tolist(),
                    _ts_strings(ev["at"][lo:hi]).tolist(),
                    self.actor_table[ev["who"][lo:hi]].tolist(),
                    actions[ev["act"][lo:hi]].tolist(),
                    STATE_NAMES_NULL[ev["from"][lo:hi] + 1].tolist(),
                    STATE_NAMES[ev["to"][lo:hi]].tolist(),
                    self.note_table[ev["note"][lo:hi]].tolist(),
                    strict=True,
                )

        self._bulk(conn, "case_event", ev_cols, event_rows(), e, 0.7, 0.88)

    def _bulk(
        self,
        conn: Connection,
        table: str,
        cols: Sequence[str],
        rows: Iterator[tuple[Any, ...]],
        total: int,
        f0: float,
        f1: float,
    ) -> None:
        raw = conn.connection.driver_connection
        if conn.dialect.name == "sqlite":
            # Secondary indexes are dropped for the load and rebuilt from their own DDL afterwards
            # (a sort-based build is several times faster than 1M random-order B-tree inserts).
            # All inside the load transaction, so a failure rolls the indexes back too.
            indexes = raw.execute(  # type: ignore[union-attr]
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL ORDER BY name",
                (table,),
            ).fetchall()
            if total < 50_000:
                indexes = []
            for name, _sql in indexes:
                raw.execute(f'DROP INDEX "{name}"')  # type: ignore[union-attr]
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            done = 0
            while True:
                batch = list(itertools.islice(rows, CHUNK))
                if not batch:
                    break
                raw.executemany(sql, batch)  # type: ignore[union-attr]
                done += len(batch)
                self.report(table.replace("_", " "), f0 + (f1 - f0) * done / max(total, 1))
            for _name, ddl in indexes:
                raw.execute(ddl)  # type: ignore[union-attr]
        elif conn.dialect.name == "postgresql":
            with raw.cursor() as cur:  # type: ignore[union-attr]
                # Foreign keys (checked row by row by triggers) and plain indexes are dropped for
                # the load and restored from their own definitions afterwards, in the same
                # transaction; the primary key and unique constraints stay.
                restore: list[str] = []
                if total >= 50_000:
                    cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
                    fks = cur.execute(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                        (table,),
                    ).fetchall()
                    idx = cur.execute(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                        "AND tablename = %s AND indexname NOT IN "
                        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
                        (table, table),
                    ).fetchall()
                    for name, _ in fks:
                        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                    for name, _ in idx:
                        cur.execute(f'DROP INDEX "{name}"')
                    restore = [ddl for _, ddl in idx]
                    restore += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {ddl}' for name, ddl in fks]
                with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                    for i, row in enumerate(rows):
                        cp.write_row(row)
                        if i % CHUNK == CHUNK - 1:
                            self.report(table.replace("_", " "), f0 + (f1 - f0) * i / max(total, 1))
                for ddl in restore:
                    cur.execute(ddl)
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
        else:
            keys = list(cols)
            t = sa_table(table, *[sa_column(k) for k in keys])
            while True:
                batch = [dict(zip(keys, r, strict=True)) for r in itertools.islice(rows, CHUNK)]
                if not batch:
                    break
                conn.execute(t.insert(), batch)
