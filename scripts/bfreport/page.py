"""The report's page: sections of text, tables, charts and <details>, rendered as one
self-contained HTML file (CSS, charts and report.js inline; nothing fetched) and as Markdown."""
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from .charts import Chart
from .tables import Table

_SCRIPT = Path(__file__).with_name("report.js")


@dataclass
class Section:
    title: str
    anchor: str
    out_dir: Optional[Path] = None
    # ("text"|"list"|"table"|"chart"|"heading"|"details"|"link", payload)
    parts: List[tuple] = field(default_factory=list)

    def text(self, value: str):
        self.parts.append(("text", value))

    def items(self, values: List[str]):
        if values:
            self.parts.append(("list", values))

    def table(self, value: Table):
        self.parts.append(("table", value))

    def chart(self, chart: Optional[Chart]):
        if chart is not None:
            self.parts.append(("chart", chart))

    def heading(self, value: str):
        self.parts.append(("heading", value))

    def details(self, summary: str, value: Table):
        """A table shown on demand (closed until the reader opens it)."""
        self.parts.append(("details", (summary, value)))

    def link(self, label: str, target: str):
        self.parts.append(("link", (label, target)))


_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222;
       padding: 0 1em; }
h1 { font-size: 1.6em; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
h3 { margin-top: 1.6em; font-size: 1.1em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .8em 0; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; cursor: pointer; user-select: none; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code { font: 11px ui-monospace, monospace; white-space: nowrap; color: #444; }
.chart svg { max-width: 100%; height: auto; } nav a { margin-right: 1em; }
.bf-point { cursor: crosshair; }
#bf-tooltip { position: fixed; z-index: 10; pointer-events: none; background: #1b2a3a;
              color: #fff; padding: .35em .6em; border-radius: 4px; font-size: 12px;
              max-width: 32em; box-shadow: 0 2px 6px rgba(0,0,0,.3); }
ul.warnings li { color: #8a4b00; }
details { margin: .6em 0 1.2em; } summary { cursor: pointer; color: #1f4e79; }
"""


def _tips(sections: List[Section]) -> Dict[str, str]:
    return {key: text for section in sections for kind, payload in section.parts
            if kind == "chart" for key, text in payload.tips.items()}


def _table_html(table: Table) -> str:
    return f'<div class="scroll">{table.html("sortable")}</div>'


def render_html(title: str, sections: List[Section]) -> str:
    # "</" cannot end the JSON early: the data sits inside a <script> element.
    tips = json.dumps(_tips(sections), ensure_ascii=False).replace("</", "<\\/")
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{html.escape(title)}</h1><nav>"]
    out += [f'<a href="#{s.anchor}">{html.escape(s.title)}</a>' for s in sections]
    out.append("</nav>")
    for section in sections:
        out.append(f'<h2 id="{section.anchor}">{html.escape(section.title)}</h2>')
        for kind, payload in section.parts:
            if kind == "text":
                out.append(f"<p>{html.escape(payload)}</p>")
            elif kind == "heading":
                out.append(f"<h3>{html.escape(payload)}</h3>")
            elif kind == "list":
                out.append('<ul class="warnings">' + "".join(
                    f"<li>{html.escape(item)}</li>" for item in payload) + "</ul>")
            elif kind == "table":
                out.append(_table_html(payload))
            elif kind == "details":
                summary, table = payload
                out.append(f"<details><summary>{html.escape(summary)}</summary>"
                           f"{_table_html(table)}</details>")
            elif kind == "link":
                label, target = payload
                out.append(f'<p><a href="{html.escape(target)}">{html.escape(label)}</a>: '
                           f'{html.escape(target)}</p>')
            elif kind == "chart":
                out.append(f'<div class="chart" id="chart-{payload.name}">{payload.svg}</div>')
    out.append(f'<script type="application/json" id="bf-tips">{tips}</script>')
    out.append(f"<script>{_SCRIPT.read_text()}</script>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_markdown(title: str, sections: List[Section]) -> str:
    out = [f"# {title}", ""]
    for section in sections:
        out += [f"## {section.title}", ""]
        for kind, payload in section.parts:
            if kind == "text":
                out += [payload, ""]
            elif kind == "heading":
                out += [f"### {payload}", ""]
            elif kind == "list":
                out += [f"- {item}" for item in payload] + [""]
            elif kind == "table":
                out += [payload.markdown(), ""]
            elif kind == "details":
                out += [f"<details><summary>{payload[0]}</summary>", "",
                        payload[1].markdown(), "", "</details>", ""]
            elif kind == "link":
                out += [f"[{payload[0]}]({payload[1]})", ""]
            elif kind == "chart":
                out += [f"![{payload.name}]({payload.name}.png)", ""]
    return "\n".join(out)
