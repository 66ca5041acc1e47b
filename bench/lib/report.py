"""The results table (Markdown) and bench/RESULTS.md upkeep."""
import os

BEGIN, END = "<!-- bench:begin (written by bench/run.sh) -->", "<!-- bench:end -->"


def _secs(cell):
    if cell is None:
        return "—"
    if isinstance(cell, str):
        return cell
    if not cell.ok:
        return cell.note or "n/a"
    return f"{cell.median:.3f} s (n={len(cell.times)})"


def _mb(cell):
    return f"{cell.rss_kb / 1024:.0f}" if cell is not None and not isinstance(cell, str) and cell.rss_kb else "—"


def _ok(cell):
    return cell is not None and not isinstance(cell, str) and cell.ok


def _met(target, cells):
    if target is None:
        return "", ""
    v = target.check(cells)
    return target.text, ("n/a" if v is None else "yes" if v else "**NO**")


def table(rows):
    head = ("| row | Retort median | Alembic median | Alembic/Retort | target | met? | Retort max RSS MiB "
            "| Alembic max RSS MiB |\n|---|---|---|---|---|---|---|---|")
    lines = [head]
    for row in rows:
        r, a = row.cells.get("retort"), row.cells.get("alembic")
        ratio = f"{a.median / r.median:.1f}×" if _ok(r) and _ok(a) else "n/a"
        text, met = _met(row.target, row.cells)
        lines.append(f"| {row.label} | {_secs(r)} | {_secs(a)} | {ratio} | {text} | {met} | {_mb(r)} | {_mb(a)} |")
        if row.floor_label or "floor" in row.cells:
            f = row.cells.get("floor")
            fr = f"Retort/floor {r.median / f.median:.2f}×" if _ok(r) and _ok(f) else "n/a"
            text, met = _met(row.floor_target, row.cells)
            label = row.floor_label or "floor (raw SQL)"
            lines.append(f"| ↳ {label} | {_secs(r)} | floor: {_secs(f)} | {fr} | {text} | {met} | {_mb(r)} "
                         f"| floor: {_mb(f)} |")
        if row.mem_target is not None:
            rm, am = _mb(r), _mb(a)
            ratio = (f"Retort/Alembic {r.rss_kb / a.rss_kb:.2f}×" if _ok(r) and _ok(a) and r.rss_kb and a.rss_kb
                     else "n/a")
            text, met = _met(row.mem_target, row.cells)
            lines.append(f"| ↳ peak RSS of the same runs (MiB) | {rm} | {am} | {ratio} | {text} | {met} | {rm} | {am} |")
    return "\n".join(lines)


def write_results(path, header, body):
    """Replaces the generated part of RESULTS.md, keeping any hand-written text around it."""
    generated = f"{BEGIN}\n{header}\n\n{body}\n{END}\n"
    old = open(path).read() if os.path.exists(path) else ""
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + generated + old[old.index(END) + len(END) + 1:]
    else:
        new = (old.rstrip() + "\n\n" if old.strip() else "# Benchmark results\n\n") + generated
    with open(path, "w") as f:
        f.write(new)
