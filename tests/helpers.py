"""Helpers the web tests share: what a person does (answer the rugtest, log a walk) and a
small HTML tree to ask a page about its elements. Test files import from here, never from
each other."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.utils import timezone

from factories import form_data


def walk(client, answers, prefix=""):
    """Answer the rugtest page after page, following the redirects, until the result page."""
    response = client.get(f"{prefix}/rugtest/stap/1/")
    assert response.status_code == 200
    so_far = {}
    for _ in range(10):
        page_id = response.request["PATH_INFO"].rstrip("/").split("/")[-1]
        data = form_data(page_id, answers, so_far)
        so_far.update({k: answers[k] for k in data})
        response = client.post(f"{prefix}/rugtest/stap/{page_id}/", data, follow=True)
        assert response.status_code == 200
        if "/uitslag/" in response.request["PATH_INFO"]:
            return response
    raise AssertionError("the flow did not reach the result")



def walk_form(**changes):
    data = {"date": timezone.localdate().isoformat(), "part": "morning", "minutes": "8"}
    data.update(changes)
    return data



# Common Dutch words: on an English page they show a missing translation.
DUTCH_WORDS = {"uw", "niet", "wordt", "heeft", "voor", "worden", "zijn", "gebruikt"}


# --- A small HTML tree, so that tests can ask about elements and their order. ---------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return [
            el for el in self.iter()
            if (tag is None or el.tag == tag)
            and all(el.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> on the page"
        return found[0]

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    @property
    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def text(self) -> str:
        """The visible text, one line per element, spaces normalised."""
        parts: list[str] = []

        def walk(node: Element):
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag in INLINE:
                    walk(child)
                elif child.tag not in ("script", "style", "template"):
                    parts.append("\n")
                    walk(child)
                    parts.append("\n")

        walk(self)
        # Soft hyphens (U+00AD) mark where a long word may break; a reader never sees them.
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parts).replace("\u00ad", ""))
        return re.sub(r"\s*\n\s*", "\n", text).strip()

    def words(self) -> str:
        """The visible text on one line (for looking up phrases)."""
        return re.sub(r"\s+", " ", self.text())


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response) -> Element:
    builder = TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def get_main(client, path: str) -> Element:
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response).find("main")


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def run_cli(*args, stdin=""):
    """`rugtest <args>` as a person runs it: a real process, text in and out."""
    import subprocess
    import sys

    data = stdin if isinstance(stdin, bytes) else stdin.encode()
    result = subprocess.run([sys.executable, "-m", "rugtest.cli", *args], input=data, capture_output=True, timeout=60)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())
