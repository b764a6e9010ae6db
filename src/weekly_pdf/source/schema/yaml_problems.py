"""PyYAML's problems with a file, told in Chinese: where, what, and how to fix it.

PyYAML explains a file it cannot read in its scanner's and parser's words
("expected <block end>, but found '<block mapping start>'", "found unknown
escape character 'q'", "expected URI"). Each of its messages (collected by
feeding it broken files: tests/source/schema/test_yaml_problems.py holds one file per
message) is matched here and told as what the writer did and what to write
instead, at the line and column that the writer has to change: the start of an
unclosed quote or bracket rather than the end of the file where PyYAML noticed
it. Nothing here reads a file; :mod:`.yaml_reading` calls :func:`explain`.
"""

from __future__ import annotations

import ast
import re

import yaml

#: What PyYAML's token names are, in the words of the messages.
_TOKENS = {
    "<block mapping start>": "新的一组“键: 值”", "<block sequence start>": "列表项“- ”",
    "-": "列表项“- ”", "<scalar>": "文字", "<alias>": "别名“*”", "<anchor>": "锚点“&”",
    "<tag>": "标签“!”", "<stream end>": "文件结尾", "?": "“?”", "<document start>": "“---”",
    "<document end>": "“...”", "<flow mapping start>": "“{”", "<flow sequence start>": "“[”",
    "<flow mapping end>": "“}”", "<flow sequence end>": "“]”", ",": "逗号“,”",
    "<directive>": "以“%”开头的指令", ":": "冒号“:”", "<block end>": "缩进的结束",
}

_CHARS = {"\t": "制表符（Tab）", "\n": "换行", " ": "空格", "\0": "文件结尾", "\r": "换行",
          "\x85": "换行", "\u2028": "换行", "\u2029": "换行"}

QUOTE_IT = "如果就是要写这些字，请把整个值用引号括起来"
DIRECTIVE = ("以“%”开头的行是 YAML 指令，期刊文件用不着；请删去这一行"
             "（如果它是某个值的文字，请把整个值用引号括起来）")
TAG = ("“!”开头表示 YAML 标签，期刊文件不用标签；如果就是要写以“!”开头的文字，"
       "请把整个值用引号括起来（例如 title: \"!……\"）")


def _literal(text: str) -> str:
    """A string PyYAML quoted with %r, unquoted ('q' → q, '\\t' → a tab)."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text.strip("'\"")
    return value if isinstance(value, str) else str(value)


def _found(problem: str) -> str | None:
    """What PyYAML found, from "…, but found %r" / "but got %r", unquoted."""
    match = re.search(r"but (?:found|got) (.+)$", problem)
    return _literal(match[1]) if match else None


def _shown(found: str | None) -> str:
    """A found character or token, as a message names it."""
    if found is None:
        return "别的内容"
    if found in _TOKENS:
        return _TOKENS[found]
    if found in _CHARS:
        return _CHARS[found]
    return f"“{found}”"


def _key_at(lines: list[str], line: int, column: int) -> str:
    """The field name (or the first words) written at 0-based ``line``, ``column``."""
    if not 0 <= line < len(lines):
        return ""
    text = lines[line][column:]
    word = re.split(r":(?:\s|$)", text, maxsplit=1)[0].strip()
    return word if len(word) <= 20 else word[:20] + "…"


def _content_column(text: str) -> int:
    """Where a line's key starts (1-based): after its indentation and any "- "."""
    match = re.match(r"^( *)((?:- +)*)", text)
    return len(match[1]) + len(match[2]) + 1


