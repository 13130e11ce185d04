"""Load-test a live workshop: simulated phones join, answer and listen, a presenter screen watches.

Run: .venv/bin/python bench/bench_workshop.py --participants 2000
     (make bench-workshop N=2000; scale-out: --database-url postgres://… --redis-url redis://… --workers 2)

It starts the app with uvicorn on 127.0.0.1 with a fresh SQLite database (or uses --url of a running
server, and --database-url to reach its database), creates a workshop with several activities through
the services, then simulates phones over real HTTP and WebSockets, following the protocol in
docs/workshops.md: GET the page, join, open the participant socket, answer each activity during its
window (as when a facilitator shows one activity after another), retry on errors with the same
idempotency key, and resend a share of answers on purpose to check idempotency. A presenter socket
logs when each result reaches the projector. Afterwards the stored answers are counted in the
database. Traffic goes only to 127.0.0.1 (phones use several 127.0.0.x source addresses, as phones
in a room share a few public addresses); the run is bounded by --max-seconds.

Prints one line:
participants=.. answers_sent=.. answers_stored=.. lost=.. duplicates=.. p50_ms=.. p99_ms=..
presenter_lag_ms=..  (then extra fields: presenter_lag_max_ms, presenter_missed, rejected, …)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
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
    acked: dict[str, tuple[int, float]] = field(default_factory=dict)  # key → (activity, time)
    sent: int = 0
    resent: int = 0
    rejected: int = 0
    gave_up: int = 0
    retries: int = 0
    join_failures: int = 0
    join_retries: int = 0
    phones_done: int = 0
    timed_out: bool = False
    socket_failures: int = 0
    phone_messages: int = 0
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
    }
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    os.environ.update(env)
    return {**os.environ, **env}


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    """Start uvicorn on 127.0.0.1 and wait until it answers."""
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
        "--log-level",
        "warning",
        "--no-access-log",
        "--timeout-graceful-shutdown",
        "3",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
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


def warm_up(base_url: str, kinds: list[str], args: argparse.Namespace) -> None:
    """Run one phone through a separate workshop, so the measured phones meet a warm server."""
    rehearsal = create_workshop(base_url, kinds)
    quiet = argparse.Namespace(
        **{
            **vars(args),
            "participants": 1,
            "ramp": 0.0,
            "window": 0.2,
            "resend": 0.0,
            "max_seconds": 60.0,
            "settle": 0.2,
        }
    )
    asyncio.run(run_load(rehearsal, quiet))


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
    services.workshop_open(workshop=workshop)
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


# ------------------------------------------------------------------ phones


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


def parse_cookies(response: Any) -> dict[str, str]:
    """Read name=value pairs from the Set-Cookie headers of a response."""
    cookies = {}
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


async def submit(
    client: Any,
    setup: Setup,
    cookies: dict[str, str],
    body: dict[str, Any],
    stats: Stats,
    *,
    record: bool = True,
) -> None:
    """POST one answer; retry with the same key on network errors, 5xx and 429."""
    headers = {
        "Accept": "application/json",
        "X-CSRFToken": cookies.get("csrftoken", ""),
        "Cookie": cookie_header(cookies),
    }
    url = f"{setup.base_url}/d/{setup.code}/svar/"
    started = time.monotonic()  # latency as the person feels it: retries included
    for attempt in range(MAX_TRIES):
        try:
            response = await client.post(url, json=body, headers=headers, timeout=REQUEST_TIMEOUT)
        except Exception:  # noqa: BLE001 - any network error means: try again with the same key
            response = None
        if response is not None and response.status_code == 200:
            if record:
                stats.latencies_ms.append((time.monotonic() - started) * 1000)
                stats.acked.setdefault(body["key"], (body["activity"], time.monotonic()))
            return
        if response is not None and response.status_code != 429 and response.status_code < 500:
            stats.rejected += 1
            return
        stats.retries += 1
        await asyncio.sleep(min(8.0, 0.5 * 2**attempt) * random.random())
    stats.gave_up += 1


async def drain(websocket: Any, stats: Stats) -> None:
    """Read and drop what the server pushes to a phone, as a phone's page would consume it."""
    with suppress(Exception):
        async for _message in websocket:
            stats.phone_messages += 1


async def join(client: Any, setup: Setup) -> dict[str, str] | None:
    """Open the welcome page and join; return the phone's cookies (None if refused)."""
    page = await client.get(f"{setup.base_url}/d/{setup.code}/", timeout=REQUEST_TIMEOUT)
    cookies = parse_cookies(page)
    headers = {
        "Accept": "application/json",
        "X-CSRFToken": cookies.get("csrftoken", ""),
        "Cookie": cookie_header(cookies),
    }
    joined = await client.post(
        f"{setup.base_url}/d/{setup.code}/bli-med/", headers=headers, timeout=REQUEST_TIMEOUT
    )
    if joined.status_code != 200:
        return None
    return {**cookies, **parse_cookies(joined)}


