"""The multi-PC benchmark's checker catches a lost write, an overwrite, an unexplained refusal and
a run that wrote nothing (a small planted result set: no server, no 20-process run)."""

from __future__ import annotations

from collections import Counter

from tests.benchmarks.bench_multipc import Final, check


def _write(marker: str, kind: str, table: str, row_id: int, base: int, value: object, result: str = "committed",
           **more: object) -> dict:
    entry = {"marker": marker, "kind": kind, "table": table, "row_id": row_id, "base": base, "value": value,
             "result": result, "login": "secretary"}
    if result == "committed":
        entry["new"] = base + 1
    entry.update(more)
    return entry


def _run() -> tuple[list[dict], Final]:
    """Four writes that all landed, one refused because another moved the row on: a clean run."""
    entries = [
        _write("bench00-1", "minutes", "agenda_item", 7, 1, "bench00-1"),
        _write("bench01-1", "minutes", "agenda_item", 7, 2, "bench01-1"),
        _write("bench00-10", "minutes", "agenda_item", 8, 1, "bench00-10"),
        _write("bench02-1", "attendance", "attendance", 3, 4, "excused"),
        _write("bench03-1", "task", "task", 5, 1, 40),
        _write("bench02-2", "minutes", "agenda_item", 7, 1, "bench02-2", result="refused",
               error="ConflictError: a newer version"),
    ]
    final = Final(
        versions={("agenda_item", 7): 3, ("agenda_item", 8): 2, ("attendance", 3): 5, ("task", 5): 2},
        notes={7: "议题说明\nbench00-1\nbench01-1\n", 8: "bench00-10\n"},
        status={3: "excused"},
        progress={5: 40},
        feedback=Counter({"bench03-1": 1}),
        audit={("agenda_item", 7): [(1, 2), (2, 3)], ("agenda_item", 8): [(1, 2)], ("attendance", 3): [(4, 5)],
               ("task", 5): [(1, 2)]},
    )
    return entries, final


def test_a_clean_run_passes():
    entries, final = _run()
    verdict = check(entries, final)
    assert (verdict.committed, verdict.refused) == (5, 1)
    assert verdict.failures(min_committed=5) == []


def test_a_lost_write_is_caught_by_exact_lines_not_fragments():
    entries, final = _run()
    # item 7 lost bench00-1's line; a longer marker holding it as a fragment must not count
    final.notes[7] = "议题说明\nbench00-10x\nbench01-1\n"
    verdict = check(entries, final)
    assert [line.split(":")[0] for line in verdict.lost] == ["bench00-1"]


def test_an_overwrite_is_caught():
    entries, final = _run()
    # a second commit claims version 5 of attendance 3 (it saved over the first without a conflict)
    entries.append(_write("bench04-1", "attendance", "attendance", 3, 4, "present"))
    verdict = check(entries, final)
    assert any("version 5 claimed by 2 commits" in line for line in verdict.overwritten)


def test_a_final_value_other_than_the_newest_commit_is_an_overwrite():
    entries, final = _run()
    final.progress[5] = 70  # someone's value replaced the newest committed one
    verdict = check(entries, final)
    assert verdict.overwritten and "task 5 holds 70" in verdict.overwritten[0]
    assert verdict.lost == []


def test_a_refusal_needs_a_reason():
    entries, final = _run()
    entries.append(_write("bench05-1", "task", "task", 5, 1, 10, result="refused",
                          error="InsufficientPrivilege: permission denied for table audit_log"))
    entries.append(_write("bench05-2", "attendance", "attendance", 3, 9, "present", result="refused",
                          error="ConflictError: a newer version"))  # nobody made version 10
    verdict = check(entries, final)
    assert [line.split(" ")[0] for line in verdict.unexplained] == ["bench05-1", "bench05-2:"]


def test_a_run_that_committed_too_little_fails():
    entries, final = _run()
    assert check(entries, final).failures(min_committed=6) == ["only 5 writes committed (at least 6 wanted)"]
    assert check([], Final()).failures(min_committed=1) == ["only 0 writes committed (at least 1 wanted)"]
