"""One table, three renderings: aligned console text, Markdown and HTML."""
import html
from dataclasses import dataclass, field
from typing import List


@dataclass
class Table:
    headers: List[str]
    rows: List[List[str]] = field(default_factory=list)
    right: List[bool] = field(default_factory=list)   # right-align column i (numbers)
    classes: List[str] = field(default_factory=list)  # HTML: an extra CSS class of column i

    def add(self, *cells):
        self.rows.append([str(c) for c in cells])

    def _right(self, i):
        return i < len(self.right) and self.right[i]

    def text(self) -> str:
        widths = [len(h) for h in self.headers]
        for row in self.rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row)]

        def line(cells):
            return "  ".join(c.rjust(w) if self._right(i) else c.ljust(w)
                             for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

        out = [line(self.headers), "  ".join("-" * w for w in widths)]
        out += [line(row) for row in self.rows]
        return "\n".join(out)

    def markdown(self) -> str:
        def escape(cell):
            return cell.replace("|", "\\|")

        out = ["| " + " | ".join(escape(h) for h in self.headers) + " |",
               "|" + "|".join("---:" if self._right(i) else "---"
                              for i in range(len(self.headers))) + "|"]
        out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in self.rows]
        return "\n".join(out)

    def html(self, css_class: str = "") -> str:
        def cell(tag, i, text):
            names = " ".join(filter(None, ["num" if self._right(i) else "",
                                           self.classes[i] if i < len(self.classes) else ""]))
            klass = f' class="{names}"' if names else ""
            return f"<{tag}{klass}>{html.escape(text)}</{tag}>"

        head = "".join(cell("th", i, h) for i, h in enumerate(self.headers))
        body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
                       for row in self.rows)
        klass = f' class="{css_class}"' if css_class else ""
        return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
