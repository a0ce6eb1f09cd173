"""What an export format could not hold, to tell the user rather than drop it silently."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Losses:
    """Per format and kind of loss, the source keys it affected."""

    by_kind: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, fmt: str, what: str, key: str) -> None:
        keys = self.by_kind.setdefault((fmt, what), [])
        if key not in keys:
            keys.append(key)

    def messages(self) -> list[str]:
        return [f"{fmt}: {what}; affected: {', '.join(keys)}"
                for (fmt, what), keys in self.by_kind.items()]
