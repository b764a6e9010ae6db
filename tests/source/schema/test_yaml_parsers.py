"""Issue files are composed by libyaml when it is there (fast) and by PyYAML's
own parser otherwise or when either refuses the text: the node trees must be
the same either way, or an issue would load differently on another machine."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from tests.helpers import ROOT
from tests.issuegen import issue_dict, mixed_issue_dict, punctuated_issue_dict, write_issue
from weekly_pdf.source.schema.yaml_reading import _compose_all


def _shape(node, out: list) -> list:
    """Everything of a node tree the loader reads: kind, tag, value, style
    and both marks (line, column, index), depth first."""
    stack = [node]
    while stack:
        node = stack.pop()
        marks = tuple((m.line, m.column, m.index) for m in (node.start_mark, node.end_mark))
        if isinstance(node, ScalarNode):
            out.append(("scalar", node.tag, node.value, node.style, marks))
        elif isinstance(node, SequenceNode):
            out.append(("sequence", node.tag, len(node.value), marks))
            stack.extend(reversed(node.value))
        else:
            assert isinstance(node, MappingNode)
            out.append(("mapping", node.tag, len(node.value), marks))
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return out


def _pyyaml(text: str) -> list:
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def _yaml_texts(tmp_path) -> list[str]:
    files = sorted((ROOT / "issues").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    for seed in range(8):
        files.append(write_issue(tmp_path / "plain", issue_dict(seed, number=seed + 1)))
        files.append(write_issue(tmp_path / "mixed", mixed_issue_dict(seed, number=seed + 1)))
        files.append(write_issue(tmp_path / "marks", punctuated_issue_dict(seed, number=seed + 1)))
    texts = []
    for file in files:
        text = file.read_text(encoding="utf-8-sig", errors="replace")
        try:
            _pyyaml(text)
        except yaml.YAMLError:
            continue  # a file of the error tests: PyYAML reads it either way
        texts.append(text)
    return texts


def test_libyaml_is_there_to_be_used():
    """The pinned PyYAML wheels carry libyaml; without it every file takes
    the slow path (still right)."""
    assert yaml.__with_libyaml__


def test_every_yaml_file_of_the_project_composes_as_pyyaml_composes_it(tmp_path):
    texts = _yaml_texts(tmp_path)
    assert len(texts) >= 25
    for text in texts:
        ours = [_shape(doc, []) for doc in _compose_all(text) if doc is not None]
        theirs = [_shape(doc, []) for doc in _pyyaml(text) if doc is not None]
        assert ours == theirs


def test_quoted_block_and_plain_scalars_keep_pyyamls_styles():
    text = 'a: plain\nb: "double"\nc: \'single\'\nd: |\n  block\ne: >\n  folded\n'
    styles = [value.style for _, value in _compose_all(text)[0].value]
    assert styles == [None, '"', "'", "|", ">"]


def test_aliases_still_share_their_node():
    text = "base: &b [1, 2]\nagain: *b\n"
    root = _compose_all(text)[0]
    assert root.value[0][1] is root.value[1][1]


def test_texts_libyaml_refuses_are_read_by_pyyaml_and_keep_its_problems():
    """Nesting deeper than libyaml's 1,000 levels, and a character PyYAML's
    reader refuses, end in PyYAML's own exceptions (which yaml_problems words)."""
    deep = "- " * 1200 + "x\n"
    try:
        _compose_all(deep)
    except RecursionError:
        pass  # PyYAML's recursive composer: the loader says the nesting is too deep
    else:
        raise AssertionError("1,200 levels should not compose")
    for text in ("title: a\x07b\n",):
        try:
            _compose_all(text)
        except yaml.reader.ReaderError as exc:
            assert exc.character == 7
        else:
            raise AssertionError("a bell character should be refused by PyYAML's reader")