def _previous(lines: list[str], line: int) -> int | None:
    """The 0-based number of the nearest line above ``line`` with content."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _misaligned(lines: list[str], problem: yaml.Mark, context: yaml.Mark | None) -> str:
    """A key whose indentation does not match the keys of its group."""
    column = problem.column + 1
    word = _key_at(lines, problem.line, problem.column)
    here = f"这一行的 {word} 从第 {column} 列开始" if word else f"这一行从第 {column} 列开始"
    above = _previous(lines, problem.line)
    if above is not None:
        other = _content_column(lines[above])
        if other != column:
            name = _key_at(lines, above, other - 1)
            more = "多" if column > other else "少"
            return (f"缩进不齐：{here}，上一行（第 {above + 1} 行）的 {name} 从第 {other} 列开始，"
                    f"这一行{more}了 {abs(column - other)} 个空格；同一组的“键: 值”要左端对齐"
                    f"（用同样多的半角空格缩进）")
    if context is not None:
        return (f"缩进不齐：{here}，和它所在的那一组（从第 {context.line + 1} 行第 "
                f"{context.column + 1} 列开始）对不齐；同一组的“键: 值”要左端对齐"
                f"（用同样多的半角空格缩进）")
    return f"缩进不齐：{here}；同一组的“键: 值”要左端对齐（用同样多的半角空格缩进）"


def _last_opening(lines: list[str], end: yaml.Mark | None) -> yaml.Mark | None:
    """Where the last "[" or "{" before ``end`` is written (a flow collection
    that the end of the file cut off)."""
    if end is None:
        return None
    for number in range(min(end.line, len(lines) - 1), -1, -1):
        text = lines[number]
        found = max(text.rfind("["), text.rfind("{"))
        if found >= 0:
            return yaml.Mark(end.name, 0, number, found, None, None)
    return None


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int | None, int | None, str]:
    """(line, column, message) for PyYAML's ``exc`` on a file of ``lines``:
    1-based, at the place to change; the message starts "YAML 写法有误："."""
    problem = exc.problem or ""
    context = exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    found = _found(problem)
    at, text = pm or cm, None

    def where(mark):
        return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)

    if "directive" in context or problem.startswith(("found duplicate YAML directive",
                                                     "found incompatible YAML document")):
        text = DIRECTIVE
    elif problem.startswith("expected '<document start>'"):
        directives = any(line.startswith("%") for line in lines)
        text = DIRECTIVE if directives else (
            "这里的内容不属于前面的“键: 值”：常见原因是“---”或“...”分隔线后面还写了内容；"
            "一个文件只写一组“键: 值”，请删去多余的分隔线")
    elif "tag" in context or problem.startswith(("found undefined tag handle", "expected URI")):
        at, text = cm or pm, TAG
    elif problem == "found character '\\t' that cannot start any token":
        text = "这里有制表符（Tab）：YAML 只能用半角空格缩进，也不能用 Tab 隔开；请把 Tab 换成空格"
    elif problem.startswith("found character") and "cannot start any token" in problem:
        char = re.search(r"found character (.+) that", problem)
        char = _literal(char[1]) if char else "?"
        text = (f"{_shown(char)}不能写在一个值的开头（YAML 把它留作他用）；{QUOTE_IT}，"
                f"例如 title: \"{char}……\"")
    elif problem == "could not find expected ':'":
        at = cm or pm
        word = _key_at(lines, at.line, at.column) if at is not None else ""
        text = (f"这一行缺少“: ”{f'（{word}）' if word else ''}：字段名后面要写半角冒号再加一个空格，"
                f"例如 number: 20（冒号后面没有空格时，YAML 把整行当成一段文字）；"
                f"如果这一行是上一行文字的延续，请检查上一行的引号是否配对")
    elif problem == "mapping values are not allowed here":
        text = ("这里不能出现“键: 值”：常见原因是这一行比上一行多缩进了（成了上一行的值的一部分），"
                "或一段文字里有“冒号加空格”（如 会议指出: 要……）——那样请给整段文字加上引号，"
                "或把冒号换成中文冒号“：”")
    elif problem == "sequence entries are not allowed here":
        text = ("这里不能开始列表项“- ”：列表项要另起一行，写在字段名的下一行，"
                "并比字段名多缩进（例如 sections: 之后换行写“  - column: ……”）")
    elif problem == "found unexpected end of stream":
        at = cm or pm
        text = ("从这里开始的引号没有配对的另一半，直到文件结尾；请补上配对的引号"
                "（文字里要用的引号，请改用中文引号“”或‘’）")
    elif problem == "found unexpected document separator":
        at = cm or pm
        text = "从这里开始的引号还没有配对，就遇到了分隔线“---”；请补上配对的引号"
    elif problem.startswith("found unknown escape character"):
        char = re.search(r"character (.+)$", problem)
        char = _literal(char[1]) if char else "?"
        if pm is not None:  # the backslash: one before the letter PyYAML points at
            at = yaml.Mark(pm.name, pm.index - 1, pm.line, max(pm.column - 1, 0), None, None)
        text = (f"双引号里的“\\{char}”不是 YAML 认识的转义写法（反斜杠“\\”在双引号里有特殊作用）；"
                f"要写反斜杠本身请写成“\\\\”，或者把双引号换成单引号")
    elif problem.startswith("expected escape sequence of"):
        digits = re.search(r"of (\d+) hexadecimal", problem)
        text = (f"双引号里的“\\x”“\\u”“\\U”后面要跟 {digits[1] if digits else '2、4 或 8'} 位"
                f"十六进制数字（0–9、A–F），这里是{_shown(found)}；要写反斜杠本身请写成“\\\\”，"
                f"或者把双引号换成单引号")
    elif problem.startswith("expected alphabetic or numeric character"):
        at = cm or pm
        sign, what = ("&", "锚点") if "anchor" in context else ("*", "别名")
        text = (f"“{sign}”表示 YAML 的{what}，后面要紧跟一个名字（字母或数字），这里是{_shown(found)}；"
                f"如果就是要写“{sign}”开头的文字（如“{sign}注”），请把整个值用引号括起来")
    elif problem.startswith(("expected chomping or indentation indicators",
                             "expected indentation indicator", "expected a comment or a line break")):
        text = ("“|”或“>”后面只能换行（或写 # 注释，或“-”“+”和 1–9 的一位数字），"
                f"这里是{_shown(found) if found is not None else '“0”'}；正文请从下一行开始写，"
                "并比字段名多缩进")
    elif problem.startswith("expected <block end>"):
        if found == "<block mapping start>" and pm is not None:
            text = _misaligned(lines, pm, cm)
        elif found in ("<block sequence start>", "-"):
            text = ("列表项“- ”的缩进和上面对不齐：同一个列表的各项，“-”要在同一列；"
                    "或者在一组“键: 值”中间夹了一个列表项")
        elif found == "<scalar>":
            text = ("这里多出了文字：常见原因是引号里的文字又用了同样的引号（如 'it's'、"
                    "\"说\"好\"\"，请把里面的引号换成中文引号“”，或整段改用另一种引号），"
                    "或者这一行的缩进和上面对不齐")
        else:
            text = f"这里多出了{_shown(found)}：常见原因是这一行的缩进和上面对不齐"
    elif re.match(r"expected ',' or '[\]}]'", problem):
        at = cm or pm
        open_, close = ("[", "]") if "]" in problem.split("but")[0] else ("{", "}")
        until = f"（到第 {pm.line + 1} 行还没有闭合）" if pm is not None else ""
        text = (f"从这里开始的“{open_}”没有配对的“{close}”{until}，或者两项之间少了逗号“,”；"
                f"如果就是要写以“{open_}”开头的文字，请把整个值用引号括起来")
    elif problem.startswith("expected the node content"):
        if found == "<stream end>":
            at = _last_opening(lines, pm) or pm
            text = ("从这里开始的“[”或“{”没有配对的“]”或“}”，文件就结束了；"
                    "如果就是要写以“[”或“{”开头的文字，请把整个值用引号括起来")
        elif "flow" in context:
            text = (f"方括号或花括号里这里缺了一项，却遇到了{_shown(found)}（多了逗号，或括号不配对）；"
                    f"如果就是要写以“[”或“{{”开头的文字，请把整个值用引号括起来")
        else:
            text = f"{_shown(found)}不能写在一个值的开头；{QUOTE_IT}"
    elif problem.startswith("found undefined alias"):
        name = re.search(r"alias (.+)$", problem)
        name = _literal(name[1]) if name else ""
        text = (f"“*{name}”表示引用前面用“&{name}”定义的内容（别名），但文件里没有这个定义；"
                f"如果就是要写“*”开头的文字，请把整个值用引号括起来")
    elif context.startswith("found duplicate anchor"):
        name = re.search(r"anchor (.+?);", context)
        first = f"（第一次在第 {cm.line + 1} 行）" if cm is not None else ""
        text = f"锚点“&{_literal(name[1]) if name else ''}”定义了两次{first}；请给第二个换一个名字"
    if text is None:
        text = (f"这里的写法 YAML 读不懂（{context + '：' if context else ''}{problem}）；"
                f"常见原因是缩进不齐、冒号后面少了空格或引号没有配对")
    line, column = where(at)
    return line, column, "YAML 写法有误：" + text