async def open_socket(setup: Setup, path: str, cookie: str, source: str) -> Any:
    """Open a WebSocket to the server with the given cookies from a loopback source address."""
    import websockets

    host = urlsplit(setup.base_url)
    uri = f"ws://{host.netloc}{path}"
    return await websockets.connect(
        uri,
        additional_headers={"Cookie": cookie},
        origin=f"http://{host.netloc}",  # type: ignore[arg-type]
        local_addr=(source, 0),
        open_timeout=REQUEST_TIMEOUT,
        max_size=2**24,
        ping_interval=None,
    )


@dataclass
class Run:
    """What every simulated phone shares: the workshop, the options, the tallies and the clock."""

    setup: Setup
    args: argparse.Namespace
    stats: Stats
    start: float
    done: asyncio.Event


async def sleep_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


async def join_safely(run: Run, client: Any) -> dict[str, str] | None:
    """Join, trying again as a person would; return the cookies, or None (counted) if it fails."""
    for attempt in range(MAX_TRIES):
        try:
            cookies = await join(client, run.setup)
        except Exception:  # noqa: BLE001 - a timeout or reset: wait and try again
            cookies = None
        if cookies is not None:
            return cookies
        run.stats.join_retries += 1
        await asyncio.sleep(min(8.0, 0.5 * 2**attempt) * random.random())
    run.stats.join_failures += 1
    return None


async def listen(run: Run, cookies: dict[str, str], source: str) -> Any:
    """Open the phone's WebSocket (None when it fails, counted)."""
    try:
        path = f"/ws/d/{run.setup.code}/"
        return await open_socket(run.setup, path, cookie_header(cookies), source)
    except Exception:  # noqa: BLE001
        run.stats.socket_failures += 1
        return None


async def answer_all(
    run: Run, index: int, client: Any, cookies: dict[str, str], rng: random.Random
) -> None:
    """Answer each activity at a random moment of its window; resend some answers on purpose."""
    for number, (activity_id, kind) in enumerate(run.setup.activities):
        opens = run.start + run.args.ramp + number * run.args.window
        await sleep_until(opens + rng.uniform(0, run.args.window))
        body = answer_payload(kind, activity_id, index, rng)
        run.stats.sent += 1
        await submit(client, run.setup, cookies, body, run.stats)
        if rng.random() < run.args.resend:
            run.stats.resent += 1  # a phone that did not see the reply sends the same answer again
            await submit(client, run.setup, cookies, body, run.stats, record=False)


async def phone(run: Run, index: int, client: Any, source: str) -> None:
    """One participant: join at its ramp time, listen, answer, stay until the run ends."""
    rng = random.Random(run.args.seed * 100_003 + index)
    await sleep_until(run.start + rng.uniform(0, run.args.ramp))
    cookies = await join_safely(run, client)
    websocket, reader = None, None
    if cookies is not None:
        if rng.random() < run.args.phone_sockets:
            websocket = await listen(run, cookies, source)
        if websocket is not None:
            reader = asyncio.create_task(drain(websocket, run.stats))
        await answer_all(run, index, client, cookies, rng)
    run.stats.phones_done += 1
    await run.done.wait()
    if reader is not None:
        reader.cancel()
        with suppress(Exception):
            await websocket.close()


async def presenter(setup: Setup, stats: Stats, ready: asyncio.Event, done: asyncio.Event) -> None:
    """The projector: log (time, answers counted) for every activity update it receives."""
    path = f"/ws/verksted/{setup.workshop_id}/?visning=presenter"
    websocket = await open_socket(setup, path, f"sessionid={setup.session_cookie}", "127.0.0.1")
    ready.set()
    try:
        while not done.is_set():
            try:
                message = await asyncio.wait_for(websocket.recv(), timeout=0.5)
            except TimeoutError:
                continue
            arrived = time.monotonic()
            event = json.loads(message)
            activity = event.get("activity")
            if activity and activity.get("results"):
                stats.presenter[activity["id"]].append((arrived, int(activity["results"]["total"])))
    finally:
        await websocket.close()


