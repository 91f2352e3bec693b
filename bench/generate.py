"""Write synthetic content at N times the September 2024 edition (deterministic; for the benchmark only)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Words swapped in copies so that texts differ a little from copy to copy, deterministically.
SWAPS = [("States", "Parties"), ("should", "are encouraged to"), ("ensure", "guarantee"), ("enhance", "strengthen")]


def _vary(text: str, n: int) -> str:
    if n == 0:
        return text
    a, b = SWAPS[n % len(SWAPS)]
    return text.replace(f" {a} ", f" {b} ", 1)


def generate(factor: int, dest: Path) -> Path:
    """Create a project in ``dest`` whose latest edition has ``factor`` x the real sections and items."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(REPO / "layouts", dest / "layouts")
    content = dest / "content"
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("part-a", "part-b", "issued"))
    editions = (content / "editions.yaml").read_text().replace("status: issued", "status: draft")
    (content / "editions.yaml").write_text(editions)
    for part in ("part-a", "part-b"):
        (content / part).mkdir()
        for src in sorted((REPO / "content" / part).glob("*.yaml")):
            text = src.read_text()
            year = int(re.search(r"^year: (\d{4})", text, re.M).group(1))
            for n in range(factor):
                shift = 3 * n  # copies go to later years, keeping the report symbols consistent
                new_year = year + shift
                t = text.replace(f"year: {year}", f"year: {new_year}")
                t = re.sub(rf"(CTOC/COP/WG\.\d)/{year}/", rf"\g<1>/{new_year}/", t)
                t = re.sub(rf"\b(id: [a-z0-9-]+?)-{year}\b", rf"\1-{new_year}", t)
                t = re.sub(rf"\b([a-z0-9-]+)-{year}-(r|o)", rf"\1-{new_year}-\2", t)
                t = re.sub(r"(?m)^(      \S.*)$", lambda m, n=n: _vary(m.group(1), n), t)
                if n and "summary:" in t:  # copies have no kept source to check against
                    t = re.sub(r"(?m)^summary:\n(?:  [^\n]*\n)+", "", t)
                    t = re.sub(r"(?m)^    paragraph: \d+\n", "", t)
                name = src.name.replace(str(year), str(new_year), 1)
                (content / part / name).write_text(t)
    return dest


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
