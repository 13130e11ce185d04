"""The room's fan-out: one write per socket, and a socket that stops reading holds nobody up."""

from __future__ import annotations

import asyncio
from typing import Any

from samfunnslab.workshops import freshness, hub


class FakeScreen:
    def __init__(self, *, stuck: bool = False, broken: bool = False) -> None:
        self.stuck, self.broken = stuck, broken
        self.got: list[str] = []

    async def send(self, text_data: str | None = None, **kwargs: Any) -> None:
        if self.broken:
            raise RuntimeError("closed")
        if self.stuck:
            await asyncio.Event().wait()  # a phone that stopped reading
        self.got.append(text_data or "")


async def test_every_socket_gets_the_message_once() -> None:
    screens = [FakeScreen() for _ in range(50)]
    await hub.send_all(screens, "hei")
    assert all(s.got == ["hei"] for s in screens)


async def test_a_closed_socket_does_not_stop_the_others() -> None:
    screens = [FakeScreen(), FakeScreen(broken=True), FakeScreen()]
    await hub.send_all(screens, "hei")
    assert [s.got for s in screens] == [["hei"], [], ["hei"]]


async def test_a_socket_that_stopped_reading_holds_nobody_up(monkeypatch: Any) -> None:
    monkeypatch.setattr(hub, "SLOW_SEND_SECONDS", 0.05)
    screens = [FakeScreen(), FakeScreen(), FakeScreen(stuck=True), FakeScreen(), FakeScreen()]
    await asyncio.wait_for(hub.send_all(screens, "hei"), timeout=2)
    await asyncio.sleep(0.01)  # the screens after the stuck one are written by their own tasks
    assert [len(s.got) for s in screens] == [1, 1, 0, 1, 1]


def test_a_big_room_spreads_its_phones_fetches(settings: Any) -> None:
    settings.WORKSHOP_PHONE_FETCHES_PER_SECOND = 20
    assert freshness.spread_ms(100, freshness.MIN_REFRESH_MS) == freshness.MIN_REFRESH_MS
    assert freshness.spread_ms(2000, freshness.MIN_REFRESH_MS) == 100_000


def test_every_few_hundred_sockets_the_long_lived_objects_are_frozen(monkeypatch: Any) -> None:
    import gc

    monkeypatch.setattr(hub, "FREEZE_EVERY", 2)
    monkeypatch.setattr(hub, "_joined_since_freeze", 0)
    before = gc.get_freeze_count()
    try:
        hub._spare_the_collector()
        assert gc.get_freeze_count() == before
        hub._spare_the_collector()
        assert gc.get_freeze_count() >= before
        assert hub._joined_since_freeze == 0
    finally:
        gc.unfreeze()
