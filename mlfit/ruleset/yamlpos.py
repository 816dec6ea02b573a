"""Safe YAML loading that remembers where every value came from.

Rule files come from users. We compose with the C loader (no object construction,
fast), refuse anchors and aliases outright (rule files never need them, and an
alias bomb expands exponentially), and keep each mapping key's line and column so
that every error can point at ``path:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalar_constructor = yaml.SafeLoader("")


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


class YamlIssue(Exception):
    def __init__(self, pos: Pos, message: str):
        super().__init__(message)
        self.pos = pos
        self.message = message


class Located:
    """A loaded YAML document plus the position of every node, keyed by its path of keys/indices."""

    def __init__(self, value: Any, positions: dict[tuple, Pos]):
        self.value = value
        self.positions = positions

    def pos(self, *path: Any) -> Pos:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Pos(1, 1))


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def load_located(text: str) -> Located:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
        raise YamlIssue(pos, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlIssue(Pos(1, 1), f"YAML error: {exc}") from None
    positions: dict[tuple, Pos] = {}
    if node is None:
        return Located(None, {(): Pos(1, 1)})
    seen: set[int] = set()
    value = _convert(node, (), positions, seen)
    return Located(value, positions)


MAX_DEPTH = 50  # a rule pack is a few levels deep; far deeper is an attack on the recursion limit


def _convert(node: yaml.Node, path: tuple, positions: dict[tuple, Pos], seen: set[int]) -> Any:
    if len(path) > MAX_DEPTH:
        raise YamlIssue(_pos(node), f"nested more than {MAX_DEPTH} levels deep; a rule pack never is")
    if id(node) in seen:
        raise YamlIssue(_pos(node), "anchors and aliases are not allowed in rule files; write the value out")
    seen.add(id(node))
    positions[path] = _pos(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlIssue(_pos(key_node), "mapping keys must be plain strings")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlIssue(_pos(key_node), "merge keys (<<) are not allowed in rule files")
            key = key_node.value
            if key in out:
                raise YamlIssue(_pos(key_node), f"duplicate key '{key}'")
            positions[path + (key,)] = _pos(key_node)
            out[key] = _convert(value_node, path + (key,), positions, seen)
            positions[path + (key,)] = _pos(key_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), positions, seen) for i, item in enumerate(node.value)]
    try:
        return _scalar_constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlIssue(_pos(node), f"unsupported value: {exc.problem}") from None
