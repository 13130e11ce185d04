"""Load-test a live workshop: simulated phones join, answer and listen, a presenter screen watches.

Run: .venv/bin/python bench/bench_workshop.py --participants 2000
     (make bench-workshop N=2000; scale-out: --database-url postgres://… --redis-url redis://… --workers 2)

It starts the app with uvicorn on 127.0.0.1 with a fresh SQLite database (or uses --url of a running
server, and --database-url to reach its database), creates a workshop with several activities through
the services, then simulates phones over real HTTP and WebSockets that behave like the phone page
(`live.js`): load the page, join, open the participant socket, answer each activity over the socket
(HTTP when the socket is down) once the facilitator has shown it, retry with the same idempotency
key, resend a share of answers on purpose, and re-fetch the activity fragment and its live part when
the server says so. A facilitator shows one activity after the other; a presenter socket logs when
each result reaches the projector. Afterwards the stored answers are counted in the database.
Traffic goes only to 127.0.0.1 (phones use several 127.0.x.y source addresses, as phones in a room
share a few public addresses); the run is bounded by --max-seconds.

Prints one line:
participants=.. answers_sent=.. answers_stored=.. lost=.. duplicates=.. p50_ms=.. p99_ms=..
presenter_lag_ms=..  (then extra fields: presenter_lag_max_ms, presenter_missed, rejected, …)
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ACTIVITY_PLANS: dict[str, dict[str, Any]] = {
    "choice": {
        "prompt": "Hva haster mest i kommunen vår?",
        "options": ["Skolevei", "Sykehjemsplasser", "Kulturhus", "Kollektivtilbud"],
    },
    "scale": {"prompt": "Hvor trygg er du på at du blir hørt?", "scale_max": 5},
    "wordcloud": {"prompt": "Ett ord om bygda i 2040"},
    "open": {"prompt": "Hva bør vi prøve ut?"},
    "ranking": {"prompt": "Ranger tiltakene", "options": ["Buss", "Sykkelvei", "Bildeling"]},
}
WORDS = (
    "fellesskap",
    "havet",
    "trygghet",
    "dugnad",
    "møteplass",
    "ungdom",
    "natur",
    "tillit",
    "kulturhus",
    "bibliotek",
    "sykkelvei",
    "grønn",
    "framtid",
    "raus",
    "levende sentrum",
)
IDEAS = (
    "Felles kjøkken for eldre og unge",
    "Bildeling mellom naboer",
    "Nattåpent bibliotek",
    "Gratis buss for ungdom",
    "Flere benker langs turveien",
    "Møteplass på skolen om kvelden",
    "Lokal matbutikk drevet av frivillige",
    "Seniorer som leksehjelpere",
)
MAX_TRIES = 6
REQUEST_TIMEOUT = 30.0
ACK_TIMEOUT = 10.0  # the phone page resends (same key) when no ack came within this time
REFRESH_MS = 8000.0  # the page's least pause between live-part re-fetches (refresh_ms raises it)
FRESH_PAGE_SECONDS = 10.0  # the page takes the socket's first greeting this soon as up to date
POLL_SECONDS = (4.0, 6.0)  # the page polls the state this often while its socket is down
ACTIVITY_ID = re.compile(rb'data-activity-id="(\d*)"')


@dataclass
class Setup:
    base_url: str
    code: str
    workshop_id: int
    activities: list[tuple[int, str]]
    session_cookie: str


@dataclass
class Stats:
    latencies_ms: list[float] = field(default_factory=list)
    answer_log: list[tuple[float, float, str, int]] = field(default_factory=list)
    join_ms: list[float] = field(default_factory=list)
    in_room: int = 0
    room_ready_s: float = 0.0
    join_server_cpu_s: float = float("nan")  # server CPU from the first join until all were in
    acked: dict[str, tuple[int, float]] = field(default_factory=dict)  # key → (activity, time)
    sent: int = 0
    resent: int = 0
    skipped: int = 0  # answers a phone never got to give: its screen had moved past the activity
    rejected: int = 0
    gave_up: int = 0
    retries: int = 0
    over_socket: int = 0  # answers whose ok-ack came over the socket (the rest: over HTTP)
    ack_timeouts: int = 0
    join_failures: int = 0
    join_retries: int = 0
    phones_done: int = 0
    timed_out: bool = False
    socket_failures: int = 0  # phones whose first socket did not open
    socket_drops: int = 0  # open sockets that closed before the end (the phone reconnects)
    phone_messages: int = 0
    bad_messages: int = 0
    fetch_ms: list[float] = field(default_factory=list)  # activity fragment and live-part GETs
    fetch_failures: int = 0
    polls: int = 0
    poll_failures: int = 0
    show_ms: list[float] = field(default_factory=list)
    show_failures: int = 0
    presenter: dict[int, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))


# ------------------------------------------------------------------ server and data


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def configure(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    """Set the environment the bench and the server share (database, Redis, quiet logs)."""
    env = {
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        # Production settings (DEBUG=0) refuse the development key: a throwaway one per run.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        # Phones fetch no static files here, so no `collectstatic` manifest is needed, and no
        # access log line per request (uvicorn's is off as well): the run prints one line.
        "STATIC_MANIFEST": "0",
        "ACCESS_LOG": "0",
    }
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    os.environ.update(env)
    return {**os.environ, **env}


def importable(*names: str) -> bool:
    return all(importlib.util.find_spec(name) is not None for name in names)


def server_command(port: int, workers: int) -> list[str]:
    """The uvicorn command line: websockets without compression, uvloop and httptools if present."""
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "config.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--ws",
        "websockets-sansio",
        "--ws-per-message-deflate",
        "false",
        "--log-level",
        "warning",
        "--no-access-log",
        "--timeout-graceful-shutdown",
        "3",
    ]
    if importable("uvloop"):
        command += ["--loop", "uvloop"]
    if importable("httptools"):
        command += ["--http", "httptools"]
    return command


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    """Start uvicorn on 127.0.0.1 and wait until it answers."""
    server = subprocess.Popen(server_command(port, workers), cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start-up (exit code {server.returncode})")
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return server
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start within 60 s")


def stop_server(server: subprocess.Popen[bytes] | None) -> None:
    """Stop the server we started (only that process)."""
    if server is None or server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def process_tree_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) used so far by a process and its children (Linux /proc)."""
    if pid is None:
        return float("nan")
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        with suppress(OSError, ValueError, IndexError):
            stat = Path(f"/proc/{current}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            todo.extend(int(child) for child in children)
    return total


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def new_loop() -> asyncio.AbstractEventLoop:
    """The client's event loop: uvloop when installed (cheaper per socket event)."""
    if importable("uvloop"):
        import uvloop

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def warm_up(base_url: str, kinds: list[str], args: argparse.Namespace) -> None:
    """Run one phone through a separate workshop, so the measured phones meet a warm server."""
    rehearsal = create_workshop(base_url, kinds)
    quiet = argparse.Namespace(
        **{
            **vars(args),
            "participants": 1,
            "ramp": 0.0,
            "window": 0.5,
            "resend": 0.0,
            "max_seconds": 60.0,
            "settle": 0.2,
        }
    )
    asyncio.run(run_load(rehearsal, quiet), loop_factory=new_loop)


def create_workshop(base_url: str, kinds: list[str]) -> Setup:
    """Create an organisation, a facilitator and an open workshop with the activities, via services."""
    from django.test import Client

    from samfunnslab.accounts.services import organisation_create, user_create
    from samfunnslab.workshops import services

    stamp = uuid.uuid4().hex[:8]
    organisation = organisation_create(name=f"Benchmark {stamp}", municipality_code="1106")
    user = user_create(
        username=f"bench-{stamp}", password=uuid.uuid4().hex, organisation=organisation
    )
    workshop = services.workshop_create(
        organisation=organisation, user=user, title=f"Lasttest {stamp}", municipality_code="1106"
    )
    activities = []
    for kind in kinds:
        plan = ACTIVITY_PLANS[kind]
        activity = services.activity_add(workshop=workshop, kind=kind, **plan)
        activities.append((activity.pk, kind))
    services.workshop_open(workshop=workshop)  # shows the first activity
    client = Client()
    client.force_login(user)
    return Setup(
        base_url=base_url,
        code=workshop.join_code,
        workshop_id=workshop.pk,
        activities=activities,
        session_cookie=client.cookies["sessionid"].value,
    )


def count_stored(setup: Setup) -> tuple[set[str], int, int]:
    """Return the stored idempotency keys, the row count and the duplicate rows in the database."""
    from django.db.models import Count

    from samfunnslab.workshops.models import Contribution, Response

    contributions = Contribution.objects.filter(
        activity__workshop_id=setup.workshop_id, participant__isnull=False
    )
    responses = Response.objects.filter(activity__workshop_id=setup.workshop_id)
    keys = set(contributions.values_list("idempotency_key", flat=True))
    keys |= set(responses.values_list("idempotency_key", flat=True))
    rows = contributions.count() + responses.count()
    # Every phone sends distinct texts, so the same text twice from one phone is a duplicate.
    repeated = (
        contributions.values("participant_id", "activity_id", "text")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    duplicates = sum(row["n"] - 1 for row in repeated)
    return keys, rows, duplicates


# ------------------------------------------------------------------ what the server says


def answer_payload(kind: str, activity_id: int, phone: int, rng: random.Random) -> dict[str, Any]:
    """Return a valid answer of this kind for one phone (texts differ between a phone's answers)."""
    body: dict[str, Any] = {"activity": activity_id, "key": uuid.uuid4().hex}
    options = len(ACTIVITY_PLANS[kind].get("options", []))
    if kind == "choice":
        return {**body, "action": "answer", "value": {"choice": rng.randrange(options)}}
    if kind == "scale":
        return {**body, "action": "answer", "value": {"value": rng.randint(1, 5)}}
    if kind == "ranking":
        return {**body, "action": "answer", "value": {"order": rng.sample(range(options), options)}}
    if kind == "wordcloud":
        return {**body, "action": "contribute", "text": rng.choice(WORDS)}
    text = f"{rng.choice(IDEAS)} (telefon {phone})"
    return {**body, "action": "contribute", "text": text, "type": "suggestion"}


def parse_cookies(set_cookie_headers: Any) -> dict[str, str]:
    """Read name=value pairs from Set-Cookie header values."""
    cookies = {}
    for header in set_cookie_headers:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def shown_in(html: bytes) -> int | None:
    """The activity a page or fragment shows (`data-activity-id`, as the page script reads it)."""
    match = ACTIVITY_ID.search(html)
    return int(match[1]) if match and match[1] else None


@dataclass(frozen=True, slots=True)
class Note:
    """What a phone needs from one server message (see `classify`)."""

    kind: str
    self_paced: bool = False
    workshop_sig: tuple[Any, Any] | None = None  # (status, accepts_answers)
    activity_id: int | None = None  # the activity in the message (of a "show": the one shown)
    fingerprint: int | None = None  # of the activity's results, items and results_visible
    refresh_ms: float | None = None
    fetch_within_ms: float | None = None
    has_html: bool = False
    key: str = ""
    status: int = 0  # of an ack: 200 when ok, else the refusal's status


def fingerprint(activity: dict[str, Any] | None) -> int | None:
    if not activity:
        return None
    if activity.get("digest"):  # socket updates carry a digest of what changed
        return hash(activity["digest"])
    parts = [activity.get("results"), activity.get("items"), activity.get("results_visible")]
    return hash(json.dumps(parts, sort_keys=True, default=str))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and value >= 0 else None


def classify(message: Any) -> Note:
    """Reduce a decoded server message (socket or polled state) to what the phone page acts on."""
    if not isinstance(message, dict):
        return Note(kind="")
    kind = str(message.get("type", ""))
    if kind == "ack":
        ok = message.get("ok") is True
        status = message.get("status")
        return Note(
            kind=kind,
            key=str(message.get("key", "")),
            status=200 if ok else int(status) if isinstance(status, int) else 400,
        )
    workshop = message.get("workshop")
    activity = message.get("activity")
    activity = activity if isinstance(activity, dict) else None
    note: dict[str, Any] = {
        "kind": kind,
        "activity_id": activity.get("id") if activity else None,
        "fingerprint": fingerprint(activity),
        "refresh_ms": _number(message.get("refresh_ms")),
        "fetch_within_ms": _number(message.get("fetch_within_ms")),
    }
    if isinstance(workshop, dict):
        note["self_paced"] = bool(workshop.get("self_paced"))
        note["workshop_sig"] = (workshop.get("status"), workshop.get("accepts_answers"))
    if kind == "show":
        note["activity_id"] = message.get("activity_id")
        note["has_html"] = message.get("html") is not None
    return Note(**note)


class Decoder:
    """Decode each distinct server message once for all phones.

    Events are encoded once per audience on the server, so every phone receives the same bytes;
    only acks and full states are per phone. A cheap look at the first bytes tells them apart.
    """

    KEEP = 64

    def __init__(self) -> None:
        self.notes: dict[bytes, Note] = {}

    def __call__(self, data: bytes) -> Note:
        head = data[:64]
        if b'"ack"' in head or b'"state"' in head or b'"pong"' in head:
            return classify(json.loads(data))
        note = self.notes.get(data)
        if note is None:
            note = classify(json.loads(data))
            if note.kind not in ("ack", "state", "pong"):
                self.notes[data] = note
                if len(self.notes) > self.KEEP:
                    del self.notes[next(iter(self.notes))]
        return note


# ------------------------------------------------------------------ phones


@dataclass
class Run:
    """What every simulated phone shares: the workshop, the options, the tallies and the clock."""

    setup: Setup
    args: argparse.Namespace
    stats: Stats
    start: float
    done: asyncio.Event
    decode: Decoder = field(default_factory=Decoder)
    room_ready: asyncio.Event = field(default_factory=asyncio.Event)
    room_ready_at: float | None = None
    server_cpu_at_start: float = float("nan")

    def __post_init__(self) -> None:
        self.positions = {
            activity_id: n for n, (activity_id, _) in enumerate(self.setup.activities)
        }
        self.base_url = self.setup.base_url
        self.code = self.setup.code

    def window_start(self, number: int) -> float:
        """When the facilitator shows activity `number` (the first is shown from the start)."""
        return self.begin + number * self.args.window

    @property
    def begin(self) -> float:
        """When the first window opens: once everyone is in (see `wait_for_room`)."""
        return self.room_ready_at if self.room_ready_at is not None else float("inf")


async def sleep_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


async def open_socket(setup: Setup, path: str, cookie: str, source: str) -> Any:
    """Open a WebSocket (no compression) with the given cookies from a loopback source address."""
    import websockets

    host = urlsplit(setup.base_url)
    return await websockets.connect(
        f"ws://{host.netloc}{path}",
        additional_headers={"Cookie": cookie},
        origin=f"http://{host.netloc}",  # type: ignore[arg-type]
        local_addr=(source, 0),
        open_timeout=REQUEST_TIMEOUT,
        max_size=2**24,
        ping_interval=None,
        compression=None,
        proxy=None,
        user_agent_header=None,
    )


NO_REPLY = 0  # network error, timeout, closed socket or no ack in time: try again after a pause


class Phone:
    """One participant's phone page: join, show the current activity, answer, refresh.

    It follows `live.js`: answers go over the socket while it is open (HTTP otherwise), one at a
    time, and are retried with the same key; the activity fragment is fetched again when another
    activity is shown (unless the message brought it), the live part after an ack and when the
    results of the activity on the screen change, spread out as the server's hints ask.
    """

    def __init__(self, run: Run, index: int, http: Any, source: str) -> None:
        self.run = run
        self.stats = run.stats
        self.index = index
        self.http = http
        self.source = source
        self.rng = random.Random(run.args.seed * 100_003 + index)
        self.loop = asyncio.get_running_loop()
        self.cookie = ""
        self.get_headers: dict[str, str] = {}
        self.post_headers: dict[str, str] = {}
        self.ws: Any = None
        self.connection: asyncio.Task[None] | None = None
        self.poller: asyncio.Task[None] | None = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.pending: dict[str, asyncio.Future[int]] = {}
        self.displayed: int | None = None  # the activity whose form is on the screen
        self.moved = asyncio.Event()
        self.opened = asyncio.Event()
        self.workshop_sig: tuple[Any, Any] | None = None  # of the last "workshop" message
        self.fingerprint: int | None = None  # of the last results seen for the shown activity
        self.refresh_ms = REFRESH_MS
        self.live_timer: asyncio.TimerHandle | None = None
        self.live_last = -1e9
        self.activity_timer: asyncio.TimerHandle | None = None
        self.page_loaded_at = -1e9
        self.greeted = False
        code = run.code
        self.activity_path = f"/d/{code}/aktivitet/"
        self.live_path = f"/d/{code}/aktivitet/?del=live"

    # ---------------------------------------------------------- life

    async def live(self) -> None:
        """Join at the phone's ramp time, open the page and the socket, answer every activity."""
        run = self.run
        await sleep_until(run.start + self.rng.uniform(0, run.args.ramp))
        joining = time.monotonic()
        cookies = await self.join_safely()
        if cookies is not None:
            self.use(cookies)
            page = await self.get(f"/d/{run.code}/", record=False)  # the page shows the activity
            if page is not None:
                self.page_loaded_at = time.monotonic()
                self.display(shown_in(page))
            if self.rng.random() < run.args.phone_sockets:
                self.connection = asyncio.create_task(self.keep_socket())
                with suppress(TimeoutError):
                    await asyncio.wait_for(self.opened.wait(), REQUEST_TIMEOUT)
            else:
                self.start_polling()
            self.stats.join_ms.append((time.monotonic() - joining) * 1000)
        self.stats.in_room += 1
        if cookies is not None and not run.args.join_only:
            await run.room_ready.wait()
            await self.answer_all()
        self.stats.phones_done += 1

    async def hang_up(self) -> None:
        """Stop everything the phone does and close its socket."""
        for timer in (self.live_timer, self.activity_timer):
            if timer is not None:
                timer.cancel()
        for task in (self.connection, self.poller, *self.tasks):
            if task is not None:
                task.cancel()
        if self.ws is not None:
            with suppress(Exception):
                await self.ws.close()

    def spawn(self, coroutine: Any) -> None:
        task = asyncio.create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def use(self, cookies: dict[str, str]) -> None:
        self.cookie = cookie_header(cookies)
        self.get_headers = {"Cookie": self.cookie, "X-Requested-With": "fetch"}
        self.post_headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "X-CSRFToken": cookies.get("csrftoken", ""),
            "Cookie": self.cookie,
        }

    async def join(self) -> dict[str, str] | None:
        """Open the welcome page and join; return the phone's cookies (None if refused)."""
        base, code = self.run.base_url, self.run.code
        async with self.http.get(f"{base}/d/{code}/", allow_redirects=False) as page:
            await page.read()
            cookies = parse_cookies(page.headers.getall("Set-Cookie", ()))
        headers = {
            "Accept": "application/json",
            "X-CSRFToken": cookies.get("csrftoken", ""),
            "Cookie": cookie_header(cookies),
        }
        url = f"{base}/d/{code}/bli-med/"
        async with self.http.post(url, headers=headers, allow_redirects=False) as joined:
            await joined.read()
            if joined.status != 200:
                return None
            return {**cookies, **parse_cookies(joined.headers.getall("Set-Cookie", ()))}

    async def join_safely(self) -> dict[str, str] | None:
        """Join, trying again as a person would; return the cookies, or None (counted) if it fails."""
        for attempt in range(MAX_TRIES):
            try:
                cookies = await self.join()
            except Exception:  # noqa: BLE001 - a timeout or reset: wait and try again
                cookies = None
            if cookies is not None:
                return cookies
            self.stats.join_retries += 1
            await asyncio.sleep(min(8.0, 0.5 * 2**attempt) * self.rng.random())
        self.stats.join_failures += 1
        return None

    # ---------------------------------------------------------- answering

    async def answer_all(self) -> None:
        """Answer each activity at a random moment of its window, once the screen shows it."""
        run = self.run
        for number, (activity_id, kind) in enumerate(run.setup.activities):
            await sleep_until(run.window_start(number) + self.rng.uniform(0, run.args.window))
            if not await self.wait_displayed(number):
                self.stats.skipped += 1  # the screen moved on before this person saw it
                continue
            body = answer_payload(kind, activity_id, self.index, self.rng)
            self.stats.sent += 1
            await self.submit(body)
            if self.rng.random() < run.args.resend:
                self.stats.resent += 1  # a phone that did not see the reply sends it again
                await self.submit(body, record=False)

    async def wait_displayed(self, number: int) -> bool:
        """Wait until activity `number` is on the screen; False if the screen is past it."""
        while True:
            position = self.run.positions.get(self.displayed, -1)  # type: ignore[arg-type]
            if position == number:
                return True
            if position > number:
                return False
            self.moved.clear()
            await self.moved.wait()

    async def submit(self, body: dict[str, Any], *, record: bool = True) -> None:
        """Send one answer until an ok-ack; retry with the same key (socket if open, else HTTP)."""
        key = body["key"]
        text = json.dumps({"type": "answer", "data": body})
        payload = json.dumps(body).encode()
        started = time.monotonic()  # latency as the person feels it: retries included
        for attempt in range(MAX_TRIES):
            websocket = self.ws if self.run.args.answer_via == "socket" else None
            if websocket is not None:
                status = await self.send_over_socket(websocket, key, text)
            else:
                status = await self.post(payload)
            if status == 200:
                if record:
                    self.stats.latencies_ms.append((time.monotonic() - started) * 1000)
                    self.stats.answer_log.append(
                        (
                            started,
                            (time.monotonic() - started) * 1000,
                            "socket" if websocket is not None else "http",
                            attempt,
                        )
                    )
                    self.stats.acked.setdefault(key, (body["activity"], time.monotonic()))
                    self.stats.over_socket += websocket is not None
                self.after_ack()
                return
            if status > 0 and status != 429 and status < 500:
                self.stats.rejected += 1
                return
            self.stats.retries += 1
            # The page waits 1 s, 2 s, 4 s … (30 s at most); with jitter here, as phones differ.
            await asyncio.sleep(min(30.0, 2.0**attempt) * (0.5 + self.rng.random() / 2))
        self.stats.gave_up += 1

    async def send_over_socket(self, websocket: Any, key: str, text: str) -> int:
        future: asyncio.Future[int] = self.loop.create_future()
        self.pending[key] = future
        try:
            await websocket.send(text)
            return await asyncio.wait_for(future, ACK_TIMEOUT)
        except TimeoutError:
            self.stats.ack_timeouts += 1
            return NO_REPLY
        except Exception:  # noqa: BLE001 - the socket closed: send again (HTTP if still closed)
            return NO_REPLY
        finally:
            if self.pending.get(key) is future:
                del self.pending[key]

    async def post(self, payload: bytes) -> int:
        url = f"{self.run.base_url}/d/{self.run.code}/svar/"
        try:
            async with self.http.post(
                url, data=payload, headers=self.post_headers, allow_redirects=False
            ) as response:
                await response.read()
                return int(response.status)
        except Exception:  # noqa: BLE001 - any network error means: try again with the same key
            return NO_REPLY

    # ---------------------------------------------------------- socket and polling

    async def keep_socket(self) -> None:
        """Keep the socket open as the page does: reconnect with backoff, poll while it is down."""
        path = f"/ws/d/{self.run.code}/"
        attempt, opened = 0, False
        while True:
            try:
                websocket = await open_socket(self.run.setup, path, self.cookie, self.source)
            except Exception:  # noqa: BLE001
                websocket = None
                self.stats.socket_failures += not opened and attempt == 0
            if websocket is not None:
                opened, attempt = True, 0
                self.ws = websocket
                self.opened.set()
                self.stop_polling()
                await self.read(websocket)
                self.ws = None
                for future in self.pending.values():
                    if not future.done():
                        future.set_result(NO_REPLY)
                if self.run.done.is_set():
                    return
                self.stats.socket_drops += 1
            self.start_polling()
            await asyncio.sleep(min(30.0, 2.0**attempt) * (0.5 + self.rng.random() / 2))
            attempt += 1

    async def read(self, websocket: Any) -> None:
        receive, on_data = websocket.recv, self.on_data
        with suppress(Exception):  # closed: the caller reconnects
            while True:
                on_data(await receive(decode=False))

    def start_polling(self) -> None:
        if self.poller is None or self.poller.done():
            self.poller = asyncio.create_task(self.poll())

    def stop_polling(self) -> None:
        if self.poller is not None:
            self.poller.cancel()
            self.poller = None

    async def poll(self) -> None:
        """While there is no socket, fetch the state every 4–6 s (the page's fallback)."""
        interval = self.rng.uniform(*POLL_SECONDS)
        url = f"{self.run.base_url}/d/{self.run.code}/tilstand.json"
        headers = {"Cookie": self.cookie, "Accept": "application/json"}
        while True:
            await asyncio.sleep(interval)
            self.stats.polls += 1
            try:
                async with self.http.get(url, headers=headers, allow_redirects=False) as response:
                    body = await response.read()
                    if response.status != 200:
                        raise ValueError(response.status)
                self.on_note(classify(json.loads(body)))
            except Exception:  # noqa: BLE001 - the next poll tries again
                self.stats.poll_failures += 1

    # ---------------------------------------------------------- what arrives

    def on_data(self, data: bytes) -> None:
        self.stats.phone_messages += 1
        try:
            note = self.run.decode(data)
            if note.kind == "ack":
                future = self.pending.get(note.key)
                if future is not None and not future.done():
                    future.set_result(note.status)
            else:
                self.on_note(note)
        except Exception:  # noqa: BLE001 - a page ignores what it cannot read
            self.stats.bad_messages += 1

    def on_note(self, note: Note) -> None:
        """Act on a socket message or a polled state as `onParticipantMessage` in live.js does."""
        if note.refresh_ms:
            self.refresh_ms = max(REFRESH_MS, note.refresh_ms)
        kind = note.kind
        if kind == "show":
            if not note.self_paced:
                self.fingerprint = None
                if note.has_html:
                    self.display(note.activity_id)  # the fragment came with the message
                else:
                    self.refresh_activity(self.within(note.fetch_within_ms), now=True)
            return
        if kind == "state" and not note.self_paced and note.activity_id != self.displayed:
            self.refresh_activity(0.0)
            return
        if kind == "workshop":
            if self.workshop_sig is not None and note.workshop_sig != self.workshop_sig:
                self.refresh_activity(self.within(note.fetch_within_ms))
            self.workshop_sig = note.workshop_sig
            return
        if note.activity_id is None or note.activity_id != self.displayed:
            return
        if note.fingerprint == self.fingerprint:
            return
        self.fingerprint = note.fingerprint
        first, self.greeted = kind == "state" and not self.greeted, self.greeted or kind == "state"
        if first and time.monotonic() - self.page_loaded_at < FRESH_PAGE_SECONDS:
            return  # the page just showed these results
        self.schedule_live()

    def schedule_live(self) -> None:
        """Fetch the live part soon, but at most once per refresh_ms (`scheduleLive` in live.js)."""
        if self.live_timer is not None:
            return  # the pending refresh will fetch the newest results
        spread = self.refresh_ms / 1000
        first = self.rng.random() * spread if self.crowded else 1.5 + self.rng.random() * 2.5
        wait = max(first, self.live_last + spread - self.loop.time())
        self.refresh_live(wait)

    @property
    def crowded(self) -> bool:
        return self.refresh_ms > REFRESH_MS

    def within(self, milliseconds: float | None) -> float:
        return self.rng.random() * (milliseconds or 0.0) / 1000

    def after_ack(self) -> None:
        """Refresh the live part: at once in a small room; in a crowded one within the same
        once-per-refresh_ms budget as result updates (the page shows the answer itself)."""
        if self.crowded:
            self.schedule_live()
        else:
            self.refresh_live(0.0, now=True)

    def display(self, activity_id: int | None) -> None:
        if activity_id != self.displayed:
            self.displayed = activity_id
            self.moved.set()

    # ---------------------------------------------------------- fetching fragments

    async def get(self, path: str, *, record: bool = True) -> bytes | None:
        """GET a page or fragment with the phone's cookies; None (counted) when it fails."""
        started = time.monotonic()
        try:
            async with self.http.get(
                self.run.base_url + path, headers=self.get_headers, allow_redirects=False
            ) as response:
                body: bytes | None = await response.read()
                if response.status != 200:
                    body = None
        except Exception:  # noqa: BLE001 - the page shows what it had; a later event tries again
            body = None
        if record:
            if body is None:
                self.stats.fetch_failures += 1
            else:
                self.stats.fetch_ms.append((time.monotonic() - started) * 1000)
        return body

    def _schedule(
        self, timer: asyncio.TimerHandle | None, delay: float, now: bool, fire: Any
    ) -> asyncio.TimerHandle | None:
        """One pending refresh per region, as `refresh()` in live.js: `now` replaces it."""
        if timer is not None:
            if not now:
                return timer
            timer.cancel()
        return self.loop.call_later(delay, fire)

    def refresh_activity(self, delay: float, *, now: bool = False) -> None:
        """Fetch the activity fragment after `delay` seconds and show what it contains."""
        self.activity_timer = self._schedule(self.activity_timer, delay, now, self._activity_due)

    def _activity_due(self) -> None:
        self.activity_timer = None
        self.spawn(self._fetch_activity())

    async def _fetch_activity(self) -> None:
        body = await self.get(self.activity_path)
        if body is not None:  # a failed fetch is not retried: the next event or poll will
            self.display(shown_in(body))

    def refresh_live(self, delay: float, *, now: bool = False) -> None:
        """Fetch the live part (results, own answers) after `delay` seconds."""
        self.live_timer = self._schedule(self.live_timer, delay, now, self._live_due)

    def _live_due(self) -> None:
        self.live_timer = None
        self.live_last = self.loop.time()
        self.spawn(self.get(self.live_path))


# ------------------------------------------------------------------ facilitator and projector


async def facilitator(run: Run, http: Any) -> None:
    """Show each activity at the start of its window, as a facilitator does from the console."""
    setup, stats = run.setup, run.stats
    console = f"{setup.base_url}/verksted/{setup.workshop_id}/"
    session = f"sessionid={setup.session_cookie}"
    token = ""
    with suppress(Exception):  # without a token every show below fails and is counted
        async with http.get(console, headers={"Cookie": session}, allow_redirects=False) as page:
            await page.read()
            token = parse_cookies(page.headers.getall("Set-Cookie", ())).get("csrftoken", "")
    headers = {
        "Cookie": f"{session}; csrftoken={token}",
        "X-CSRFToken": token,
        "Referer": console,
        "Origin": setup.base_url,
    }
    for number, (activity_id, _kind) in enumerate(setup.activities):
        if number == 0:
            continue  # opening the workshop showed the first activity
        await sleep_until(run.window_start(number))
        started = time.monotonic()
        for attempt in range(MAX_TRIES):
            try:
                async with http.post(
                    f"{console}vis/",
                    data={"activity": str(activity_id)},
                    headers=headers,
                    allow_redirects=False,
                ) as response:
                    await response.read()
                    status = response.status
                    moved_to = urlsplit(response.headers.get("Location", "")).path
            except Exception:  # noqa: BLE001 - try again
                status, moved_to = NO_REPLY, ""
            if status == 200 or (status in (302, 303) and moved_to.startswith("/verksted/")):
                stats.show_ms.append((time.monotonic() - started) * 1000)
                break
            if status != NO_REPLY and status != 429 and status < 500:
                stats.show_failures += 1
                break
            await asyncio.sleep(min(8.0, 0.5 * 2**attempt) * random.random())
        else:
            stats.show_failures += 1


async def presenter(setup: Setup, stats: Stats, ready: asyncio.Event, done: asyncio.Event) -> None:
    """The projector: log (time, answers counted) for every activity update it receives."""
    path = f"/ws/verksted/{setup.workshop_id}/?visning=presenter"
    websocket = await open_socket(setup, path, f"sessionid={setup.session_cookie}", "127.0.0.1")
    ready.set()
    try:
        while not done.is_set():
            try:
                message = await asyncio.wait_for(websocket.recv(decode=False), timeout=0.5)
            except TimeoutError:
                continue
            arrived = time.monotonic()
            if b'"results"' not in message:
                continue
            activity = json.loads(message).get("activity")
            if activity and activity.get("results"):
                # "answered" is the live count the projector shows («Så langt har N svart»); the
                # tally itself moves in steps of 5 answers (docs/workshops.md).
                results = activity["results"]
                counted = int(results.get("answered", results["total"]))
                stats.presenter[activity["id"]].append((arrived, counted))
    finally:
        await websocket.close()


def http_sessions(args: argparse.Namespace) -> tuple[list[Any], list[str]]:
    """One aiohttp session per loopback source address; cookies are sent by hand, never kept."""
    import aiohttp

    sources = [f"127.0.{1 + i // 250}.{2 + i % 250}" for i in range(args.sources)]
    sessions = [
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=args.connections, local_addr=(source, 0)),
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
        )
        for source in sources
    ]
    return sessions, sources


