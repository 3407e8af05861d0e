"""The body map: a figure from the front and one from the back, each place a shape that can be tapped.

Drawn on a grid 100 wide and 212 high. Each place is named once, on the side where people feel it most; arms and
legs show on the back too, as the same places for a finger, without a second name for a screen
reader. Places that are not one spot (all over, somewhere else) are only in the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from breathingroom.body.models import Region

VIEW_BOX = "0 0 100 212"


def _mirror(path: str) -> str:
    """The same shape on the figure's other side (paths of M, L, Q and Z with absolute x,y pairs)."""
    return re.sub(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)", lambda m: f"{100 - float(m[1]):g},{m[2]}", path)


@dataclass(frozen=True)
class Shape:
    region: str
    paths: tuple[str, ...]
    # Drawn again for a finger on the other figure; its named control is on the first.
    echo: bool = False

    @property
    def name(self) -> str:
        return str(dict(Region.choices)[self.region])


_ARM = "M27,52 Q19,53 18,62 L12,114 Q10,126 17,127 Q22,126 20,115 L26,74 L29,64 Z"
_LEG = "M30,123 Q40,129 49,128 L48,196 Q48,204 42,205 L36,205 Q32,204 34,198 L31,150 Z"
_ARMS = (_ARM, _mirror(_ARM))
_LEGS = (_LEG, _mirror(_LEG))
_NECK = "M44,37 L56,37 L57,47 L43,47 Z"
_LOWER_TORSO_EDGE = "Q50,131 29,124 Z"

FRONT: tuple[Shape, ...] = (
    Shape(Region.ARMS_HANDS, _ARMS),
    Shape(Region.LEGS, _LEGS),
    Shape(Region.HEAD, ("M36.6,26 A14,17 0 1 1 63.4,26 Z",)),
    Shape(Region.JAW, ("M36.6,26 A14,17 0 0 0 63.4,26 Z",)),
    Shape(Region.THROAT, (_NECK,)),
    Shape(Region.CHEST, ("M43,47 L57,47 Q70,48 73,52 L71,82 L29,82 L27,52 Q30,48 43,47 Z",)),
    Shape(Region.STOMACH, ("M29,82 L71,82 L70,104 L30,104 Z",)),
    Shape(Region.BELLY, (f"M30,104 L70,104 L71,124 {_LOWER_TORSO_EDGE}",)),
)

BACK: tuple[Shape, ...] = (
    Shape(Region.ARMS_HANDS, _ARMS, echo=True),
    Shape(Region.LEGS, _LEGS, echo=True),
    Shape(Region.BACK_OF_HEAD, ("M36,21 A14,17 0 1 1 64,21 A14,17 0 1 1 36,21 Z",)),
    Shape(Region.NECK, (_NECK,)),
    Shape(Region.SHOULDERS, ("M43,47 L57,47 Q70,48 73,52 L72,62 Q50,57 28,62 L27,52 Q30,48 43,47 Z",)),
    Shape(Region.UPPER_BACK, ("M28,62 Q50,57 72,62 L70.5,94 L29.5,94 Z",)),
    Shape(Region.LOWER_BACK, (f"M29.5,94 L70.5,94 L71,124 {_LOWER_TORSO_EDGE}",)),
)

ON_THE_MAP = frozenset(shape.region for shape in FRONT + BACK)
