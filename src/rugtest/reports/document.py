"""The A4 page of the reports for the GP: fonts, header, footer, and a few building blocks.

fpdf2 draws the PDF in pure Python. The font is Lato (SIL Open Font License), installed
from PyPI by the ``font-lato`` package and embedded in every PDF (subset to the characters
used), so that ë, é and ° print the same on every computer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import font_lato
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

FONT = "Lato"
FONT_FILES = {"": font_lato.font_files["Lato"], "B": font_lato.font_files["LatoBold"],
              "I": font_lato.font_files["LatoItalic"]}

INK = (26, 26, 26)
MUTED = (74, 74, 74)
LINE = (138, 143, 148)
SOFT = (243, 245, 247)
BRAND = (11, 83, 148)
# The site's level colours (site.css), so that the paper looks like the page.
LEVEL_COLOURS = {
    "emergency": (161, 15, 15),
    "urgent": (138, 75, 0),
    "gp": (11, 83, 148),
    "selfcare": (30, 107, 52),
}

MARGIN = 16
BODY = 10
SMALL = 8


@cache
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    sets = [set(TTFont(path).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*sets))


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` the report's font cannot print (in order, once each)."""
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in _covered() and not ch.isspace()))


class ReportPDF(FPDF):
    """One report: a title on every page, "page x of y" and a fixed line in the footer."""

    def __init__(self, *, title: str, subtitle: str, footer: str, lang: str, made: datetime):
        super().__init__(orientation="P", unit="mm", format="A4")
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style=style, fname=path)
        self.report_title = title
        self.report_subtitle = subtitle
        self.report_footer = footer
        self.set_margins(MARGIN, 14, MARGIN)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_lang(lang)
        self.set_title(title)
        self.set_creator("Rugtest")
        # A fixed moment: the same report gives the same bytes, and no clock time leaks.
        self.set_creation_date(made.astimezone(UTC) if made.tzinfo else made.replace(tzinfo=UTC))
        self.alias_nb_pages()
        self.add_page()

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def header(self):
        self.set_text_color(*INK)
        self.set_font(FONT, "B", 15)
        self.cell(self.width * 0.68, 7, self.report_title)
        self.set_font(FONT, "", BODY)
        self.cell(self.width * 0.32, 7, self.report_subtitle, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*LINE)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y() + 1.5, self.w - self.r_margin, self.get_y() + 1.5)
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, "", SMALL)
        self.set_text_color(*MUTED)
        self.multi_cell(self.width * 0.8, 3.6, self.report_footer, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(self.width * 0.2, 3.6, f"{self.page_no()} / {{nb}}", align="R")

    # Building blocks -------------------------------------------------------------------

    def heading(self, text: str, size: int = 12):
        if self.will_page_break(14):
            self.add_page()
        self.ln(2)
        self.set_text_color(*INK)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def keep_together(self, draw, at_most: float):
        """``draw()`` on one page: on the next page when it would be cut there (a table and
        the legend below it). ``at_most``: a height in mm it never exceeds. With that much room
        left it is drawn at once; else it is drawn once off the page first, to measure it
        (fpdf2's ``offset_rendering``, which copies the whole document: some 25 ms)."""
        if not self.will_page_break(at_most):
            draw()
            return
        with self.offset_rendering() as trial:
            draw()
        if trial.page_break_triggered:
            self.add_page()
        draw()

    def paragraph(self, text: str, size: float = BODY, style: str = "", colour=INK):
        self.set_text_color(*colour)
        self.set_font(FONT, style, size)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def run(self, parts, size: float = BODY, indent: float = 0.0, bullet: str = ""):
        """One paragraph of mixed runs: ``(text, style)`` with style "", "B", "I" or "ids".

        "ids" is small and grey: the spec ids beside the words, for the GP who wants them.
        """
        left = self.l_margin
        line = size * 0.5
        if bullet:
            self.set_x(left + indent)
            self.set_font(FONT, "", size)
            self.set_text_color(*INK)
            self.cell(4, line, bullet)
        self.set_left_margin(left + indent + (4 if bullet else 0))
        self.set_x(self.l_margin)
        for text, style in parts:
            if not text:
                continue
            if style == "ids":
                self.set_font(FONT, "", SMALL)
                self.set_text_color(*MUTED)
            else:
                self.set_font(FONT, style, size)
                self.set_text_color(*INK)
            # A short word ("Ja", "R-MAL-1") is never split: it starts a new line instead.
            word = text.strip()
            if " " not in word and self.get_x() + self.get_string_width(text) > self.w - self.r_margin:
                self.ln(line)
                text = word
            self.write(line, text)
        self.set_left_margin(left)
        self.ln(line + 0.6)

    def level_box(self, level: str, label: str, title: str, body: str):
        """The outcome at the top: a frame in the level's colour, as on the result page. It is
        never cut: near the end of a page it goes whole to the next one. Its words were
        written to the patient: a first small line says so to the GP who reads the report."""
        if self.will_page_break(self.level_box_height(label, title, body)):
            self.add_page()
        self._level_box(level, label, title, body)

    def level_box_height(self, label: str, title: str, body: str) -> float:
        """The height of ``level_box`` in mm, measured without drawing (fpdf2's dry run)."""
        width = self.w - (MARGIN + 5) - (MARGIN + 4)

        def height(text: str, style: str, size: float, line: float) -> float:
            self.set_font(FONT, style, size)
            return self.multi_cell(width, line, text, dry_run=True, output=MethodReturnValue.HEIGHT)

        return (2.5 + 4.5 + height(label, "B", 11, 5.5) + 1 + height(title, "B", 14, 6.5)
                + height(body, "", BODY, 5) + 2.5 + 3)

    def _level_box(self, level: str, label: str, title: str, body: str):
        colour = LEVEL_COLOURS[level]
        top = self.get_y()
        self.set_left_margin(MARGIN + 5)
        self.set_x(self.l_margin)
        self.ln(2.5)
        self.set_text_color(*MUTED)
        self.set_font(FONT, "", SMALL)
        self.write(4, _("Advies aan de patiënt"))
        self.ln(4.5)
        self.set_text_color(*colour)
        self.set_font(FONT, "B", 11)
        self.write(5.5, label)
        self.ln(6.5)
        self.set_right_margin(MARGIN + 4)
        self.set_text_color(*INK)
        self.set_font(FONT, "B", 14)
        self.multi_cell(0, 6.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", BODY)
        self.multi_cell(0, 5, body, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2.5)
        self.set_margins(MARGIN, self.t_margin, MARGIN)
        bottom = self.get_y()
        self.set_draw_color(*colour)
        self.set_line_width(0.8)
        self.rect(MARGIN, top, self.width, bottom - top)
        self.set_fill_color(*colour)
        self.rect(MARGIN, top, 2.5, bottom - top, style="F")
        self.set_x(MARGIN)
        self.ln(3)

    def facts(self, pairs: list[tuple[str, str]], size: float = BODY):
        """Label–value pairs on one line, wrapped as needed: "Age: 62 years · Sex: female"."""
        for i, (label, value) in enumerate(pairs):
            self.set_font(FONT, "", size)
            needed = self.get_string_width(f"   ·   {label}: ")
            self.set_font(FONT, "B", size)
            needed += self.get_string_width(value)
            if i and self.get_x() + needed > self.w - self.r_margin:
                self.ln(size * 0.5 + 0.5)
            elif i:
                self.set_font(FONT, "", size)
                self.set_text_color(*MUTED)
                self.write(size * 0.5, "   ·   ")
            self.set_text_color(*MUTED)
            self.set_font(FONT, "", size)
            self.write(size * 0.5, f"{label}: ")
            self.set_text_color(*INK)
            self.set_font(FONT, "B", size)
            self.write(size * 0.5, value)
        self.ln(size * 0.5 + 1.5)

    def grid(self, headings: list[str], rows: list[list[tuple[str, str]]], widths: list[float],
              size: float = 9, align: list[str] | None = None):
        """A table with a shaded heading row; each cell is ``(text, style)``."""
        self.set_text_color(*INK)
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        self.set_font(FONT, "", size)
        self.set_fill_color(246, 247, 249)
        with self.table_context(widths, size, align) as table:
            head = table.row()
            for text in headings:
                head.cell(text)
            for cells in rows:
                row = table.row()
                for text, style in cells:
                    row.cell(text, style=_font_style(style, size))

    def table_context(self, widths, size, align):
        from fpdf.fonts import FontFace

        return super().table(
            col_widths=tuple(widths), width=sum(widths), line_height=size * 0.48,
            text_align=tuple(align or ["LEFT"] * len(widths)),
            headings_style=FontFace(family=FONT, emphasis="BOLD", size_pt=size, fill_color=SOFT),
            borders_layout="HORIZONTAL_LINES", padding=(0.6, 1.5, 0.6, 1.5),
            first_row_as_headings=True, align="LEFT",
            cell_fill_mode="ROWS", cell_fill_color=(246, 247, 249),
        )

    def walking_chart(self, chart: dict, walked: str, goal: str, height: float = 62):
        """The progress chart of the programme page (``programme.chart``), scaled to the page.

        Bars: minutes walked per day; dashed step line: the day's goal. Shape and
        pattern carry the meaning, so a black-and-white print reads the same.
        """
        if self.will_page_break(height + 10):
            self.add_page()
        scale = min(self.width / chart["width"], height / chart["height"])
        x0, y0 = self.l_margin, self.get_y()

        def px(x):
            return x0 + x * scale

        def py(y):
            return y0 + y * scale

        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.set_draw_color(*LINE)
        self.set_line_width(0.15)
        for tick in chart["ticks"]:
            self.line(px(chart["left"]), py(tick["y"]), px(chart["right"]), py(tick["y"]))
            self.set_xy(px(chart["left"]) - 12, py(tick["y"]) - 1.5)
            self.cell(10, 3, str(tick["value"]), align="R")
        self.set_line_width(0.4)
        self.line(px(chart["left"]), py(chart["base"]), px(chart["right"]), py(chart["base"]))
        self.set_fill_color(*BRAND)
        for bar in chart["bars"]:
            if bar["h"] > 0:
                self.rect(px(bar["x"]), py(bar["y"]), bar["w"] * scale, bar["h"] * scale, style="F")
        # The target per day as a dashed step line, as on the progress page.
        steps = chart["goal_steps"]
        if steps:
            self.set_draw_color(*INK)
            self.set_line_width(0.5)
            with self.local_context():
                self.set_dash_pattern(dash=1.2, gap=0.8)
                for i, (xa, xb, y) in enumerate(steps):
                    self.line(px(xa), py(y), px(xb), py(y))
                    if i and steps[i - 1][1] == xa and steps[i - 1][2] != y:
                        self.line(px(xa), py(steps[i - 1][2]), px(xa), py(y))
        for label in chart["x_labels"]:
            self.set_xy(px(label["x"]) - 6, py(chart["label_y"]) - 1.5)
            self.cell(12, 3, label["text"], align="C")
        self.set_xy(x0, py(chart["height"]) + 1)
        # The legend, in words and shapes.
        self.set_fill_color(*BRAND)
        self.rect(x0, self.get_y() + 0.6, 3, 3, style="F")
        self.set_x(x0 + 4)
        self.set_font(FONT, "", SMALL)
        self.set_text_color(*INK)
        self.cell(self.get_string_width(walked) + 6, 4, walked)
        lx = self.get_x()
        with self.local_context():
            self.set_draw_color(*INK)
            self.set_dash_pattern(dash=1.2, gap=0.8)
            self.line(lx, self.get_y() + 2, lx + 7, self.get_y() + 2)
        self.set_x(lx + 9)
        self.cell(0, 4, goal, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)


def _font_style(style: str, size: float):
    from fpdf.fonts import FontFace

    if style == "ids":
        return FontFace(family=FONT, size_pt=SMALL, color=MUTED)
    return FontFace(family=FONT, emphasis="BOLD" if style == "B" else None, size_pt=size)