async def run_load(setup: Setup, args: argparse.Namespace) -> Stats:
    """Run every phone, the facilitator and the presenter until all answers are in or time is up."""
    import aiohttp

    sessions, sources = http_sessions(args)
    console = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=4, local_addr=("127.0.0.1", 0)),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
    )
    ready = asyncio.Event()
    run = Run(setup=setup, args=args, stats=Stats(), start=0.0, done=asyncio.Event())
    watcher = asyncio.create_task(presenter(setup, run.stats, ready, run.done))
    await asyncio.wait_for(ready.wait(), timeout=30)
    run.start = time.monotonic() + 0.5
    run.server_cpu_at_start = process_tree_cpu(args.server_pid)
    phones = [
        Phone(run, i, sessions[i % len(sessions)], sources[i % len(sources)])
        for i in range(args.participants)
    ]
    tasks = [asyncio.create_task(phone.live()) for phone in phones]
    await wait_for_room(run)
    driver = asyncio.create_task(
        facilitator(run, console) if not args.join_only else asyncio.sleep(0)
    )
    finished = await wait_for_phones(run.stats, args, run.start + args.max_seconds)
    await asyncio.sleep(args.settle)  # let the last events reach the projector
    run.done.set()
    await stop_tasks(phones, [*tasks, driver, watcher])
    for session in [*sessions, console]:
        await session.close()
    run.stats.timed_out = not finished
    return run.stats


