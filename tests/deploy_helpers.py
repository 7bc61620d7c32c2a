"""A real deployment for tests: redis-server, several single-worker Facilitator servers on one SQLite
database, and nginx in front (sticky by cookie, WebSocket upgrade), each on a free port in a tmp dir,
started and stopped by the test module (docs/deploy.md describes the same set-up for production)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.conftest import PASSWORD, ROOT, STARTUP_LIMIT, free_port, listening_socket

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
STICKY_COOKIE = "facilitator_worker"


def wait_until(predicate, timeout=20.0, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


def in_order(client) -> None:
    """python-socketio's client hands every incoming message to a new thread, so two batches can be
    handled in either order; a browser handles them in the order they came. Handle them in order."""
    eio = client.eio
    trigger = eio._trigger_event

    def in_turn(event, *args, **kwargs):
        if event == "message":
            kwargs["run_async"] = False
        return trigger(event, *args, **kwargs)

    eio._trigger_event = in_turn


def missing_tools() -> list[str]:
    return [name for name, path in (("nginx", NGINX), ("redis-server", REDIS)) if not Path(path).exists()]


class Redis:
    def __init__(self, tmp: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen([REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(tmp)],
                                     stdout=open(tmp / "redis.log", "ab"), stderr=subprocess.STDOUT)
        import redis

        client = redis.Redis(port=self.port)

        def up():
            try:
                return client.ping()
            except redis.RedisError:
                return False

        wait_until(up, what="redis-server")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


class Worker:
    """`facilitator run` on one port (the command docs/deploy.md gives for each worker)."""

    def __init__(self, tmp: Path, db_path: str, queue: str, index: int):
        self.port = free_port()
        self.db_path = db_path
        self.queue = queue
        self.log = tmp / f"worker{index}.log"
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        self.spawn()
        self.wait()
        return self

    def spawn(self):
        """Start the worker on a socket bound here first, as tests/conftest.py's ServerProcess does:
        requests wait in its backlog until the worker takes them, however long it needs to start."""
        env = {**os.environ, "FACILITATOR_ADMIN_PASSWORD": PASSWORD, "FACILITATOR_ADMIN_EMAIL": "admin@example.org",
               "FACILITATOR_SECRET_KEY": "deploy-test-secret", "FACILITATOR_MESSAGE_QUEUE": self.queue,
               "FACILITATOR_PROXIES": "1"}
        with listening_socket(self.port) as sock:
            env["FACILITATOR_LISTEN_FD"] = str(sock.fileno())
            self.proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--port", str(self.port),
                                          "--db", self.db_path], cwd=ROOT, env=env, stdout=open(self.log, "ab"),
                                         stderr=subprocess.STDOUT, pass_fds=[sock.fileno()])

    def wait(self):
        try:
            requests.get(self.url + "/healthz", timeout=STARTUP_LIMIT).raise_for_status()
        except requests.RequestException as err:
            raise RuntimeError(f"worker on {self.port} did not start ({err}):\n" + self.log.read_text()) from None

    def kill(self, sig=None):
        if self.proc and self.proc.poll() is None:
            if sig is None:
                self.proc.terminate()
            else:
                self.proc.send_signal(sig)
            self.proc.wait(10)


NGINX_CONF = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{body}
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""


def nginx_site(workers: list[str], tmp: str = "") -> tuple[str, str]:
    """The http-level part and the server's locations of docs/deploy.md's nginx site."""
    servers = "\n".join(f"        server {w} max_fails=1 fail_timeout=2s;" for w in workers)
    body = f"""
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # Sticky sessions: a browser keeps its worker by a cookie nginx sets on its first request.
    map $cookie_{STICKY_COOKIE} $facilitator_sticky {{ "" $request_id; default $cookie_{STICKY_COOKIE}; }}
    upstream facilitator {{
        hash $facilitator_sticky consistent;
{servers}
    }}"""
    locations = f"""        location / {{
            proxy_pass http://facilitator;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 3600s;
            proxy_next_upstream error timeout http_502;
            add_header Set-Cookie "{STICKY_COOKIE}=$facilitator_sticky; Path=/; HttpOnly; SameSite=Lax" always;
            add_header X-Upstream $upstream_addr always;
        }}"""
    return body, locations


class Nginx:
    def __init__(self, tmp: Path, workers: list[str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = tmp / "nginx"
        self.dir.mkdir(exist_ok=True)
        body, locations = nginx_site(workers)
        conf = self.dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.dir, port=self.port, body=body, locations=locations))
        self.proc = subprocess.Popen([NGINX, "-p", str(self.dir), "-c", str(conf)],
                                     stdout=open(self.dir / "nginx.out", "ab"), stderr=subprocess.STDOUT)

        def up():
            if self.proc.poll() is not None:
                raise RuntimeError("nginx exited:\n" + (self.dir / "nginx.out").read_text()
                                   + (self.dir / "nginx-error.log").read_text())
            try:
                return requests.get(self.url + "/healthz", timeout=1).ok
            except requests.RequestException:
                return False

        wait_until(up, what="nginx")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


class Deployment:
    """redis + N workers + nginx on one database with the demo conference."""

    def __init__(self, tmp: Path, workers: int = 3, templates=None):
        self.tmp = tmp
        self.db_path = str(tmp / "facilitator.db")
        self.redis = Redis(tmp)
        self.workers = [Worker(tmp, self.db_path, self.redis.url, i) for i in range(workers)]
        if templates is not None:  # a copy of what a first start leaves (tests/conftest.py): all at once
            templates.copy("server", self.db_path)
        else:  # the first one sets up the database (migrations, demo); then the others
            self.workers[0].start()
        for w in self.workers:
            if w.proc is None:
                w.spawn()
        for w in self.workers:
            w.wait()
        self.nginx = Nginx(tmp, [f"127.0.0.1:{w.port}" for w in self.workers])
        self.url = self.nginx.url
        self._cookies: dict[int, str] = {}

    def cookie_for(self, index: int) -> str:
        """A sticky cookie value that nginx maps to worker ``index``."""
        if index in self._cookies:
            return self._cookies[index]
        port = self.workers[index].port
        for n in range(2000):
            value = f"w{n}"
            r = requests.get(self.url + "/healthz", cookies={STICKY_COOKIE: value}, timeout=5)
            upstream = r.headers.get("X-Upstream", "")
            for i, w in enumerate(self.workers):
                if upstream.endswith(f":{w.port}"):
                    self._cookies.setdefault(i, value)
            if index in self._cookies:
                return self._cookies[index]
        raise RuntimeError(f"no cookie maps to the worker on {port}")

    def db(self):
        from facilitator import db as database

        return database.connect(self.db_path)

    def stop(self):
        for part in (self.nginx, *self.workers):
            try:
                part.kill() if isinstance(part, Worker) else part.stop()
            except Exception:
                pass
        self.redis.stop()
