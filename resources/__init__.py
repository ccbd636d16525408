"""Files shipped with StreetBoard: fonts, translations, themes, icons.

This module deliberately does not import Qt; the desktop layer loads the
returned paths / stylesheet text itself.
"""

from __future__ import annotations

import importlib.resources
import pathlib
import re

__all__ = ["FONT_FAMILY", "path", "font_files", "translation_file", "theme", "theme_variables"]

#: Family name of the bundled Noto Sans SC subset (see fonts/README.txt).
FONT_FAMILY = "StreetBoard Sans SC"

_VAR_DEF = re.compile(r"^\s*@([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*;\s*$")
_VAR_USE = re.compile(r"@([A-Za-z_][\w-]*)")


def path(*parts: str) -> pathlib.Path:
    """Absolute path of a file (or directory) shipped in ``resources/``."""
    root = pathlib.Path(str(importlib.resources.files("resources")))
    return root.joinpath(*parts)


def font_files() -> list[pathlib.Path]:
    """The bundled OpenType font files (Regular first, then Bold)."""
    fonts = path("fonts")
    files = sorted(fonts.glob("*.otf")) + sorted(fonts.glob("*.ttf"))
    return sorted(files, key=lambda p: ("Bold" in p.stem, p.name))


def translation_file(locale: str = "zh_CN") -> pathlib.Path:
    """The compiled Qt translation (.qm) for *locale*."""
    return path("translations", f"streetboard_{locale}.qm")


def _split_theme(text: str) -> tuple[dict[str, str], str]:
    variables: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        m = _VAR_DEF.match(line)
        if m:
            variables[m.group(1)] = m.group(2)
        else:
            body.append(line)
    return variables, "\n".join(body).strip() + "\n"


def theme_variables(name: str = "light") -> dict[str, str]:
    """The ``@variables`` defined at the top of ``themes/<name>.qss``."""
    text = path("themes", f"{name}.qss").read_text(encoding="utf-8")
    return _split_theme(text)[0]


def theme(name: str = "light") -> str:
    """Text of ``themes/<name>.qss`` with its ``@variables`` substituted.

    Variables are declared one per line as ``@accent: #B71C1C;`` and used
    anywhere below as ``@accent``.  Unknown variables raise ``KeyError``.
    """
    text = path("themes", f"{name}.qss").read_text(encoding="utf-8")
    variables, body = _split_theme(text)
    variables.setdefault("icons", path("icons").as_posix())

    def sub(m: re.Match[str]) -> str:
        try:
            return variables[m.group(1)]
        except KeyError:
            raise KeyError(f"themes/{name}.qss: undefined variable @{m.group(1)}") from None

    return _VAR_USE.sub(sub, body)