async def wait_for_room(run: Run) -> None:
    """Start the first activity once every phone is in (joined, page shown, socket open), as a
    facilitator waits for the room; at most `--join-grace` seconds after the ramp."""
    deadline = run.start + run.args.ramp + run.args.join_grace
    while run.stats.in_room < run.args.participants and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    run.stats.join_server_cpu_s = process_tree_cpu(run.args.server_pid) - run.server_cpu_at_start
    run.room_ready_at = time.monotonic() + 1.0
    run.stats.room_ready_s = run.room_ready_at - run.start
    run.room_ready.set()


async def stop_tasks(phones: list[Phone], tasks: list[asyncio.Task[None]]) -> None:
    """Hang up every phone (20 s at most), then cancel what is left."""
    for task in tasks:
        task.cancel()
    with suppress(Exception):
        await asyncio.wait_for(asyncio.gather(*(p.hang_up() for p in phones)), timeout=20)
    with suppress(BaseException):
        await asyncio.gather(*tasks, return_exceptions=True)


async def wait_for_phones(stats: Stats, args: Any, deadline: float) -> bool:
    """Wait until every phone has sent all its answers (or given up), or until the deadline."""
    while time.monotonic() < deadline:
        if stats.phones_done >= args.participants:
            return True
        await asyncio.sleep(0.25)
    return False


