"""Affine matrices, boxes and convex clipping for the page content of an OFD.

Matrices follow PDF's convention: ``(a, b, c, d, e, f)`` maps a point
``(x, y)`` to ``(a·x + c·y + e, b·x + d·y + f)``, and ``multiply(m, n)`` is
"first ``m``, then ``n``" (PDF's ``m × n``). OFD uses the same six numbers for
its ``CTM`` attributes, so a matrix computed here is written out as it is.

Clipping: WeasyPrint draws a table border as the border's frame (two
rectangles filled even-odd) clipped to one side's trapezoid. OFD can carry
clip paths, but readers differ in how they apply them, so such a shape is
clipped here instead: each closed polygon of the path is cut by the convex
clip polygon (Sutherland–Hodgman). Under the even-odd and the non-zero rule
alike, a point lies in the clipped shape exactly when it lies in the shape and
in the clip, so the result is filled with the path's own rule.
"""

from __future__ import annotations

import math

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
#: A box as (left, top, right, bottom).
Box = tuple[float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

#: A clipped polygon smaller than this (mm², a micrometre square) is dropped:
#: what is left of a border's inner rectangle where it only touches the clip.
MIN_AREA = 1e-6

#: Millimetres per PDF point.
MM_PER_PT = 25.4 / 72


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix that applies ``m`` first, then ``n``."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def linear(m: Matrix) -> Matrix:
    """``m`` without its translation."""
    return (m[0], m[1], m[2], m[3], 0.0, 0.0)


def invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        raise ValueError("singular matrix")
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def scale_of(m: Matrix) -> float:
    """The geometric mean scale of ``m`` (the square root of its determinant)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def page_matrix(media_box) -> Matrix:
    """PDF user space (points, y up) → OFD page space (millimetres, y down)."""
    x0, y0, x1, y1 = (float(v) for v in media_box)
    left, top = min(x0, x1), max(y0, y1)
    k = MM_PER_PT
    return (k, 0.0, 0.0, -k, -k * left, k * top)


def bounds(points) -> Box | None:
    """The smallest box holding ``points`` (None for none)."""
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def area(polygon: list[Point]) -> float:
    """The signed area of a closed polygon (shoelace formula)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1]):
        total += x0 * y1 - x1 * y0
    return total / 2


def convex(polygon: list[Point]) -> bool:
    """Whether a closed polygon is convex (and not degenerate)."""
    points = _distinct(polygon)
    if len(points) < 3 or abs(area(points)) < 1e-9:
        return False
    sign = 0
    n = len(points)
    for i in range(n):
        (x0, y0), (x1, y1), (x2, y2) = points[i], points[(i + 1) % n], points[(i + 2) % n]
        cross = (x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1)
        if abs(cross) < 1e-12:
            continue
        if sign == 0:
            sign = 1 if cross > 0 else -1
        elif (cross > 0) != (sign > 0):
            return False
    return True


def inside_convex(points, polygon: list[Point]) -> bool:
    """Whether every point lies inside (or on) the convex ``polygon``."""
    sign = 1 if area(polygon) > 0 else -1
    n = len(polygon)
    for x, y in points:
        for i in range(n):
            (ax, ay), (bx, by) = polygon[i], polygon[(i + 1) % n]
            if sign * ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) < -1e-6:
                return False
    return True


def clip_polygon(subject: list[Point], clip: list[Point]) -> list[Point]:
    """``subject`` cut by the convex polygon ``clip`` (Sutherland–Hodgman);
    the subject's orientation is kept. Empty when nothing is left."""
    clip = _distinct(clip)
    if area(clip) < 0:
        clip = clip[::-1]
    output = _distinct(subject)
    n = len(clip)
    for i in range(n):
        if not output:
            break
        (ax, ay), (bx, by) = clip[i], clip[(i + 1) % n]

        def inside(p: Point) -> bool:
            return (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) >= -1e-9

        def crossing(p: Point, q: Point) -> Point:
            dx, dy = q[0] - p[0], q[1] - p[1]
            denominator = (bx - ax) * dy - (by - ay) * dx
            if abs(denominator) < 1e-15:
                return q
            t = ((bx - ax) * (ay - p[1]) - (by - ay) * (ax - p[0])) / denominator
            return (p[0] + t * dx, p[1] + t * dy)

        points, output = output, []
        for j, current in enumerate(points):
            previous = points[j - 1]
            if inside(current):
                if not inside(previous):
                    output.append(crossing(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(crossing(previous, current))
    output = _distinct(output)
    if len(output) < 3 or abs(area(output)) < MIN_AREA:
        return []
    return output


def _distinct(points: list[Point]) -> list[Point]:
    """``points`` without repeats of the previous point (nor a last point
    equal to the first)."""
    out: list[Point] = []
    for p in points:
        if not out or abs(p[0] - out[-1][0]) > 1e-9 or abs(p[1] - out[-1][1]) > 1e-9:
            out.append(p)
    while len(out) > 1 and abs(out[0][0] - out[-1][0]) <= 1e-9 \
            and abs(out[0][1] - out[-1][1]) <= 1e-9:
        out.pop()
    return out