def http_clients(args: argparse.Namespace) -> tuple[list[Any], list[str]]:
    """One HTTP client per loopback source address; cookies are sent by hand, never shared."""
    import httpx

    sources = [f"127.0.{1 + i // 250}.{2 + i % 250}" for i in range(args.sources)]
    limits = httpx.Limits(
        max_connections=args.connections, max_keepalive_connections=args.connections
    )
    clients = [
        httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(local_address=s, limits=limits))
        for s in sources
    ]
    for client in clients:
        client.cookies.extract_cookies = lambda response: None  # type: ignore[method-assign]
    return clients, sources


async def run_load(setup: Setup, args: argparse.Namespace) -> Stats:
    """Run every phone and the presenter until all answers are in or the time is up."""
    clients, sources = http_clients(args)
    ready = asyncio.Event()
    run = Run(setup=setup, args=args, stats=Stats(), start=0.0, done=asyncio.Event())
    watcher = asyncio.create_task(presenter(setup, run.stats, ready, run.done))
    await asyncio.wait_for(ready.wait(), timeout=30)
    run.start = time.monotonic() + 0.5
    phones = [
        asyncio.create_task(phone(run, i, clients[i % len(clients)], sources[i % len(sources)]))
        for i in range(args.participants)
    ]
    finished = await wait_for_phones(run.stats, args, run.start + args.max_seconds)
    await asyncio.sleep(args.settle)  # let the last events reach the projector
    run.done.set()
    await stop_tasks(phones, watcher)
    for client in clients:
        await client.aclose()
    run.stats.timed_out = not finished
    return run.stats


async def stop_tasks(phones: list[asyncio.Task[None]], watcher: asyncio.Task[None]) -> None:
    """Let the phones hang up (20 s at most), then cancel what is left."""
    with suppress(Exception):
        await asyncio.wait_for(asyncio.gather(*phones), timeout=20)
    for task in [*phones, watcher]:
        task.cancel()
    with suppress(BaseException):
        await watcher


async def wait_for_phones(stats: Stats, args: Any, deadline: float) -> bool:
    """Wait until every phone has sent all its answers (or given up), or until the deadline."""
    while time.monotonic() < deadline:
        if stats.phones_done >= args.participants:
            return True
        await asyncio.sleep(0.25)
    return False


# ------------------------------------------------------------------ figures


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
    args: Any, stats: Stats, stored_keys: set[str], rows: int, duplicates: int, seconds: float
) -> str:
    """Format the one result line."""
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
        "rejected": stats.rejected,
        "gave_up": stats.gave_up,
        "retries": stats.retries,
        "resent": stats.resent,
        "join_failures": stats.join_failures,
        "join_retries": stats.join_retries,
        "socket_failures": stats.socket_failures,
        "phone_messages": stats.phone_messages,
        "workers": args.workers,
        "phone_sockets": args.phone_sockets,
        "activities": ",".join(args.activities),
        "timed_out": int(stats.timed_out),
        "seconds": f"{seconds:.0f}",
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
    parser.add_argument("--ramp", type=float, default=None, help="seconds over which phones join")
    parser.add_argument(
        "--window",
        type=float,
        default=10.0,
        help="seconds each activity is open; every phone answers within it",
    )
    parser.add_argument(
        "--resend", type=float, default=0.05, help="share of answers sent twice with the same key"
    )
    parser.add_argument(
        "--phone-sockets",
        type=float,
        default=1.0,
        help="share of phones that keep a WebSocket open (1.0 = all, as in a room)",
    )
    parser.add_argument("--sources", type=int, default=16, help="loopback source addresses")
    parser.add_argument("--connections", type=int, default=64, help="HTTP connections per source")
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="hard limit of the run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.activities = [k.strip() for k in args.activities.split(",") if k.strip()]
    unknown = set(args.activities) - set(ACTIVITY_PLANS)
    if unknown or not args.activities:
        parser.error(f"unknown activity kinds: {sorted(unknown)}")
    if args.workers > 1 and not args.redis_url and not args.url:
        parser.error("--workers > 1 needs --redis-url (the in-memory channel layer is per process)")
    if not 1 <= args.participants <= 20_000:
        parser.error("--participants must be between 1 and 20000")
    if args.url and urlsplit(args.url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("--url must be on 127.0.0.1 (this benchmark never sends traffic elsewhere)")
    if args.ramp is None:
        args.ramp = max(2.0, args.participants / 100)
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
            began = time.monotonic()
            stats = asyncio.run(run_load(setup, args))
            seconds = time.monotonic() - began
        finally:
            stop_server(server)
        keys, rows, duplicates = count_stored(setup)
        line = report(args, stats, keys, rows, duplicates, seconds)
        print(
            f"{line} load_before={load_before:.1f} load_after={os.getloadavg()[0]:.1f}", flush=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