# ------------------------------------------------------------------ figures


def write_answer_log(path: str, stats: Stats, began: float) -> None:
    """Write one CSV row per acknowledged answer, to see when the slow ones happened."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("sent_at_s,ms,path,retries\n")
        for sent, ms, via, retries in sorted(stats.answer_log):
            out.write(f"{sent - began:.3f},{ms:.1f},{via},{retries}\n")


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the values fall (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def presenter_lags(stats: Stats) -> tuple[list[float], int]:
    """For the k-th acknowledged answer of an activity: time until the projector counted k answers."""
    acks: dict[int, list[float]] = defaultdict(list)
    for activity_id, moment in stats.acked.values():
        acks[activity_id].append(moment)
    lags, missed = [], 0
    for activity_id, moments in acks.items():
        seen = stats.presenter.get(activity_id, [])
        for rank, acked_at in enumerate(sorted(moments), start=1):
            shown = next((t for t, total in seen if total >= rank), None)
            if shown is None:
                missed += 1
            else:
                lags.append(max(0.0, shown - acked_at) * 1000)
    return lags, missed


def report(
    args: Any,
    stats: Stats,
    stored_keys: set[str],
    rows: int,
    duplicates: int,
    seconds: float,
    cpu: tuple[float, float] = (float("nan"), float("nan")),
) -> str:
    """Format the one result line (`cpu`: seconds used by this client and by the server)."""
    lost = len(set(stats.acked) - stored_keys)
    lags, missed = presenter_lags(stats)
    fields = {
        "participants": args.participants,
        "answers_sent": stats.sent,
        "answers_stored": rows,
        "lost": lost,
        "duplicates": duplicates,
        "p50_ms": f"{percentile(stats.latencies_ms, 0.5):.0f}",
        "p99_ms": f"{percentile(stats.latencies_ms, 0.99):.0f}",
        "presenter_lag_ms": f"{percentile(lags, 0.99):.0f}",
        "presenter_lag_max_ms": f"{max(lags, default=float('nan')):.0f}",
        "presenter_missed": missed,
        "acked": len(stats.acked),
        "answers_over_socket": stats.over_socket,
        "rejected": stats.rejected,
        "gave_up": stats.gave_up,
        "retries": stats.retries,
        "ack_timeouts": stats.ack_timeouts,
        "resent": stats.resent,
        "skipped": stats.skipped,
        "join_p99_ms": f"{percentile(stats.join_ms, 0.99):.0f}",
        "room_ready_s": f"{stats.room_ready_s:.1f}",
        # Server CPU per phone while the room was joining (joins, sockets, their fetches).
        "join_server_ms": f"{1000 * stats.join_server_cpu_s / max(1, args.participants):.1f}",
        "join_failures": stats.join_failures,
        "join_retries": stats.join_retries,
        "socket_failures": stats.socket_failures,
        "socket_drops": stats.socket_drops,
        "phone_messages": stats.phone_messages,
        "bad_messages": stats.bad_messages,
        "phone_fetches": len(stats.fetch_ms) + stats.fetch_failures,
        "fetch_p99_ms": f"{percentile(stats.fetch_ms, 0.99):.0f}",
        "fetch_failures": stats.fetch_failures,
        "polls": stats.polls,
        "poll_failures": stats.poll_failures,
        "show_ms": f"{max(stats.show_ms, default=float('nan')):.0f}",
        "show_failures": stats.show_failures,
        "workers": args.workers,
        "phone_sockets": args.phone_sockets,
        "answer_via": args.answer_via,
        "activities": ",".join(args.activities),
        "timed_out": int(stats.timed_out),
        "seconds": f"{seconds:.0f}",
        "client_cpu_s": f"{cpu[0]:.1f}",
        "server_cpu_s": f"{cpu[1]:.1f}",
    }
    return " ".join(f"{key}={value}" for key, value in fields.items())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--url", help="use this running server (http://127.0.0.1:PORT) instead")
    parser.add_argument("--database-url", help="database of the server (default: fresh SQLite)")
    parser.add_argument("--redis-url", help="Redis for the channel layer and cache (scale-out)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--activities",
        default="choice,scale,wordcloud,open",
        help=f"comma-separated kinds among {', '.join(ACTIVITY_PLANS)}",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=60.0,
        help="seconds over which phones start joining, evenly spread (default: a room that "
        "types the code within one minute)",
    )
    parser.add_argument(
        "--join-only",
        action="store_true",
        help="stop once every phone is in (to measure or profile joining alone)",
    )
    parser.add_argument(
        "--window",
        type=float,
        default=10.0,
        help="seconds each activity is shown; every phone answers within it",
    )
    parser.add_argument(
        "--resend", type=float, default=0.05, help="share of answers sent twice with the same key"
    )
    parser.add_argument(
        "--phone-sockets",
        type=float,
        default=1.0,
        help="share of phones that keep a WebSocket open (1.0 = all, as in a room); "
        "the others poll the state every 4-6 s and answer over HTTP",
    )
    parser.add_argument(
        "--answer-via",
        choices=("socket", "http"),
        default="socket",
        help="where phones with an open socket send answers (http: the older page)",
    )
    parser.add_argument("--sources", type=int, default=16, help="loopback source addresses")
    parser.add_argument("--connections", type=int, default=64, help="HTTP connections per source")
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="hard limit of the run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--join-grace",
        type=float,
        default=120.0,
        help="seconds after the ramp the facilitator waits for the last phones before starting",
    )
    parser.add_argument(
        "--answer-log", help="write every acknowledged answer (sent_at_s, ms, path, retries) as CSV"
    )
    args = parser.parse_args(argv)
    args.activities = [k.strip() for k in args.activities.split(",") if k.strip()]
    unknown = set(args.activities) - set(ACTIVITY_PLANS)
    if unknown or not args.activities:
        parser.error(f"unknown activity kinds: {sorted(unknown)}")
    if args.workers > 1 and not args.redis_url and not args.url:
        parser.error("--workers > 1 needs --redis-url (the in-memory channel layer is per process)")
    if not 1 <= args.participants <= 20_000:
        parser.error("--participants must be between 1 and 20000")
    if not 1 <= args.sources <= 250 * 254:
        parser.error("--sources must be between 1 and 63500")
    if args.url and urlsplit(args.url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("--url must be on 127.0.0.1 (this benchmark never sends traffic elsewhere)")
    args.server_pid = None  # set once the server is started (for its CPU time)
    return args


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # so `finally` stops the server we started


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="bench-workshop-") as workdir:
        env = configure(args, Path(workdir))
        import django
        from django.core.management import call_command

        django.setup()
        server = None
        try:
            if args.url:
                base_url = args.url.rstrip("/")
            else:
                call_command("migrate", verbosity=0, interactive=False)
                port = free_port()
                server = start_server(env, port, args.workers)
                base_url = f"http://127.0.0.1:{port}"
            warm_up(base_url, args.activities, args)
            setup = create_workshop(base_url, args.activities)
            load_before = os.getloadavg()[0]
            server_pid = args.server_pid = server.pid if server is not None else None
            cpu_before = own_cpu(), process_tree_cpu(server_pid)
            began = time.monotonic()
            stats = asyncio.run(run_load(setup, args), loop_factory=new_loop)
            seconds = time.monotonic() - began
            if args.answer_log:
                write_answer_log(args.answer_log, stats, began)
            cpu = own_cpu() - cpu_before[0], process_tree_cpu(server_pid) - cpu_before[1]
        finally:
            stop_server(server)
        keys, rows, duplicates = count_stored(setup)
        line = report(args, stats, keys, rows, duplicates, seconds, cpu)
        print(
            f"{line} load_before={load_before:.1f} load_after={os.getloadavg()[0]:.1f}", flush=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
